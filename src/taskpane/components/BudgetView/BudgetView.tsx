import { Caption1, mergeClasses, ProgressBar } from "@fluentui/react-components";
import { Fragment, useId } from "react";
import type { BudgetFigures } from "../../../engine/types";
import { formatNumber } from "../../i18n";
import { useStrings } from "../../language";
import { useBudgetViewStyles } from "./BudgetView.styles";

export interface BudgetViewProps {
  /** The result's summary.budget (null: the workbook has no budget sheet). */
  budget: BudgetFigures | null;
  /** A 科目 as people read it in the pane's language (null: lines without a category). */
  categoryLabel: (category: string | null) => string;
}

/** A share as a percent with one decimal: 0.756 → "75.6%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * The budget as a finance officer reads it: amounts by 科目 split into 補助款 and 自籌款, the
 * overhead (管理費) against its base shown as its parts with the rate and the allowance, and how
 * much of the subsidy cap (補助上限) is used. Built from the engine's summary.budget only.
 */
export function BudgetView({ budget, categoryLabel }: BudgetViewProps) {
  const styles = useBudgetViewStyles();
  const { language, strings } = useStrings();
  const t = strings.budget;
  const overheadId = useId();
  const capId = useId();
  if (!budget) return <Caption1 className={styles.muted}>{t.none}</Caption1>;
  const amount = (value: number) => formatNumber(language, value);
  const { overhead, cap } = budget;

  return (
    <div className={styles.root} data-testid="budget">
      <table className={styles.table} data-testid="budget-table">
        <caption className={styles.unit}>
          <Caption1>{t.unit}</Caption1>
        </caption>
        <colgroup>
          <col className={styles.categoryColumn} />
          <col />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.headerCell, styles.rowHeader)}>
              {t.category}
            </th>
            <th scope="col" className={styles.headerCell}>
              {t.subsidy}
            </th>
            <th scope="col" className={styles.headerCell}>
              {t.matching}
            </th>
            <th scope="col" className={styles.headerCell}>
              {t.total}
            </th>
          </tr>
        </thead>
        <tbody>
          {budget.byCategory.map((row) => (
            <tr key={row.category ?? ""} data-category={row.category ?? ""}>
              <th scope="row" className={styles.rowHeader}>
                {row.category === null ? t.uncategorized : categoryLabel(row.category)}
              </th>
              <td className={styles.amount}>{amount(row.subsidy)}</td>
              <td className={styles.amount}>{amount(row.matching)}</td>
              <td className={styles.amount}>{amount(row.total)}</td>
            </tr>
          ))}
          <tr className={styles.totalRow} data-testid="budget-total">
            <th scope="row" className={mergeClasses(styles.rowHeader, styles.strong)}>
              {t.total}
            </th>
            <td className={styles.amount}>{amount(budget.subsidyTotal)}</td>
            <td className={styles.amount}>{amount(budget.matchingTotal)}</td>
            <td className={styles.amount}>{amount(budget.total)}</td>
          </tr>
        </tbody>
      </table>

      <section className={styles.block} aria-labelledby={overheadId} data-testid="budget-overhead">
        <h3 id={overheadId} className={styles.subheading}>
          {t.overhead}
        </h3>
        {overhead === null ? (
          <Caption1 className={styles.muted}>{t.noOverhead}</Caption1>
        ) : (
          <dl className={styles.parts}>
            <dt className={styles.term}>{t.charged}</dt>
            <dd className={mergeClasses(styles.value, overhead.amount > overhead.allowed ? styles.over : styles.strong)}>{amount(overhead.amount)}</dd>
            {overhead.baseParts.map((part) => (
              <Fragment key={part.category ?? ""}>
                <dt className={styles.term}>{t.basePart(part.category === null ? t.uncategorized : categoryLabel(part.category))}</dt>
                <dd className={styles.value}>{amount(part.amount)}</dd>
              </Fragment>
            ))}
            {overhead.equipment > 0 && (
              <>
                <dt className={styles.term}>{t.basePart(t.equipment(amount(overhead.equipment), amount(overhead.equipmentBaseCap)))}</dt>
                <dd className={styles.value}>{amount(overhead.equipmentInBase)}</dd>
              </>
            )}
            <dt className={mergeClasses(styles.term, styles.strong)}>{t.overheadBase}</dt>
            <dd className={mergeClasses(styles.value, styles.strong)} data-testid="overhead-base">
              {amount(overhead.base)}
            </dd>
            <dt className={styles.term}>{t.rateLabel(overhead.rateFromPlan)}</dt>
            <dd className={styles.value} data-testid="overhead-rate">
              {percent(overhead.rate)}
            </dd>
            <dt className={mergeClasses(styles.term, styles.strong)}>{t.allowed}</dt>
            <dd className={mergeClasses(styles.value, styles.strong)} data-testid="overhead-allowed">
              {amount(overhead.allowed)}
            </dd>
          </dl>
        )}
      </section>

      <section className={styles.block} aria-labelledby={capId} data-testid="budget-cap">
        <h3 id={capId} className={styles.subheading}>
          {t.cap}
        </h3>
        <Caption1 className={cap.share !== null && cap.share > 1 ? styles.over : undefined}>
          {t.capUsed(amount(cap.used), amount(cap.limit), cap.share === null ? "—" : percent(cap.share))}
        </Caption1>
        {cap.share !== null && (
          <ProgressBar
            thickness="large"
            value={Math.min(1, Math.max(0, cap.share))}
            color={cap.share > 1 ? "error" : "brand"}
            aria-label={`${t.cap} ${percent(cap.share)}`}
          />
        )}
      </section>
    </div>
  );
}
