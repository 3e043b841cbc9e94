/**
 * The round's pure computations: a submission's facts agree with its validation, members are
 * matched by tax ID else name, the year-over-year view finds what changed and where the later
 * history disagrees, and the overview sorts, counts and pairs as the contract says.
 */
import { cleanIncome, cleanMembers, cleanPlan, TAX_IDS, workbook, type WorkbookParts } from "../../tests/helpers/workbook";
import type { ValidateOptions } from "../engine/validate";
import { buildOverview, checkSubmission, compareSubmissions, projectKey, rosterChanges, type RoundEntry, type RosterEntry, type SubmissionFacts } from ".";

function facts(file: string, parts: WorkbookParts = {}, options: ValidateOptions = {}): SubmissionFacts {
  return checkSubmission(file, workbook(parts), options).facts;
}

function roster(...entries: [string, string | null][]): RosterEntry[] {
  return entries.map(([name, taxId]) => ({ name, taxId, nameKey: name.toLowerCase(), yearJoined: null, counted: true }));
}

const checked = (f: SubmissionFacts, annotated?: string): RoundEntry => ({ kind: "checked", facts: f, ...(annotated ? { annotated } : {}) });

describe("a submission's facts", () => {
  it("carry the plan, the summary's figures and the finding counts of its validation", () => {
    const { result, facts: f } = checkSubmission("a/plan.xlsx", workbook({ plan: { ...cleanPlan, 計畫編號: "NSTC 115-2622-E-006-001" } }));
    expect(f).toMatchObject({
      file: "a/plan.xlsx",
      title: "智慧製造產學技術聯盟",
      projectNumber: "NSTC 115-2622-E-006-001",
      institution: "國立範例大學",
      pi: "王大明",
      fiscalYear: 115,
      phase: 1,
      yearInPhase: 2,
      rulePack: "nstc-alliance-115",
      subsidy: result.summary.subsidy,
      operatingIncome: result.summary.operatingIncome,
      selfSufficiencyRatio: result.summary.selfSufficiencyRatio,
      members: result.summary.members,
    });
    const unwaived = (severity: string) => result.findings.filter((finding) => finding.severity === severity && !finding.waiver).length;
    expect(f.findings).toEqual({ error: unwaived("error"), warning: unwaived("warning"), info: unwaived("info"), waived: 0 });
  });

  it("count findings by rule, most frequent first, waived ones apart from the severities", () => {
    const badFees = cleanMembers.map((member) => ({ ...member, 統一編號: "12345678" }));
    const first = checkSubmission("x.xlsx", workbook({ members: badFees }));
    const taxIdRule = first.result.findings.find((finding) => finding.ruleId.startsWith("MEM-TAXID"))!;
    const waiver = { fingerprint: taxIdRule.fingerprint, ruleId: taxIdRule.ruleId, reason: "checked by phone" };
    const { result, facts: f } = checkSubmission("x.xlsx", workbook({ members: badFees }), { waivers: [waiver] });
    const counts = new Map<string, number>();
    for (const finding of result.findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    expect(f.rules.map((rule) => [rule.ruleId, rule.findings])).toEqual([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    expect(f.rules.find((rule) => rule.ruleId === taxIdRule.ruleId)!.waived).toBe(1);
    expect(f.findings.waived).toBe(1);
    expect(f.findings.error + f.findings.warning + f.findings.info + f.findings.waived).toBe(result.findings.length);
  });

  it("list the members as the engine reads them: tax IDs typed as numbers padded, and who counts", () => {
    const f = facts("m.xlsx", {
      members: [
        { 廠商名稱: "甲科技股份有限公司", 統一編號: 4595257, 年費: 50_000, 入會年度: 114 },
        { 廠商名稱: "某研究院", 統一編號: TAX_IDS[2]!, 組織類型: "研究法人", 年費: 10_000 },
        { 廠商名稱: "", 統一編號: null },
      ],
    });
    expect(f.roster).toEqual([
      { name: "甲科技股份有限公司", taxId: "04595257", nameKey: "甲科技股份有限公司", yearJoined: 114, counted: true },
      { name: "某研究院", taxId: TAX_IDS[2], nameKey: "某研究院", yearJoined: null, counted: false },
    ]);
  });
});

describe("members who joined and left", () => {
  it("match by tax ID when both rows have one, whatever the name became", () => {
    const change = rosterChanges(roster(["甲公司", "04595257"], ["乙公司", "22099131"]), roster(["甲股份有限公司", "04595257"], ["丙公司", "12345675"]));
    expect(change).toEqual({
      earlier: 2,
      later: 2,
      stayed: 1,
      joined: [{ name: "丙公司", taxId: "12345675", yearJoined: null }],
      left: [{ name: "乙公司", taxId: "22099131", yearJoined: null }],
    });
  });

  it("match by name when a row has no tax ID, but never two different tax IDs by name", () => {
    const change = rosterChanges(roster(["甲公司", null], ["乙公司", "22099131"]), roster(["甲公司", "04595257"], ["乙公司", "84149961"]));
    expect(change.stayed).toBe(1);
    expect(change.joined.map((member) => member.taxId)).toEqual(["84149961"]);
    expect(change.left.map((member) => member.taxId)).toEqual(["22099131"]);
  });

  it("match each earlier row once: a member listed twice later has joined once more", () => {
    const change = rosterChanges(roster(["甲公司", "04595257"]), roster(["甲公司", "04595257"], ["甲公司", "04595257"]));
    expect(change).toMatchObject({ stayed: 1, joined: [{ name: "甲公司" }], left: [] });
  });
});

describe("year over year", () => {
  const earlierPlan = { ...cleanPlan, 計畫年度: 114, 期別年次: 1, 主持人歷年執行年度: "", 申請補助款: 2_000_000 };
  const earlier = facts("a-114.xlsx", {
    plan: earlierPlan,
    members: cleanMembers.slice(0, 3),
    income: [
      { 年度: 113, 收入類別: "會員費", 金額: 40_000 },
      { 年度: 114, 收入類別: "會員費", 金額: 80_000 },
      { 年度: 114, 收入類別: "技術服務", 金額: 500_000 },
    ],
    subsidyHistory: [{ 年度: 113, 核定補助款: 1_500_000 }],
  });
  const later = facts("a-115.xlsx", {
    members: [...cleanMembers.slice(1), { 廠商名稱: "丁電子有限公司", 統一編號: TAX_IDS[3]!, 年費: 20_000, 入會年度: 115 }],
    income: [
      { 年度: 114, 收入類別: "會員費", 金額: 80_000 },
      { 年度: 114, 收入類別: "技術服務", 金額: 450_000 },
      { 年度: 115, 收入類別: "會員費", 金額: 100_000 },
      { 年度: 115, 收入類別: "技術服務", 金額: 900_000 },
    ],
    subsidyHistory: [
      { 年度: 114, 核定補助款: 1_800_000 },
      { 年度: 115, 核定補助款: 2_000_000 },
    ],
  });

  it("lists who joined and left, income by type with its growth, and the subsidy of each year", () => {
    const view = compareSubmissions(earlier, later);
    expect(view.earlier).toMatchObject({ file: "a-114.xlsx", fiscalYear: 114 });
    expect(view.later).toMatchObject({ file: "a-115.xlsx", fiscalYear: 115 });
    expect(view.members.left.map((member) => member.name)).toEqual(["甲科技股份有限公司"]);
    expect(view.members.joined.map((member) => member.name)).toEqual(["Nippon Devices", "丁電子有限公司"]);
    expect(view.members.stayed).toBe(2);
    expect(view.income).toEqual([
      { type: "會員費", earlier: 80_000, later: 100_000, growth: 0.25 },
      { type: "技術服務", earlier: 500_000, later: 900_000, growth: 0.8 },
    ]);
    expect(view.incomeTotal).toEqual({ earlier: 580_000, later: 1_000_000, growth: (1_000_000 - 580_000) / 580_000 });
    expect(view.subsidy).toEqual([
      { year: 113, earlier: 1_500_000, later: null, earlierSource: "history", laterSource: null },
      { year: 114, earlier: 2_000_000, later: 1_800_000, earlierSource: "plan", laterSource: "history" },
      { year: 115, earlier: null, later: 2_000_000, earlierSource: null, laterSource: "history" },
    ]);
  });

  it("lists every place where the later history disagrees with what the earlier submission reported", () => {
    expect(compareSubmissions(earlier, later).disagreements).toEqual([
      // 113 is in the earlier 歷年補助款 but missing from the later one.
      { year: 113, item: "subsidy", type: null, earlier: 1_500_000, later: null, earlierSource: "history" },
      // The later workbook has no income rows for 113: nothing to compare.
      { year: 114, item: "subsidy", type: null, earlier: 2_000_000, later: 1_800_000, earlierSource: "plan" },
      { year: 114, item: "income", type: "技術服務", earlier: 500_000, later: 450_000, earlierSource: "plan" },
    ]);
  });

  it("puts the earlier fiscal year first whatever the order given, and finds nothing to disagree when the history agrees", () => {
    const view = compareSubmissions(later, earlier);
    expect([view.earlier.file, view.later.file]).toEqual(["a-114.xlsx", "a-115.xlsx"]);
    const same = compareSubmissions(earlier, earlier);
    expect(same.disagreements).toEqual([]);
    expect(same.members).toMatchObject({ joined: [], left: [], stayed: 3 });
  });
});

describe("the overview of a round", () => {
  const clean = facts("c.xlsx", { plan: { ...cleanPlan, 計畫名稱: "乙聯盟" } });
  const broken = facts("b.xlsx", { plan: { ...cleanPlan, 計畫名稱: "甲聯盟", 計畫期別: "第幾期" }, budget: null });
  const alsoBroken = facts("a.xlsx", { plan: { ...cleanPlan, 計畫名稱: "丙聯盟", 計畫期別: "第幾期" }, budget: null });
  const unreadable: RoundEntry = { kind: "unreadable", failure: { file: "z.xlsx", code: "corrupt", message: "truncated" } };

  it("puts unreadable files first, then by errors (most first), then by name (stroke order: 丙 before 甲)", () => {
    const overview = buildOverview([checked(clean), unreadable, checked(broken), checked(alsoBroken, "out/a-annotated.xlsx")]);
    expect(broken.findings.error).toBeGreaterThan(0);
    expect(overview.rows.map((row) => (row.kind === "checked" ? row.facts.file : row.failure.file))).toEqual(["z.xlsx", "a.xlsx", "b.xlsx", "c.xlsx"]);
    expect(alsoBroken.findings.error).toBe(broken.findings.error);
    expect(overview.totals).toEqual({ files: 4, checked: 3, unreadable: 1, withErrors: 2 });
    const a = overview.rows.find((row) => row.kind === "checked" && row.facts.file === "a.xlsx")!;
    expect(a).toMatchObject({ annotated: "out/a-annotated.xlsx", topRules: alsoBroken.rules.slice(0, 3).map((rule) => rule.ruleId) });
  });

  it("counts each rule's submissions and findings across the round, the most widespread first", () => {
    const overview = buildOverview([checked(clean), checked(broken), checked(alsoBroken), unreadable]);
    for (const entry of overview.ruleFrequency) {
      const inRound = [clean, broken, alsoBroken].flatMap((f) => f.rules.filter((rule) => rule.ruleId === entry.ruleId));
      expect(entry.submissions).toBe(inRound.length);
      expect(entry.findings).toBe(inRound.reduce((sum, rule) => sum + rule.findings, 0));
    }
    const submissions = overview.ruleFrequency.map((entry) => entry.submissions);
    expect(submissions).toEqual([...submissions].sort((a, b) => b - a));
    expect(overview.ruleFrequency.find((entry) => entry.ruleId === "WB-SHEET-MISSING")).toMatchObject({ submissions: 2, severity: "error" });
  });

  const at = (file: string, year: number, plan: Record<string, unknown> = {}) =>
    facts(file, { plan: { ...cleanPlan, 計畫年度: year, ...plan } as never, income: cleanIncome });

  it("pairs the submissions of one alliance by 計畫編號, else by 計畫名稱 + 執行機構", () => {
    const overview = buildOverview([
      checked(at("x-114.xlsx", 114, { 計畫編號: "NSTC 114-2622-E-006-001-", 計畫名稱: "舊名稱聯盟" })),
      checked(at("x-115.xlsx", 115, { 計畫編號: "nstc 114-2622-e-006-001", 計畫名稱: "新名稱聯盟" })),
      checked(at("y-114.xlsx", 114, { 計畫名稱: "乙聯盟" })),
      checked(at("y-116.xlsx", 116, { 計畫名稱: " 乙聯盟 " })),
      checked(at("y-115-other-school.xlsx", 115, { 計畫名稱: "乙聯盟", 執行機構: "另一所大學" })),
    ]);
    expect(overview.yearOverYear.map((view) => [view.earlier.file, view.later.file, view.matchedBy])).toEqual([
      ["y-114.xlsx", "y-116.xlsx", "titleAndInstitution"],
      ["x-114.xlsx", "x-115.xlsx", "projectNumber"],
    ]);
  });

  it("never pairs two project numbers, nor two submissions of the same fiscal year", () => {
    const overview = buildOverview([
      checked(at("p.xlsx", 114, { 計畫編號: "A-1" })),
      checked(at("q.xlsx", 115, { 計畫編號: "B-2" })),
      checked(at("r.xlsx", 115)),
      checked(at("s.xlsx", 115)),
    ]);
    // p, r and s share 計畫名稱 + 執行機構: r and s (no number) are compared with p, q (another number) with nothing.
    expect(overview.yearOverYear.map((view) => [view.earlier.file, view.later.file])).toEqual([
      ["p.xlsx", "r.xlsx"],
      ["p.xlsx", "s.xlsx"],
    ]);
  });

  it("keys project numbers without spaces, case or trailing dashes", () => {
    expect(projectKey(" NSTC 115-2622-E-006-001- ")).toBe(projectKey("nstc115-2622-e-006-001"));
    expect(projectKey("   ")).toBeNull();
  });
});
