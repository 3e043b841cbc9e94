/**
 * The floor for the command line: inflate the parts of the file and scan the worksheets' XML for
 * cells, nothing else (no namespaces, no values, no bounds, no engine), in its own process,
 * measured exactly as the command line is. Node's zlib inflates; the zip directory is read here
 * by hand so that nothing of the product is used. Prints what it found, so the work cannot be
 * skipped.
 *   node build/bench/bench/floor.js FILE.xlsx
 */
import { readFileSync } from "fs";
import { inflateRawSync } from "zlib";

export interface FloorOutput {
  parts: number;
  /** Bytes of worksheet XML inflated and scanned. */
  sheetBytes: number;
  /** `<c ` and `<c>` start tags found in them. */
  cells: number;
}

function main(file: string): void {
  const data = readFileSync(file);
  let eocd = data.length - 22;
  while (eocd >= 0 && data.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const out: FloorOutput = { parts: 0, sheetBytes: 0, cells: 0 };
  for (let i = 0; i < count; i++) {
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    const local = data.readUInt32LE(at + 42);
    at = next;
    if (!/\.(xml|rels)$/.test(name)) continue;
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const compressed = data.subarray(start, start + compressedSize);
    const xml = method === 8 ? inflateRawSync(compressed) : compressed;
    out.parts++;
    if (!name.startsWith("xl/worksheets/")) continue;
    out.sheetBytes += xml.length;
    for (let lt = xml.indexOf(60); lt >= 0; lt = xml.indexOf(60, lt + 1)) {
      if (xml[lt + 1] === 99 /* c */ && (xml[lt + 2] === 32 || xml[lt + 2] === 62)) out.cells++;
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv[2] ?? "");
