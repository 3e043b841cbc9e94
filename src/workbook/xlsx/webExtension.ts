/**
 * The parts that make Office open our task pane when a workbook is opened ("Automatically open a
 * task pane with a document", Office Add-ins documentation; [MS-OWEXML]): a web extension part
 * naming the add-in (its id and version from manifest.xml, the one source of truth) with the
 * property Office.AutoShowTaskpaneWithDocument = true, and a task pane part docking it on the
 * right, tied together by relationships and content types:
 *
 *   _rels/.rels                                  → xl/webextensions/taskpanes.xml (webextensiontaskpanes)
 *   xl/webextensions/taskpanes.xml               wetp:taskpanes / wetp:taskpane / wetp:webextensionref r:id
 *   xl/webextensions/_rels/taskpanes.xml.rels    → webextension1.xml (webextension)
 *   xl/webextensions/webextension1.xml           we:webextension / we:reference, we:properties
 *
 * The manifest's ShowTaskpane action has TaskpaneId Office.AutoShowTaskpaneWithDocument, which
 * names the pane to open. `visibility="0"`: the pane opens by itself once the add-in is
 * installed for the person (centrally deployed, from AppSource, or sideloaded); a person without
 * the add-in is not prompted to install it from the file.
 */
import { escapeXml } from "../xmlText";
import { NAMESPACES, XlsxPackage } from "./package";

export const AUTO_SHOW_PROPERTY = "Office.AutoShowTaskpaneWithDocument";

export const WEB_EXTENSION_NAMESPACES = {
  webextension: "http://schemas.microsoft.com/office/webextensions/webextension/2010/11",
  taskpanes: "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11",
} as const;

export const WEB_EXTENSION_RELATIONSHIPS = {
  taskpanes: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
  webextension: "http://schemas.microsoft.com/office/2011/relationships/webextension",
} as const;

export const WEB_EXTENSION_CONTENT_TYPES = {
  taskpanes: "application/vnd.ms-office.webextensiontaskpanes+xml",
  webextension: "application/vnd.ms-office.webextension+xml",
} as const;

export const TASKPANES_PART = "xl/webextensions/taskpanes.xml";
export const WEB_EXTENSION_PART = "xl/webextensions/webextension1.xml";

/**
 * Where Office finds the add-in, per deployment (the documentation's table of storeType values):
 * - "central": Centralized Deployment in the Microsoft 365 admin center (storeType and store EXCatalog);
 * - "sideload": a sideloaded add-in, e.g. while developing (storeType Registry, store "developer");
 * - a network share catalog: storeType FileSystem, store the share's path;
 * - AppSource: storeType OMEX, store the locale, and the AppSource asset id instead of the GUID.
 */
export type AddinStore =
  | { kind: "central" }
  | { kind: "sideload" }
  | { kind: "share"; path: string }
  | { kind: "appsource"; assetId: string; locale: string; version: string };

export interface AddinIdentity {
  /** The add-in's GUID (manifest <Id>). */
  id: string;
  /** The add-in's version (manifest <Version>). */
  version: string;
}

/** The add-in's id and version as manifest.xml states them. Throws when either is missing. */
export function addinIdentityFromManifest(manifestXml: string): AddinIdentity {
  // The first <Id> and <Version> are the OfficeApp's own (no other element of that name comes before them).
  const id = /<Id>\s*([0-9a-fA-F-]{36})\s*<\/Id>/.exec(manifestXml)?.[1];
  const version = /<Version>\s*([\d.]+)\s*<\/Version>/.exec(manifestXml)?.[1];
  if (!id || !version) throw new Error("manifest.xml has no add-in <Id> or <Version>");
  return { id, version };
}

function referenceAttributes(identity: AddinIdentity, store: AddinStore): { id: string; version: string; store: string; storeType: string } {
  switch (store.kind) {
    case "central":
      return { id: identity.id, version: identity.version, store: "EXCatalog", storeType: "EXCatalog" };
    case "sideload":
      return { id: identity.id, version: identity.version, store: "developer", storeType: "Registry" };
    case "share":
      return { id: identity.id, version: identity.version, store: store.path, storeType: "FileSystem" };
    case "appsource":
      return { id: store.assetId, version: store.version, store: store.locale, storeType: "OMEX" };
  }
}

export function webExtensionXml(identity: AddinIdentity, store: AddinStore): string {
  const reference = referenceAttributes(identity, store);
  const attributes = Object.entries(reference)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<we:webextension xmlns:we="${WEB_EXTENSION_NAMESPACES.webextension}" id="{${identity.id.toUpperCase()}}">` +
    `<we:reference${attributes}/>` +
    `<we:alternateReferences/>` +
    `<we:properties><we:property name="${AUTO_SHOW_PROPERTY}" value="true"/></we:properties>` +
    `<we:bindings/>` +
    `<we:snapshot xmlns:r="${NAMESPACES.r}"/>` +
    `</we:webextension>`
  );
}

export function taskpanesXml(relationshipId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<wetp:taskpanes xmlns:wetp="${WEB_EXTENSION_NAMESPACES.taskpanes}">` +
    `<wetp:taskpane dockstate="right" visibility="0" width="350" row="1">` +
    `<wetp:webextensionref xmlns:r="${NAMESPACES.r}" r:id="${escapeXml(relationshipId)}"/>` +
    `</wetp:taskpane>` +
    `</wetp:taskpanes>`
  );
}

/**
 * The workbook with the parts that open our task pane when it is opened. A workbook that already
 * has task pane parts (another add-in's) is returned as it is: we do not merge into them.
 */
export function withAutoShowTaskPane(bytes: Uint8Array, identity: AddinIdentity, store: AddinStore = { kind: "central" }): Uint8Array {
  const pkg = XlsxPackage.open(bytes);
  if (pkg.has(TASKPANES_PART) || pkg.relationships("").some((relationship) => relationship.type === WEB_EXTENSION_RELATIONSHIPS.taskpanes)) {
    return bytes;
  }
  pkg.write(WEB_EXTENSION_PART, webExtensionXml(identity, store));
  pkg.addContentTypeOverride(WEB_EXTENSION_PART, WEB_EXTENSION_CONTENT_TYPES.webextension);
  pkg.write(TASKPANES_PART, taskpanesXml("rId1"));
  const id = pkg.addRelationship(TASKPANES_PART, WEB_EXTENSION_RELATIONSHIPS.webextension, WEB_EXTENSION_PART);
  if (id !== "rId1") pkg.write(TASKPANES_PART, taskpanesXml(id));
  pkg.addContentTypeOverride(TASKPANES_PART, WEB_EXTENSION_CONTENT_TYPES.taskpanes);
  pkg.addRelationship("", WEB_EXTENSION_RELATIONSHIPS.taskpanes, TASKPANES_PART);
  return pkg.toBytes();
}
