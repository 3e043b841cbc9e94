import { Badge, Caption1, Card, ProgressBar } from "@fluentui/react-components";
import { CheckmarkCircle16Filled } from "@fluentui/react-icons";
import { useId } from "react";
import type { MemberCounts, Summary } from "../../../engine/types";
import { useStrings } from "../../language";
import { useSummaryCardStyles } from "./SummaryCard.styles";

export interface SummaryCardProps {
  summary: Summary;
  fiscalYear: number | null;
  /** False inside a section that already names it (the pane's collapsed sections). */
  titled?: boolean;
}

const MEMBER_KEYS = ["counted", "excluded", "paying", "free", "international"] as const satisfies readonly (keyof MemberCounts)[];

/** Operating income against the subsidy (the self-sufficiency ratio as a bar) and member counts. */
export function SummaryCard({ summary, fiscalYear, titled = true }: SummaryCardProps) {
  const styles = useSummaryCardStyles();
  const { strings } = useStrings();
  const headingId = useId();
  const t = strings.summary;
  const { operatingIncome: income, subsidy, selfSufficiencyRatio: ratio } = summary;
  const required = summary.years.find((year) => year.year === fiscalYear)?.required ?? false;
  const met = income !== null && subsidy !== null && subsidy > 0 && income > subsidy;
  const percent = ratio === null ? null : ratio * 100;

  return (
    <Card
      className={styles.card}
      appearance="filled-alternative"
      role="region"
      aria-labelledby={titled ? headingId : undefined}
      aria-label={titled ? undefined : t.heading}
      data-testid="summary"
    >
      <div className={styles.header}>
        {titled && (
          <h2 id={headingId} className={styles.heading}>
            {t.heading}
          </h2>
        )}
        {required && (
          <Badge appearance="tint" color={met ? "success" : "warning"} shape="rounded">
            {t.required}
          </Badge>
        )}
      </div>
      <dl className={styles.figures}>
        <dt className={styles.term}>{t.income}</dt>
        <dd className={styles.amount}>{income === null ? "—" : t.currency(income)}</dd>
        <dt className={styles.term}>{t.subsidy}</dt>
        <dd className={styles.amount}>{subsidy === null ? "—" : t.currency(subsidy)}</dd>
      </dl>
      {income === null ? (
        <Caption1 className={styles.muted}>{t.noIncome}</Caption1>
      ) : percent === null ? (
        <Caption1 className={styles.muted}>{t.noSubsidy}</Caption1>
      ) : (
        <div className={styles.ratio}>
          <div className={styles.ratioLabel}>
            <span>
              <Caption1 className={styles.term}>{`${t.ratio} `}</Caption1>
              <span className={styles.ratioValue}>{t.ratioValue(percent)}</span>
            </span>
            <Caption1 className={met ? styles.met : styles.notMet}>
              {met && <CheckmarkCircle16Filled aria-hidden="true" />}
              {met ? t.met : t.notMet}
            </Caption1>
          </div>
          <ProgressBar
            thickness="large"
            value={Math.min(1, Math.max(0, ratio ?? 0))}
            color={met ? "success" : required ? "warning" : "brand"}
            aria-label={`${t.ratio} ${t.ratioValue(percent)}`}
          />
        </div>
      )}
      <h3 className={styles.membersHeading}>{t.members}</h3>
      <dl className={styles.members}>
        {MEMBER_KEYS.map((key) => (
          <div key={key} className={styles.member}>
            <dt className={styles.memberLabel} title={t[key]}>
              {t[key]}
            </dt>
            <dd className={styles.memberValue} data-testid={`members-${key}`}>
              {summary.members[key]}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
