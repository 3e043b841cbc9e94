import { Button, Caption1, Tooltip } from "@fluentui/react-components";
import { DocumentAdd20Regular, TableSearch24Regular, TableSimple16Regular } from "@fluentui/react-icons";
import { useId } from "react";
import { PLAN_SHEET, TABLE_SHEETS } from "../../../engine/contract";
import { useStrings } from "../../language";
import { useEmptyStateStyles } from "./EmptyState.styles";

export interface EmptyStateProps {
  /** "idle": nothing checked yet; "not-plan": the workbook lacks the plan's sheets. */
  variant: "idle" | "not-plan";
  /** Undefined when there is no template writer yet. */
  onTemplate: (() => void) | undefined;
  templateBusy?: boolean;
}

const EXPECTED_SHEETS = [
  { name: PLAN_SHEET.name, optional: false },
  ...TABLE_SHEETS.map((sheet) => ({ name: sheet.name, optional: sheet.missingSeverity === null })),
];

/** What the add-in expects (the contract's sheets), with the template one click away. */
export function EmptyState({ variant, onTemplate, templateBusy = false }: EmptyStateProps) {
  const styles = useEmptyStateStyles();
  const { language, strings } = useStrings();
  const headingId = useId();
  const listId = useId();
  const t = strings.empty;
  const other = language === "zh-TW" ? "en" : "zh-TW";

  const cta = (
    <Button
      className={styles.cta}
      appearance={variant === "not-plan" ? "primary" : "secondary"}
      icon={<DocumentAdd20Regular />}
      disabledFocusable={!onTemplate || templateBusy}
      onClick={onTemplate}
      data-testid="empty-template"
    >
      {t.templateCta}
    </Button>
  );

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid={`empty-${variant}`}>
      <span className={styles.illustration} aria-hidden="true">
        <TableSearch24Regular />
      </span>
      <h2 id={headingId} className={styles.title}>
        {variant === "idle" ? t.idleTitle : t.notPlanTitle}
      </h2>
      <p className={styles.body}>{variant === "idle" ? t.idleBody : t.notPlanBody}</p>
      <h3 id={listId} className={styles.listHeading}>
        {t.expects}
      </h3>
      <ul className={styles.sheets} aria-labelledby={listId}>
        {EXPECTED_SHEETS.map((sheet) => (
          <li key={sheet.name["zh-TW"]} className={styles.sheet}>
            <span className={styles.sheetIcon} aria-hidden="true">
              <TableSimple16Regular />
            </span>
            <span className={styles.sheetName}>{sheet.name[language]}</span>
            <Caption1 className={styles.alias}>
              {`${sheet.name[other]}${sheet.optional ? ` · ${t.optional}` : ""}`}
            </Caption1>
          </li>
        ))}
      </ul>
      {onTemplate ? (
        cta
      ) : (
        <Tooltip content={strings.actions.templateUnavailable} relationship="description">
          {cta}
        </Tooltip>
      )}
    </section>
  );
}
