/** PLAN-NO-RULE-PACK: the workbook's fiscal year (or its named pack) has no rule pack. */
import { defineCheck, planTarget } from "./check";

export const noRulePack = defineCheck("PLAN-NO-RULE-PACK", ({ model, selection, report }) => {
  const available = selection.available.join(", ");
  if (selection.unknownPlanPack !== null) {
    report(planTarget(model, "rulePack"), { value: selection.unknownPlanPack, available }, { variant: "unknownPack" });
  }
  if (selection.packId === null && selection.fiscalYearWithoutPack !== null) {
    report(planTarget(model, "fiscalYear"), { fiscalYear: selection.fiscalYearWithoutPack, available });
  }
});
