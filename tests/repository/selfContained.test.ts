/**
 * The repository is all a user, a CI service or a new maintainer has: nothing in it may read,
 * link or cite a file outside it (the sibling folder the project once grew up beside included).
 * Walks the working tree rather than asking git, so it also holds in a copy without .git (the
 * bare-clone step of .ci/run).
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
/** Installed or built, never committed. */
const SKIPPED_FOLDERS = new Set([".git", "node_modules", "lib", "dist", "build", "coverage", "test-output"]);
const BINARY = /\.(?:xlsx|xls|png|jpe?g|gif|ico|zip|ods)$/i;

/** References to the sibling folder of the specs: by a relative path, an absolute path to it, or its sub-folders by name. */
const OUTSIDE = [/\.\.[\\/]+shared\b/, /\/work\/shared\b/, /(?<![\w.-])shared\/(?:spec|seed|manifest-schemas|hooks)\b/];

function textFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...textFiles(path.join(folder, entry.name)));
    } else if (entry.isFile() && !BINARY.test(entry.name)) {
      files.push(path.relative(ROOT, path.join(folder, entry.name)).split(path.sep).join("/"));
    }
  }
  return files;
}

function outsideReferences(file: string): string[] {
  const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  return lines.flatMap((line, index) => (OUTSIDE.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

const files = textFiles(ROOT).filter((file) => file !== "tests/repository/selfContained.test.ts");

describe("the repository is self-contained", () => {
  it("no file reads, links or cites a path outside the repository", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(outsideReferences)).toEqual([]);
  });

  it("recognises the references it looks for", () => {
    // Spelled in parts, so this file is not itself a reference to the sibling folder.
    const sibling = ["sha", "red"].join("");
    const hits = [
      `see ../${sibling}/spec/workbook-contract.md`,
      `/work/${sibling}/manifest-schemas`,
      `(${sibling}/spec/program-rules.md)`,
      `\`${sibling}/seed/x.txt\``,
    ];
    for (const text of hits) expect([text, OUTSIDE.some((pattern) => pattern.test(text))]).toEqual([text, true]);
    for (const text of ["sharedStrings.xml", "shared formulas", "src/layouts/shared.ts", "docs/workbook-contract.md"]) {
      expect([text, OUTSIDE.some((pattern) => pattern.test(text))]).toEqual([text, false]);
    }
  });

  it("links the contract and the catalogue as documents of its own", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("(docs/workbook-contract.md)");
    expect(readme).toContain("(docs/program-rules.md)");
    for (const doc of ["docs/workbook-contract.md", "docs/program-rules.md", "scripts/manifest-schemas/README.md"]) expect(files).toContain(doc);
  });
});
