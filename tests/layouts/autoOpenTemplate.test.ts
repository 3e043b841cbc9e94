/**
 * The template opens our task pane by itself: `alliance-check template` writes the web extension
 * parts ("Automatically open a task pane with a document"), naming the add-in by manifest.xml's
 * id and version. Read back from the zip: the parts, their namespaces, the relationships that
 * tie them to the package and the content types; the engine and LibreOffice still open the file.
 */
import { unzipSync, strFromU8 } from "fflate";
import { readFileSync } from "fs";
import * as path from "path";
import { addinIdentity, MANIFEST_PATH, templateWorkbookBytes } from "../../src/cli/template";
import { validateWorkbook } from "../../src/engine";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { parseRelationships } from "../../src/workbook/xlsx/package";
import {
  addinIdentityFromManifest,
  AUTO_SHOW_PROPERTY,
  TASKPANES_PART,
  WEB_EXTENSION_CONTENT_TYPES,
  WEB_EXTENSION_NAMESPACES,
  WEB_EXTENSION_PART,
  WEB_EXTENSION_RELATIONSHIPS,
  withAutoShowTaskPane,
} from "../../src/workbook/xlsx/webExtension";
import { convertWithLibreOffice, describeWithLibreOffice } from "../libreoffice/soffice";

const manifest = readFileSync(path.join(__dirname, "..", "..", "manifest.xml"), "utf8");

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The attributes of the first element named `name` (any prefix). */
function attributesOf(xml: string, name: string): Record<string, string> {
  const tag = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`).exec(xml)?.[1] ?? "";
  return Object.fromEntries([...tag.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));
}

describe("the template's auto-open parts", () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = parts(await templateWorkbookBytes("zh-TW"));
  });

  it("takes the add-in's id and version from manifest.xml", () => {
    const identity = addinIdentity();
    expect(MANIFEST_PATH).toBe(path.resolve(__dirname, "..", "..", "manifest.xml"));
    expect(identity).toEqual({
      id: /<Id>([^<]+)<\/Id>/.exec(manifest)![1],
      version: /<Version>([^<]+)<\/Version>/.exec(manifest)![1],
    });
    expect(identity.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  it("has a web extension part naming the add-in, with Office.AutoShowTaskpaneWithDocument = true", () => {
    const xml = files[WEB_EXTENSION_PART]!;
    const identity = addinIdentity();
    expect(attributesOf(xml, "webextension")["xmlns:we"]).toBe(WEB_EXTENSION_NAMESPACES.webextension);
    expect(attributesOf(xml, "reference")).toEqual({ id: identity.id, version: identity.version, store: "EXCatalog", storeType: "EXCatalog" });
    expect(xml).toContain(`<we:property name="${AUTO_SHOW_PROPERTY}" value="true"/>`);
    expect(AUTO_SHOW_PROPERTY).toBe("Office.AutoShowTaskpaneWithDocument");
  });

  it("has a task pane part docked right, hidden until the add-in is installed, pointing at the web extension", () => {
    const xml = files[TASKPANES_PART]!;
    expect(attributesOf(xml, "taskpanes")["xmlns:wetp"]).toBe(WEB_EXTENSION_NAMESPACES.taskpanes);
    expect(attributesOf(xml, "taskpane")).toMatchObject({ dockstate: "right", visibility: "0", width: "350", row: "1" });
    const ref = attributesOf(xml, "webextensionref");
    const rels = parseRelationships(files["xl/webextensions/_rels/taskpanes.xml.rels"]!, "xl/webextensions/_rels/taskpanes.xml.rels");
    expect(rels).toEqual([{ id: ref["r:id"], type: WEB_EXTENSION_RELATIONSHIPS.webextension, target: "webextension1.xml", external: false }]);
  });

  it("ties the task pane part to the package and declares both content types", () => {
    const root = parseRelationships(files["_rels/.rels"]!, "_rels/.rels");
    expect(root).toContainEqual(expect.objectContaining({ type: WEB_EXTENSION_RELATIONSHIPS.taskpanes, target: "xl/webextensions/taskpanes.xml" }));
    // The workbook is still the package's office document.
    expect(root.some((relationship) => relationship.type.endsWith("/officeDocument"))).toBe(true);
    const types = files["[Content_Types].xml"]!;
    expect(types).toContain(`<Override PartName="/${TASKPANES_PART}" ContentType="${WEB_EXTENSION_CONTENT_TYPES.taskpanes}"/>`);
    expect(types).toContain(`<Override PartName="/${WEB_EXTENSION_PART}" ContentType="${WEB_EXTENSION_CONTENT_TYPES.webextension}"/>`);
  });

  it("is still read by the engine as the template", async () => {
    const result = validateWorkbook(await readWorkbookSnapshot(await templateWorkbookBytes("en")));
    expect(result.findings.some((finding) => finding.ruleId === "WB-SHEET-MISSING")).toBe(false);
  });

  it("writes the reference for each kind of deployment", async () => {
    const base = await templateWorkbookBytes("zh-TW");
    const identity = { id: "905af878-6eca-4302-9e9a-4b4108aa027e", version: "1.0.0.0" };
    const reference = (bytes: Uint8Array) => attributesOf(parts(bytes)[WEB_EXTENSION_PART]!, "reference");
    // A workbook that has task pane parts already is left as it is.
    expect(withAutoShowTaskPane(base, identity, { kind: "sideload" })).toBe(base);
    const { unzipSync: unzip, zipSync } = await import("fflate");
    const stripped = unzip(base);
    delete stripped[TASKPANES_PART];
    delete stripped[WEB_EXTENSION_PART];
    delete stripped["xl/webextensions/_rels/taskpanes.xml.rels"];
    stripped["_rels/.rels"] = new TextEncoder().encode(
      strFromU8(stripped["_rels/.rels"]!).replace(/<Relationship [^>]*webextensiontaskpanes[^>]*\/>/, ""),
    );
    const plain = zipSync(stripped);
    expect(reference(withAutoShowTaskPane(plain, identity, { kind: "sideload" }))).toMatchObject({ store: "developer", storeType: "Registry" });
    expect(reference(withAutoShowTaskPane(plain, identity, { kind: "share", path: "\\\\server\\addins" }))).toMatchObject({
      store: "\\\\server\\addins",
      storeType: "FileSystem",
    });
    expect(reference(withAutoShowTaskPane(plain, identity, { kind: "appsource", assetId: "WA104380000", locale: "zh-TW", version: "1.0.0.0" }))).toEqual({
      id: "WA104380000",
      version: "1.0.0.0",
      store: "zh-TW",
      storeType: "OMEX",
    });
  });

  it("refuses a manifest without an id", () => {
    expect(() => addinIdentityFromManifest("<OfficeApp></OfficeApp>")).toThrow(/Id/);
  });
});

describeWithLibreOffice("the auto-open template in LibreOffice", () => {
  it("opens and saves again with its sheets", async () => {
    const saved = convertWithLibreOffice(await templateWorkbookBytes("zh-TW"));
    const snapshot = await readWorkbookSnapshot(saved);
    expect(snapshot.sheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(["計畫資訊", "經費表", "會員名單", "營運收入"]));
  }, 180_000);
});
