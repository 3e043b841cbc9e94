import { BUDGET_SHEET, INCOME_SHEET, MEMBERS_SHEET, PLAN_SHEET, SUBSIDY_HISTORY_SHEET } from "../../src/engine/contract";
import type { Language } from "../../src/engine/types";
import type { LayoutCell, SheetLayout } from "../../src/layouts/layout";
import { fitsInline, TEMPLATE_ROWS, templateLayouts } from "../../src/layouts/template";
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

  it("heads each table with exactly the contract's names, frozen, as an Excel table", () => {
    for (const definition of TABLES) {
      const layout = layouts.find((candidate) => candidate.kind === definition.key)!;
      const headers = definition.columns.map((column) => column.label[language]);
      expect(headers.map((_, index) => valueAt(layout, 1, index + 1))).toEqual(headers);
      expect(layout.frozen).toEqual({ rows: 1 });
      expect(layout.tables?.[0]?.headers).toEqual(headers);
      const other = language === "zh-TW" ? "en" : "zh-TW";
      const note = layout.cells.find((cell) => cell.row === 1 && cell.column === 1)?.note ?? "";
      expect(note).toContain(definition.columns[0]!.label[other]);
    }
  });

  it("puts plan labels in column A and values in column B", () => {
    const plan = layouts[0]!;
    PLAN_SHEET.fields.forEach((field, index) => {
      expect(valueAt(plan, index + 2, 1)).toBe(field.label[language]);
      expect(valueAt(plan, index + 2, 2)).toBeNull();
    });
  });

  it("offers exactly each vocabulary (the zh-TW labels) in a dropdown on every vocabulary column", () => {
    for (const { sheet, column, vocabulary } of vocabularyColumns()) {
      const layout = layouts.find((candidate) => candidate.kind === sheet.key)!;
      const letter = String.fromCharCode(64 + column);
      const validation = layout.validations?.find((candidate) => candidate.range === `${letter}2:${letter}${TEMPLATE_ROWS + 1}`);
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
