/**
 * The rule catalogue (docs/program-rules.md) and the rule packs stay in step: every rule ID a pack
 * defines is in the catalogue with the same severity, and every ID in the catalogue is in every
 * pack. Sources that are documents are cited as published, never as a path to a copy.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { citationSchema, listRulePackIds, loadRulePack, rulesSchema, validateRulePack } from ".";

const CATALOGUE = path.join(__dirname, "..", "..", "docs", "program-rules.md");

/** Rule ID → the severities its catalogue row allows ("error / warning" allows both). */
function catalogueRules(markdown: string): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // | ID | Sev. | Rule | … — a row whose first cell is one or more rule IDs ("MEM-NOT-NUMBER / MEM-MISSING").
    if (cells.length < 4 || !/^[A-Z]+(?:-[A-Z0-9]+)+(?:\s*\/\s*[A-Z]+(?:-[A-Z0-9]+)+)*$/.test(cells[1]!)) continue;
    const severities = cells[2]!.split("/").map((severity) => severity.trim());
    for (const id of cells[1]!.split("/").map((text) => text.trim())) {
      if (rules.has(id)) throw new Error(`${id} is in the catalogue twice`);
      rules.set(id, severities);
    }
  }
  return rules;
}

const catalogue = catalogueRules(readFileSync(CATALOGUE, "utf8"));

describe("docs/program-rules.md and the rule packs", () => {
  it("the catalogue lists every rule of the schema", () => {
    expect([...catalogue.keys()].sort()).toEqual(Object.keys(rulesSchema.shape).sort());
  });

  it.each(listRulePackIds())("%s: the same rule IDs as the catalogue, each with a severity the catalogue gives it", (id) => {
    const pack = loadRulePack(id);
    expect(Object.keys(pack.rules).sort()).toEqual([...catalogue.keys()].sort());
    for (const [ruleId, rule] of Object.entries(pack.rules)) {
      expect([ruleId, catalogue.get(ruleId)]).toEqual([ruleId, expect.arrayContaining([rule.severity, ...Object.values(rule.variantSeverity ?? {})])]);
    }
  });

  it("reads the catalogue's table rows, so a rule dropped from it would be noticed", () => {
    const shortened = readFileSync(CATALOGUE, "utf8").replace(/^\| BUD-CAP \|.*$/m, "");
    expect(catalogueRules(shortened).has("BUD-CAP")).toBe(false);
    expect(catalogueRules(shortened).size).toBe(catalogue.size - 1);
    expect(catalogue.get("MEM-MISSING")).toEqual(["error"]);
    expect(catalogue.get("WB-SHEET-MISSING")).toEqual(["error", "warning"]);
  });
});

describe("rule-pack sources", () => {
  it.each(listRulePackIds())("%s: every source a rule names exists, and the call documents are cited", (id) => {
    const pack = loadRulePack(id);
    for (const rule of Object.values(pack.rules)) for (const tag of rule.sources) expect([tag, pack.sources[tag]]).toEqual([tag, expect.anything()]);
    for (const tag of ["SEED", "FY116", "FY108"]) {
      expect(pack.sources[tag]?.citation).toEqual({ issuer: expect.any(String), title: expect.any(String), date: expect.any(String), publishedAt: expect.stringMatching(/https:\/\//) });
    }
    // The FY115 call briefing: issued by NSTC, cited by its title, and where NSTC publishes it.
    expect(pack.sources.SEED!.citation).toMatchObject({
      issuer: expect.stringContaining("國家科學及技術委員會"),
      title: expect.stringContaining("115年度「產學技術聯盟合作計畫」"),
      publishedAt: expect.stringMatching(/^https:\/\/www\.nstc\.gov\.tw\//),
    });
  });

  it.each([["seed/000_3a05b88a06636c0e.txt"], ["../spec/program-rules.md"], ["/work/seed/call"], ["C:\\docs\\call.txt"], ["file:///work/seed/call.txt"]])(
    "a file path (%s) is not a citation",
    (publishedAt) => {
      expect(citationSchema.safeParse({ issuer: "NSTC", title: "call", date: "2025", publishedAt }).success).toBe(false);
    },
  );

  it("a pack whose source gives a file path fails to load, naming the field", () => {
    const pack = JSON.parse(readFileSync(path.join(__dirname, "packs", "nstc-alliance-115.json"), "utf8")) as {
      sources: Record<string, { citation?: { publishedAt: string } }>;
    };
    pack.sources.SEED!.citation!.publishedAt = "seed/000_3a05b88a06636c0e.txt";
    expect(() => validateRulePack(pack, "broken")).toThrow(/sources\.SEED\.citation\.publishedAt/);
  });
});
