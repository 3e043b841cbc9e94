import { Button, Caption1, Text } from "@fluentui/react-components";
import { Checkmark20Filled, LocalLanguage20Regular } from "@fluentui/react-icons";
import type { Language, PlanInfo } from "../../../engine/types";
import { hasRulePack, loadRulePack } from "../../../rules";
import { STRINGS, type Strings } from "../../i18n";
import { useStrings } from "../../language";
import type { Role } from "../../settings";
import { RoleSelector } from "../RoleSelector/RoleSelector";
import { usePaneHeaderStyles } from "./PaneHeader.styles";

export interface PaneHeaderProps {
  /** The checked workbook's plan, or null before the first check. */
  plan: PlanInfo | null;
  rulePack: string | null;
  onLanguageChange: (language: Language) => void;
  role: Role;
  onRoleChange: (role: Role) => void;
}

/** The add-in's name, the plan being checked, the language switch and the role. */
export function PaneHeader({ plan, rulePack, onLanguageChange, role, onRoleChange }: PaneHeaderProps) {
  const styles = usePaneHeaderStyles();
  const { language, strings } = useStrings();
  const other: Language = language === "zh-TW" ? "en" : "zh-TW";

  return (
    <header className={styles.root}>
      <div className={styles.titleRow}>
        <span className={styles.logo} aria-hidden="true">
          <Checkmark20Filled />
        </span>
        <div className={styles.titles}>
          <h1 className={styles.title}>{strings.appTitle}</h1>
          <Caption1 className={styles.subtitle}>{strings.appSubtitle}</Caption1>
        </div>
        <Button
          className={styles.language}
          appearance="subtle"
          size="small"
          icon={<LocalLanguage20Regular />}
          aria-label={strings.switchLanguage}
          title={strings.switchLanguage}
          onClick={() => onLanguageChange(other)}
        >
          <span lang={STRINGS[other].htmlLang}>{strings.otherLanguageLabel}</span>
        </Button>
      </div>
      <PlanSummary plan={plan} rulePack={rulePack} />
      <RoleSelector role={role} onRoleChange={onRoleChange} />
    </header>
  );
}

/** The rule pack as people call it, from its fiscal year (「115年度規則」), never its ID; null when unknown. */
export function rulePackName(rulePack: string | null, strings: Strings): string | null {
  if (rulePack === null || !hasRulePack(rulePack)) return null;
  const year = loadRulePack(rulePack).fiscalYears[0];
  return year === undefined ? null : strings.plan.rulePack(year);
}

function PlanSummary({ plan, rulePack }: Pick<PaneHeaderProps, "plan" | "rulePack">) {
  const styles = usePaneHeaderStyles();
  const { strings } = useStrings();
  if (!plan) {
    return (
      <Caption1 className={styles.muted} data-testid="plan-summary">
        {strings.plan.notChecked}
      </Caption1>
    );
  }
  const facts: string[] = [];
  if (plan.fiscalYear !== null) facts.push(strings.plan.fiscalYear(plan.fiscalYear));
  if (plan.phase !== null) facts.push(strings.plan.phase(plan.phase, plan.yearInPhase));
  const rules = rulePackName(rulePack, strings);
  return (
    <div className={styles.plan} data-testid="plan-summary">
      <Text className={styles.planTitle}>{plan.title ?? strings.plan.untitled}</Text>
      <Caption1 className={styles.planFacts}>
        {facts.map((fact) => (
          <span key={fact}>{fact}</span>
        ))}
        <span className={rules ? undefined : styles.warning} data-testid="rule-pack-name">
          {rules ?? strings.plan.noRulePack}
        </span>
      </Caption1>
    </div>
  );
}
