/** The registry of checks: one per rule ID of the catalogue. The engine walks this list. */
import type { RuleId } from "../../rules/schema";
import type { Check } from "./check";
import * as budget from "./budget";
import { DATA_CHECKS } from "./data";
import * as income from "./income";
import * as members from "./members";
import * as plan from "./plan";
import * as workbook from "./workbook";
import { noRulePack } from "./selection";

function checksOf(module: Record<string, unknown>): Check<RuleId>[] {
  return Object.values(module).filter(
    (value): value is Check<RuleId> => typeof value === "object" && value !== null && "rule" in value && "run" in value,
  );
}

export const CHECKS: Check<RuleId>[] = [
  ...checksOf(workbook),
  noRulePack as Check<RuleId>,
  ...checksOf(plan),
  ...DATA_CHECKS,
  ...checksOf(budget),
  ...checksOf(members),
  ...checksOf(income),
];
