/**
 * Done means: on a folder of submissions written by other programs (LibreOffice among them; some
 * broken; one alliance in two fiscal years), `alliance-check review` writes an overview whose rows
 * agree with `alliance-check FILE --format json` for each file, whose year-over-year sheet lists
 * the members who joined and left, and which LibreOffice opens and recalculates to the same
 * figures as the JSON overview.
 */
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import type { CellValue, SheetSnapshot } from "../../src/engine/types";
import type { JsonOverview } from "../../src/report/overview";
import { OVERVIEW_COLUMNS } from "../../src/review";
import { readWorkbookSnapshot } from "../../src/workbook/xlsx/read";
import { runMain } from "../hostile/cli";
import { writeRound, type Round } from "../review/round";
import { convertWithLibreOffice, describeWithLibreOffice } from "./soffice";

function grid(sheet: SheetSnapshot): (row: number, column: number) => CellValue {
  return (row, column) => sheet.values[row - sheet.originRow]?.[column - sheet.originColumn] ?? null;
}

const COLUMN = Object.fromEntries(OVERVIEW_COLUMNS.map((column, index) => [column.key, index + 1]));
const blank = (value: CellValue) => (value === "" ? null : value);

describeWithLibreOffice("review on a round written by other programs, recalculated by LibreOffice", () => {
  const parent = mkdtempSync(path.join(tmpdir(), "alliance-review-lo-"));
  let round: Round;
  let json: JsonOverview;
  let recalculated: SheetSnapshot[];

  beforeAll(async () => {
    round = await writeRound(parent, { libreOffice: true });
    const out = path.join(parent, "overview.xlsx");
    const run = await runMain("review", path.join(parent, "round"), "--format", "json", "--out", out);
    expect(run.code).toBe(1);
    json = JSON.parse(run.stdout) as JsonOverview;
    recalculated = (await readWorkbookSnapshot(convertWithLibreOffice(new Uint8Array(readFileSync(out))))).sheets;
  }, 240_000);

  it("reads the files LibreOffice wrote, and each row agrees with the single-file command", async () => {
    expect(round.writtenByLibreOffice).toHaveLength(2);
    for (const relative of round.readable) {
      const file = path.join(parent, relative);
      const single = JSON.parse((await runMain(file, "--format", "json")).stdout);
      const row = json.submissions.find((submission) => submission.file === file);
      expect(row).toMatchObject({ status: "checked", fiscalYear: single.fiscalYear, subsidy: single.summary.subsidy, operatingIncome: single.summary.operatingIncome, members: single.summary.members });
    }
    expect(json.submissions.filter((submission) => submission.status === "unreadable")).toHaveLength(2);
  });

  it("recalculates the overview sheet to the JSON's figures", () => {
    const [overview] = recalculated;
    const at = grid(overview!);
    json.submissions.forEach((submission, index) => {
      const r = index + 2;
      expect(at(r, COLUMN.file!)).toBe(submission.file);
      if (submission.status === "unreadable") {
        expect(at(r, COLUMN.note!)).toBe(submission.error.message);
        return;
      }
      const ratio = blank(at(r, COLUMN.ratio!));
      expect({ file: submission.file, ratio: ratio === null ? null : Math.round((ratio as number) * 100) / 100 }).toEqual({ file: submission.file, ratio: submission.selfSufficiencyRatio });
      expect(at(r, COLUMN.excluded!)).toBe(submission.members.excluded);
      expect(at(r, COLUMN.subsidy!)).toBe(submission.subsidy);
      expect(at(r, COLUMN.errors!)).toBe(submission.findings.error);
      const above = at(r, COLUMN.incomeAboveSubsidy!);
      expect(above).toBe(submission.incomeAboveSubsidy === null ? "—" : submission.incomeAboveSubsidy ? "達成" : "未達成");
    });
  });

  it("recalculates rule frequency: the checked count over the overview, shares and totals", () => {
    const at = grid(recalculated[1]!);
    expect(at(2, 2)).toBe(json.round.checked);
    json.ruleFrequency.forEach((rule, index) => {
      expect(at(index + 5, 1)).toBe(rule.ruleId);
      expect(at(index + 5, 5)).toBeCloseTo(rule.submissions / json.round.checked, 12);
    });
    expect(at(json.ruleFrequency.length + 5, 6)).toBe(json.ruleFrequency.reduce((sum, rule) => sum + rule.findings, 0));
  });

  it("recalculates year over year: who joined and left, income growth, the history that disagrees", () => {
    const sheet = recalculated[2]!;
    const rows = sheet.values.map((values) => values.map(blank));
    const [view] = json.yearOverYear;
    const counts = rows.find((values) => values[0] === "名單列數")!;
    expect(counts.slice(1, 6)).toEqual([view!.members.earlier, view!.members.later, view!.members.stayed, view!.members.joined.length, view!.members.left.length]);
    const names = rows.flat();
    for (const member of [...view!.members.joined, ...view!.members.left]) expect(names).toContain(member.name);
    for (const income of view!.income) {
      const growth = rows.find((values) => values[0] === income.label)![3] ?? null;
      expect(growth === null ? null : Number((growth as number).toFixed(12))).toEqual(income.growth === null ? null : Number(income.growth.toFixed(12)));
    }
    const differences = rows.filter((values) => values[0] === 114 && (values[1] === "補助款" || values[1] === "營運收入")).map((values) => values[5] ?? null);
    expect(differences).toEqual(view!.disagreements.map((entry) => (entry.later === null || entry.earlier === null ? null : entry.later - entry.earlier)));
  });

  it("recalculates the chart's figures from the overview", () => {
    const at = grid(recalculated[3]!);
    const charted = json.submissions.filter((submission) => submission.status === "checked" && submission.subsidy !== null && submission.operatingIncome !== null);
    charted.forEach((submission, index) => {
      if (submission.status !== "checked") return;
      expect([at(index + 2, 1), at(index + 2, 2), at(index + 2, 3)]).toEqual([`${submission.title ?? submission.file} ${submission.fiscalYear}`, submission.operatingIncome, submission.subsidy]);
    });
  });
});
