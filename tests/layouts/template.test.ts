import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET, SUBSIDY_HISTORY_SHEET } from "../../src/engine/contract";
import type { Language } from "../../src/engine/types";
import type { LayoutCell, SheetLayout } from "../../src/layouts/layout";
import { isTotalLabel } from "../../src/engine/read/tables";
import { fitsInline, TEMPLATE_HEADER_ROWS, TEMPLATE_ROWS, templateLayouts, templatePlanFields } from "../../src/layouts/template";
import { catalogueRulePack } from "../../src/rules";
import type { RulePack, VocabularyName } from "../../src/rules/schema";

const TABLES = [BUDGET_SHEET, MEMBERS_SHEET, INCOME_SHEET, SUBSIDY_HISTORY_SHEET];

function valueAt(layout: SheetLayout, row: number, column: number): unknown {
  const cell = layout.cells.find((candidate: LayoutCell) => candidate.row === row && candidate.column === column);
  return cell?.content.kind === "value" ? cell.content.value : undefined;
}

/** Every column whose values come from a vocabulary (the country column's is implicit). */
function vocabularyColumns(): { sheet: (typeof TABLES)[number]; column: number; vocabulary: VocabularyName }[] {
  return TABLES.flatMap((sheet) =>
    sheet.columns.flatMap((column, index) => {
      const vocabulary = (column.vocabulary ?? (column.key === "country" ? "country" : undefined)) as VocabularyName | undefined;
      return vocabulary ? [{ sheet, column: index + 1, vocabulary }] : [];
    }),
  );
}

