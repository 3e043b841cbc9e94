import type { CellFlag } from "./gateway";
import {
  ANNOTATION_MARKER,
  annotationIndex,
  cellMarks,
  diffMarks,
  FLAG_STYLES,
  isOurAnnotation,
  markerFormula,
  styleOfFormula,
} from "./flagMarks";

const flag = (cell: string, severity: CellFlag["severity"], extra: Partial<CellFlag> = {}): CellFlag => ({
  sheet: "經費表",
  cell,
  severity,
  message: `m-${cell}-${severity}`,
  ruleId: `R-${severity}`,
  ...extra,
});

describe("cellMarks", () => {
  it.each([
    ["the most severe unwaived flag", [flag("A1", "info"), flag("A1", "error"), flag("A1", "warning")], "error"],
    ["ignoring waived flags", [flag("A1", "error", { waived: true }), flag("A1", "info")], "info"],
    ["grey when all are waived", [flag("A1", "error", { waived: true })], "waived"],
  ])("colours a cell by %s", (_, flags, style) => {
    expect(cellMarks(flags).map((mark) => mark.style)).toEqual([style]);
  });

  it("merges spellings of one cell, drops non-cells and writes one marked note", () => {
    const marks = cellMarks([flag("b2", "warning"), flag("$B$2", "error"), flag("A1:B2", "error")]);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ cell: "B2", row: 2, column: 2, style: "error" });
    expect(marks[0]!.note).toBe("【產學聯盟檢核】\n• m-$B$2-error\n• m-b2-warning");
    expect(marks[0]!.note.startsWith(ANNOTATION_MARKER)).toBe(true);
    expect(marks[0]!.note).not.toContain("R-error");
    expect(isOurAnnotation(marks[0]!.note)).toBe(true);
    expect(isOurAnnotation("請確認")).toBe(false);
  });

  it("marks explained findings, and still knows notes written under the old [alliance-check] marker", () => {
    expect(cellMarks([flag("A1", "error", { waived: true })])[0]!.note).toBe("【產學聯盟檢核】\n✓ m-A1-error");
    expect(isOurAnnotation("[alliance-check]\nBUD-CAP: 補助款超過上限")).toBe(true);
    expect(annotationIndex("人資確認中\n\n[alliance-check]\nOLD")).toBe("人資確認中\n\n".length);
    expect(annotationIndex("人資確認中\n\n【產學聯盟檢核】\n• 新")).toBe("人資確認中\n\n".length);
    expect(annotationIndex("人資確認中")).toBe(-1);
  });
});

describe("diffMarks", () => {
  it("reports the styles whose cells changed and the cells whose notes changed", () => {
    const before = cellMarks([flag("A1", "error"), flag("A2", "warning"), flag("A3", "info")]);
    const after = cellMarks([flag("A1", "error"), flag("A2", "error"), flag("A3", "info", { message: "new" })]);
    const changes = diffMarks(before, after);
    expect([...changes.styles].sort()).toEqual(["經費表|error", "經費表|warning"]);
    expect([...changes.cells].sort()).toEqual(["經費表!A2", "經費表!A3"]);
    expect(diffMarks(after, after)).toEqual({ styles: new Set(), cells: new Set() });
  });
});

describe("marker formulas", () => {
  it.each(FLAG_STYLES)("recognises its own formula for %s", (style) => {
    expect(styleOfFormula(markerFormula(style))).toBe(style);
  });

  it.each(["=TRUE", "=A1>100", '="alliance-check"'])("does not claim %s", (formula) => {
    expect(styleOfFormula(formula)).toBeNull();
  });
});
