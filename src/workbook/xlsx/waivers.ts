/**
 * Waivers in an .xlsx file: the add-in stores them as a custom XML part (customXml/item*.xml) in
 * the format of ../waiverXml.ts, so they travel with the workbook. Reading never throws:
 * a file without waivers, or with a damaged part, has none.
 */
import type { Waiver } from "../../engine/types";
import { fnv1a } from "../../engine/validate";
import { isWaiverPart, mergeWaivers, WAIVER_NAMESPACE, waiversFromXml, waiversToXml } from "../waiverXml";
import { CONTENT_TYPES, decodeText, RELATIONSHIP_TYPES, resolveTarget, XlsxPackage } from "./package";

/** A custom XML part larger than this is not ours. */
const MAX_PART_BYTES = 16 * 1024 * 1024;
const CUSTOM_XML_ITEM = /^customXml\/item\d*\.xml$/i;

/** The waivers stored in the workbook; [] when there are none or the file cannot be read. */
export function readWaiversFromXlsx(data: Uint8Array): Waiver[] {
  try {
    const pkg = XlsxPackage.open(data, (file) => CUSTOM_XML_ITEM.test(file.name) && file.originalSize <= MAX_PART_BYTES);
    const lists: Waiver[][] = [];
    for (const name of pkg.names().sort()) {
      const bytes = pkg.bytes(name);
      if (!bytes) continue;
      const xml = decodeText(bytes);
      if (!isWaiverPart(xml)) continue;
      try {
        lists.push(waiversFromXml(xml));
      } catch {
        // A damaged waiver part: its waivers are lost, the others still count.
      }
    }
    return mergeWaivers(lists);
  } catch {
    return [];
  }
}

function guid(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map((n) => fnv1a(`${n}|${seed}`))
    .join("")
    .toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * A copy of the workbook whose waiver part holds `waivers` (replacing any earlier waiver part).
 * The input bytes are not changed.
 */
export function writeWaiversToXlsx(data: Uint8Array, waivers: readonly Waiver[]): Uint8Array {
  const pkg = XlsxPackage.open(data);
  const workbook = pkg.workbookPart();
  for (const relationship of pkg.relationships(workbook)) {
    if (relationship.type !== RELATIONSHIP_TYPES.customXml) continue;
    const item = resolveTarget(workbook, relationship.target);
    const xml = pkg.text(item);
    if (xml === undefined || !isWaiverPart(xml)) continue;
    for (const props of pkg.relationships(item)) {
      const propsPart = resolveTarget(item, props.target);
      pkg.remove(propsPart);
      pkg.removeContentTypeOverride(propsPart);
    }
    pkg.remove(`customXml/_rels/${item.slice("customXml/".length)}.rels`);
    pkg.remove(item);
    pkg.removeRelationship(workbook, relationship.id);
  }
  if (waivers.length === 0) return pkg.toBytes();

  const xml = waiversToXml(waivers);
  const item = pkg.freePartName("customXml/item", ".xml");
  const wantedProps = item.replace("/item", "/itemProps");
  const props = pkg.has(wantedProps) ? pkg.freePartName("customXml/itemProps", ".xml") : wantedProps;
  pkg.write(item, xml);
  pkg.write(
    props,
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${guid(xml)}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${WAIVER_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  pkg.addContentTypeDefault("xml", CONTENT_TYPES.xml);
  pkg.addContentTypeOverride(props, CONTENT_TYPES.customXmlProperties);
  pkg.addRelationship(item, RELATIONSHIP_TYPES.customXmlProps, props);
  pkg.addRelationship(workbook, RELATIONSHIP_TYPES.customXml, item);
  return pkg.toBytes();
}
