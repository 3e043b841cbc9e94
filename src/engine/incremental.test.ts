import { createValidator, validateWorkbook } from "./validate";
import { patchSnapshot } from "./patch";
import { workbook } from "../../tests/helpers/workbook";

const strip = (result: ReturnType<typeof validateWorkbook>) => JSON.parse(JSON.stringify(result));

describe("createValidator + patchSnapshot", () => {
  it("gives exactly validateWorkbook's result after each of a series of edits", () => {
    const validate = createValidator();
    let snapshot = workbook();
    expect(strip(validate(snapshot))).toEqual(strip(validateWorkbook(snapshot)));
    const edits = [
      { sheet: "經費表", address: "G4", values: [[12_000]] }, // doctoral pay below the floor
      { sheet: "經費表", address: "A20", values: [["研究主持費", "研究主持費"]] }, // a new row below the table
      { sheet: "會員名單", address: "D2", values: [["個人"]] },
      { sheet: "計畫資訊", address: "B4", values: [[116]] }, // another pack: every row re-parsed
      { sheet: "經費表", address: "G4", values: [[16_000]] },
    ];
    for (const edit of edits) {
      snapshot = patchSnapshot(snapshot, edit);
      expect(strip(validate(snapshot))).toEqual(strip(validateWorkbook(snapshot)));
    }
    expect(snapshot.sheets[0]!.values[3]![1]).toBe(116);
  });

  it("does not mutate the snapshot it patches, and keeps unchanged rows' arrays", () => {
    const before = workbook();
    const budget = before.sheets[1]!;
    const after = patchSnapshot(before, { sheet: budget.name, address: "G4", values: [[1]] });
    expect(budget.values[3]![6]).toBe(16_000);
    expect(after.sheets[1]!.values[3]![6]).toBe(1);
    expect(after.sheets[1]!.values[2]).toBe(budget.values[2]);
    expect(after.sheets[0]).toBe(before.sheets[0]);
  });

  it("grows the sheet's rectangle for an edit above and left of it", () => {
    const snapshot = { sheets: [{ name: "S", originRow: 3, originColumn: 3, values: [["x"]] }] };
    const patched = patchSnapshot(snapshot, { sheet: "S", address: "A1", values: [["y"]] });
    expect(patched.sheets[0]).toMatchObject({ originRow: 1, originColumn: 1 });
    expect(patched.sheets[0]!.values[0]![0]).toBe("y");
    expect(patched.sheets[0]!.values[2]![2]).toBe("x");
  });
});