describe.each<Language>(["zh-TW", "en"])("templateLayouts(%s)", (language) => {
  const layouts = templateLayouts(language);
  const pack = catalogueRulePack();

  it("has the five input sheets and the instructions, named per language", () => {
    expect(layouts.map((layout) => layout.name)).toEqual([
      PLAN_SHEET.name[language],
      ...TABLES.map((sheet) => sheet.name[language]),
      language === "zh-TW" ? "填寫說明" : "Instructions",
    ]);
  });

  it("heads each table with exactly the contract's names, frozen, below greyed example rows", () => {
    for (const definition of TABLES) {
      const layout = layouts.find((candidate) => candidate.kind === definition.key)!;
      const header = TEMPLATE_HEADER_ROWS[definition.key];
      const headers = definition.columns.map((column) => column.label[language]);
      expect(headers.map((_, index) => valueAt(layout, header, index + 1))).toEqual(headers);
      expect(layout.frozen).toEqual({ rows: header });
      if (definition.key === "budget") expect(layout.tables).toBeUndefined();
      else expect(layout.tables?.[0]).toMatchObject({ ref: `A${header}`, headers });
      const other = language === "zh-TW" ? "en" : "zh-TW";
      const note = layout.cells.find((cell) => cell.row === header && cell.column === 1)?.note ?? "";
      expect(note).toContain(definition.columns[0]!.label[other]);
      // Examples sit between the note and the header, grey: the engine reads rows below the header only.
      const examples = layout.cells.filter((cell) => cell.row > 1 && cell.row < header);
      expect(examples.length).toBeGreaterThan(0);
      expect(examples.every((cell) => cell.styles?.[0] === "example")).toBe(true);
      expect(layout.print).toMatchObject({ orientation: "landscape", fit: { width: 1, height: 0 }, titleRows: { first: header, last: header } });
    }
  });

  it("makes the budget a form: 金額 = 單價 × 數量 × 月數 on every line, a subtotal per 科目 and 合計", () => {
    const budget = layouts.find((layout) => layout.kind === "budget")!;
    const header = TEMPLATE_HEADER_ROWS.budget;
    const formulas = budget.cells.filter((cell) => cell.content.kind === "formula" && cell.row > header);
    const lineFormulas = formulas.filter((cell) => cell.column === 10 && /ISNUMBER/.test((cell.content as { formula: { text: string } }).formula.text));
    expect(lineFormulas.length).toBeGreaterThanOrEqual(pack.vocabularies.budgetCategory.length);
    const row = lineFormulas[0]!.row;
    expect((lineFormulas[0]!.content as { formula: { text: string } }).formula.text).toBe(
      `IF(AND(ISNUMBER(G${row}),ISNUMBER(H${row})),((G${row}*H${row})*IF((I${row}=""),1,I${row})),"")`,
    );
    const labels = budget.cells.filter((cell) => cell.column === 1 && cell.row > header).map((cell) => valueAt(budget, cell.row, 1));
    const subtotal = (label: string) => (language === "zh-TW" ? `${label}小計` : `Subtotal (${label})`);
    expect(labels).toEqual([...pack.vocabularies.budgetCategory.map((entry) => subtotal(entry.label[language])), language === "zh-TW" ? "合計" : "Total"]);
    for (const label of labels) expect(isTotalLabel(String(label))).toBe(true);
  });

  it("puts plan labels in column A and values in column B, asking for the fiscal year and not a rule pack", () => {
    const plan = layouts[0]!;
    const fields = templatePlanFields();
    fields.forEach((field, index) => {
      expect(valueAt(plan, index + 2, 1)).toBe(field.label[language]);
      expect(valueAt(plan, index + 2, 2)).toBeNull();
    });
    const labels = fields.map((field) => field.key);
    expect(labels).toContain("fiscalYear");
    expect(labels).toContain("projectNumber");
    expect(labels).not.toContain("rulePack");
    const texts = layouts.flatMap((layout) => layout.cells.map((cell) => (cell.content.kind === "value" ? String(cell.content.value) : "")));
    expect(texts.join("\n")).not.toMatch(/nstc-alliance/);
  });

  it("offers exactly each vocabulary (the zh-TW labels) in a dropdown on every vocabulary column", () => {
    for (const { sheet, column, vocabulary } of vocabularyColumns()) {
      const layout = layouts.find((candidate) => candidate.kind === sheet.key)!;
      const letter = String.fromCharCode(64 + column);
      const header = TEMPLATE_HEADER_ROWS[sheet.key];
      const validation = layout.validations?.find((candidate) => candidate.range === `${letter}${header + 1}:${letter}${header + TEMPLATE_ROWS}`);
      expect(validation?.values).toEqual(pack.vocabularies[vocabulary].map((entry) => entry.label["zh-TW"]));
    }
    expect(
      vocabularyColumns()
        .map((entry) => entry.vocabulary)
        .sort(),
    ).toEqual(["budgetCategory", "companySize", "country", "degree", "fundingSource", "incomeType", "organizationType", "staffType"].sort());
  });

  it("formats numbers, years and tax IDs (as text, to keep leading zeros)", () => {
    const members = layouts.find((layout) => layout.kind === "members")!;
    const column = (key: string) => members.columns?.find((entry) => entry.column === MEMBERS_SHEET.columns.findIndex((c) => c.key === key) + 1);
    expect(column("taxId")?.styles).toEqual(["text"]);
    expect(column("fee")?.styles).toEqual(["number"]);
    expect(column("yearJoined")?.styles).toEqual(["year"]);
  });

  it("explains every column and lists the pack's rules in both languages", () => {
    const instructions = layouts.find((layout) => layout.kind === "instructions")!;
    const texts = instructions.cells.map((cell) => (cell.content.kind === "value" ? String(cell.content.value) : ""));
    for (const definition of TABLES) {
      for (const column of definition.columns) {
        expect(texts).toContain(column.label["zh-TW"]);
        expect(texts).toContain(column.label.en);
      }
    }
    for (const [id, rule] of Object.entries(pack.rules)) {
      expect(texts).toContain(id);
      expect(texts).toContain(rule.title["zh-TW"]);
      expect(texts).toContain(rule.title.en);
    }
  });
});

describe("long vocabularies", () => {
  it("fit inline only within Excel's 255 characters and without commas", () => {
    expect(fitsInline(["a", "b"])).toBe(true);
    expect(fitsInline(["a,b"])).toBe(false);
    expect(fitsInline(Array.from({ length: 60 }, (_, i) => `country${i}`))).toBe(false);
  });

  it("go to a hidden lists sheet referred to by a defined name", () => {
    const base = catalogueRulePack();
    const many = Array.from({ length: 80 }, (_, i) => ({ value: `C${i}`, label: { "zh-TW": `國家${i}號`, en: `Country ${i}` }, aliases: [] }));
    const pack: RulePack = { ...base, vocabularies: { ...base.vocabularies, country: many } };
    const layouts = templateLayouts("zh-TW", pack);
    const lists = layouts.find((layout) => layout.kind === "lists")!;
    expect(lists.hidden).toBe(true);
    expect(lists.definedNames).toEqual([{ name: "AllianceCheck_List_country", range: "$A$2:$A$81" }]);
    const members = layouts.find((layout) => layout.kind === "members")!;
    const country = members.validations?.find((validation) => validation.source.kind === "name");
    expect(country?.source).toEqual({ kind: "name", name: "AllianceCheck_List_country" });
    expect(country?.values).toHaveLength(80);
    expect(valueAt(lists, 81, 1)).toBe("國家79號");
  });
});
