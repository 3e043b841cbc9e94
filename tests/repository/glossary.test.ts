/**
 * One vocabulary: docs/glossary.md's last column lists, in backticks, the words people should
 * not read from us. This test fails when one of them appears in text people read: string
 * literals, template text and JSX text in src/**\/*.ts(x) (tests, test folders and comments
 * aside), every string of the rule packs (their `aliases` lists, which recognise what people
 * type, aside) and README.md. Chinese terms match anywhere; English terms match as whole words,
 * case-insensitively, in text that reads as words (a space or a capital: "Waived", not an
 * identifier-like key such as "waived"). A source line that only recognises input carries the
 * comment `glossary: input` (on the line itself or a comment line above); one that names a stored
 * file format's element carries `glossary: format`.
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The backticked terms of the glossary table's last column. */
export function forbiddenTerms(markdown: string): string[] {
  const terms: string[] = [];
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|") || /^\|\s*(?:zh-TW|---)/.test(line)) continue;
    const cells = line.split("|").slice(1, -1);
    const last = cells[cells.length - 1] ?? "";
    for (const match of last.matchAll(/`([^`]+)`/g)) if (match[1]) terms.push(match[1]);
  }
  return terms;
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

function matcher(term: string): (text: string) => boolean {
  if (CJK.test(term)) return (text) => text.includes(term);
  const pattern = new RegExp(`(?<![A-Za-z])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z])`, "i");
  // English: only in text that reads as words (has a space or a capital letter).
  return (text) => /\s|[A-Z]/.test(text) && pattern.test(text);
}

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "test" && entry.name !== "__tests__") files.push(...sourceFiles(relative));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      files.push(relative);
    }
  }
  return files;
}

interface Text {
  where: string;
  text: string;
}

/** The texts of a TypeScript file people may read, with file:line. */
export function sourceTexts(file: string, source: string): Text[] {
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = source.split("\n");
  const ignored = (line: number) => /glossary: (?:input|format)/.test(lines[line] ?? "") || /^\s*\/\/.*glossary: (?:input|format)/.test(lines[line - 1] ?? "");
  const texts: Text[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      // Module specifiers are file names, not text.
      if (!(ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent))) {
        const line = parsed.getLineAndCharacterOfPosition(node.getStart(parsed)).line;
        if (!ignored(line)) texts.push({ where: `${file}:${line + 1}`, text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parsed);
  return texts;
}

/** Every string of a rule pack, but its `aliases` lists. */
export function packTexts(file: string, pack: unknown): Text[] {
  const texts: Text[] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value === "string") texts.push({ where: `${file} ${at}`, text: value });
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${at}[${index}]`));
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) if (key !== "aliases") walk(item, at ? `${at}.${key}` : key);
    }
  };
  walk(pack, "");
  return texts;
}

function violations(terms: readonly string[], texts: readonly Text[]): string[] {
  const tests = terms.map((term) => ({ term, test: matcher(term) }));
  return texts.flatMap(({ where, text }) => {
    const found = tests.filter(({ test }) => test(text)).map(({ term }) => `「${term}」`);
    return found.length > 0 ? [`${where}: ${found.join("")} in ${JSON.stringify(text.slice(0, 120))}`] : [];
  });
}

const terms = forbiddenTerms(read("docs/glossary.md"));

describe("the glossary", () => {
  it("lists the words not to use (the test reads them)", () => {
    expect(terms).toEqual(expect.arrayContaining(["豁免", "自籌比率", "工作簿", "條件式格式", "台", "計入", "錯誤 Error", "waived"]));
  });

  it("catches a term in a string, a template and JSX text, but not in comments, imports or input recognisers", () => {
    const source = [
      `// 豁免 in a comment`,
      `import x from "./工作簿";`,
      `const a = "已豁免";`,
      "const b = `共 ${1} 個工作簿`;",
      `const c = <div>自籌比率</div>;`,
      `const d = ["臺", "台"]; // glossary: input`,
      `const e = { key: "waived", label: "Waived" };`,
    ].join("\n");
    const found = violations(terms, sourceTexts("x.tsx", source));
    expect(found.map((line) => line.split(":")[1])).toEqual(["3", "4", "5", "7"]);
  });

  it("skips a rule pack's aliases but checks its labels and messages", () => {
    const pack = { vocabularies: { country: [{ label: { "zh-TW": "台灣" }, aliases: ["台灣"] }] }, rules: { X: { messages: { default: { "zh-TW": "不計入" } } } } };
    expect(violations(terms, packTexts("p.json", pack))).toHaveLength(2);
  });

  it("is followed by the sources (string literals and JSX text in src)", () => {
    const texts = sourceFiles("src").flatMap((file) => sourceTexts(file, read(file)));
    expect(texts.length).toBeGreaterThan(1000);
    expect(violations(terms, texts)).toEqual([]);
  });

  it("is followed by the rule packs", () => {
    const packs = readdirSync(path.join(ROOT, "src/rules/packs")).filter((name) => name.endsWith(".json"));
    expect(packs.length).toBeGreaterThan(0);
    const texts = packs.flatMap((name) => packTexts(`src/rules/packs/${name}`, JSON.parse(read(`src/rules/packs/${name}`))));
    expect(violations(terms, texts)).toEqual([]);
  });

  it("is followed by the README", () => {
    const texts = read("README.md")
      .split("\n")
      // File names (waivers.ts) and code (`waived`, a JSON key) are names, not words.
      .map((text, index) => ({ where: `README.md:${index + 1}`, text: text.replace(/`[^`]*`/g, "").replace(/[\w./*-]+\.(?:tsx?|jsx?|json|md)\b/g, "") }));
    expect(violations(terms, texts)).toEqual([]);
  });
});
