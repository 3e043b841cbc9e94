import { Button, Caption1, Link, Select, Tooltip } from "@fluentui/react-components";
import { ArrowDown20Regular, ArrowUp20Regular } from "@fluentui/react-icons";
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Finding } from "../../../engine/types";
import { DEFAULT_FILTER, type FindingEntry, type FindingFilter, isFiltered, windowAround } from "../../findings";
import { useStrings } from "../../language";
import { FindingItem } from "../FindingItem/FindingItem";
import type { NoteAuthor } from "../WaiverForm/WaiverForm";
import { useFindingsListStyles } from "./FindingsList.styles";

/** Rendering is capped: thousands of findings render a page at a time. */
export const FINDINGS_PAGE_SIZE = 100;
const FIRST_PAGE = { start: 0, end: FINDINGS_PAGE_SIZE };

export interface FindingsListProps {
  /** The matching findings in display order: by severity, then sheet, row and column (what next/previous walks). */
  order: readonly FindingEntry[];
  /** Every finding of the result, matching or not. */
  total: number;
  sheets: readonly string[];
  filter: FindingFilter;
  onFilterChange: (filter: FindingFilter) => void;
  /** Fingerprint of the current finding. */
  active: string | null;
  /** Incremented when the current finding's button should receive focus. */
  focusRequest: number;
  onActivate: (entry: FindingEntry) => void;
  onStep: (step: 1 | -1) => void;
  messageOf: (finding: Finding) => string;
  ruleTitleOf: (ruleId: string) => string;
  sourcesOf: (finding: Finding) => string;
  onWaive: (finding: Finding, reason: string, name: string) => Promise<boolean>;
  onRemoveWaiver: (finding: Finding) => Promise<boolean>;
  author: NoteAuthor;
}

/** The findings as one flat list of cards, most severe first, with a sheet filter and next/previous navigation. */
export function FindingsList(props: FindingsListProps) {
  const styles = useFindingsListStyles();
  const { strings } = useStrings();
  const headingId = useId();
  const container = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState(FIRST_PAGE);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const { order, active, focusRequest, filter } = props;

  const position = active === null ? -1 : order.findIndex((entry) => entry.finding.fingerprint === active);

  // 「全部修正（N）」 for a rule sits on the rule's first card in the list (the list has no rule groups).
  const fixAllOn = useMemo(() => {
    const byRule = new Map<string, string[]>();
    for (const entry of order) {
      const fingerprints = byRule.get(entry.finding.ruleId);
      if (fingerprints) fingerprints.push(entry.finding.fingerprint);
      else byRule.set(entry.finding.ruleId, [entry.finding.fingerprint]);
    }
    const firsts = new Map<string, readonly string[]>();
    for (const fingerprints of byRule.values()) if (fingerprints.length > 1) firsts.set(fingerprints[0]!, fingerprints);
    return firsts;
  }, [order]);

  // A new order (filters, a new result) starts from the top; the current finding may lie outside
  // the rendered window (next/previous past it): the window moves to it.
  const previousOrder = useRef(order);
  useEffect(() => {
    const reset = previousOrder.current !== order;
    previousOrder.current = order;
    setRange((current) => windowAround(reset ? FIRST_PAGE : current, position, FINDINGS_PAGE_SIZE));
  }, [position, order]);

  useEffect(() => {
    if (focusRequest === 0 || active === null) return;
    const buttons = container.current?.querySelectorAll<HTMLButtonElement>("button[data-finding]") ?? [];
    [...buttons].find((button) => button.dataset.finding === active)?.focus();
    // Runs again once a moved window has rendered the item.
  }, [focusRequest, active, range]);

  const onToggle = useCallback((fingerprint: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(fingerprint)) next.add(fingerprint);
      return next;
    });
  }, []);

  // Up/Down move focus between findings (Enter activates); Home/End jump to the ends.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (!target.matches("button[data-finding]") || event.altKey || event.ctrlKey || event.metaKey) return;
    const buttons = [...(container.current?.querySelectorAll<HTMLButtonElement>("button[data-finding]") ?? [])];
    const index = buttons.indexOf(target as HTMLButtonElement);
    const next =
      event.key === "ArrowDown" ? index + 1 : event.key === "ArrowUp" ? index - 1 : event.key === "Home" ? 0 : event.key === "End" ? buttons.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
  };

  const visible = order.slice(range.start, range.end);
  const earlier = Math.min(range.start, order.length);
  const remaining = Math.max(0, order.length - range.end);

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="findings">
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          {strings.findings.heading}
          <span className={styles.total}>{strings.findings.count(order.length, props.total)}</span>
        </h2>
        <div className={styles.navigation} role="group" aria-label={strings.findings.shortcuts}>
          <Tooltip content={`${strings.findings.previous} (Alt+↑, K)`} relationship="label">
            <Button
              appearance="subtle"
              size="small"
              icon={<ArrowUp20Regular />}
              disabled={order.length === 0}
              onClick={() => props.onStep(-1)}
              data-testid="previous-finding"
            />
          </Tooltip>
          <Caption1 className={styles.position} aria-live="polite" data-testid="finding-position">
            {position >= 0 ? strings.findings.position(position + 1, order.length) : "\u00a0"}
          </Caption1>
          <Tooltip content={`${strings.findings.next} (Alt+↓, J)`} relationship="label">
            <Button
              appearance="subtle"
              size="small"
              icon={<ArrowDown20Regular />}
              disabled={order.length === 0}
              onClick={() => props.onStep(1)}
              data-testid="next-finding"
            />
          </Tooltip>
        </div>
      </div>
      {props.sheets.length > 1 && (
        <div className={styles.filters}>
          <Select
            className={styles.sheetSelect}
            size="small"
            aria-label={strings.filters.sheet}
            value={filter.sheet ?? ""}
            onChange={(_event, data) => props.onFilterChange({ ...filter, sheet: data.value === "" ? null : data.value })}
            data-testid="sheet-filter"
          >
            <option value="">{strings.filters.allSheets}</option>
            {props.sheets.map((sheet) => (
              <option key={sheet} value={sheet}>
                {sheet}
              </option>
            ))}
          </Select>
          {isFiltered(filter) && (
            <Link as="button" onClick={() => props.onFilterChange(DEFAULT_FILTER)} data-testid="clear-filters">
              {strings.filters.clear}
            </Link>
          )}
        </div>
      )}
      {order.length === 0 ? (
        <p className={styles.empty}>{props.total === 0 ? strings.findings.none : strings.findings.noneMatch}</p>
      ) : (
        <>
          {earlier > 0 && (
            <Button
              className={styles.more}
              appearance="secondary"
              onClick={() => setRange((current) => ({ ...current, start: Math.max(0, current.start - FINDINGS_PAGE_SIZE) }))}
            >
              {strings.findings.showEarlier(Math.min(FINDINGS_PAGE_SIZE, earlier))}
            </Button>
          )}
          <ul ref={container} className={styles.items} aria-labelledby={headingId} onKeyDown={onKeyDown}>
            {visible.map((entry) => (
              <FindingItem
                key={`${entry.finding.fingerprint}:${entry.index}`}
                entry={entry}
                message={props.messageOf(entry.finding)}
                ruleTitle={props.ruleTitleOf(entry.finding.ruleId)}
                sources={props.sourcesOf(entry.finding)}
                active={active === entry.finding.fingerprint}
                expanded={expanded.has(entry.finding.fingerprint)}
                onActivate={props.onActivate}
                onToggle={onToggle}
                onWaive={props.onWaive}
                onRemoveWaiver={props.onRemoveWaiver}
                author={props.author}
                fixAll={fixAllOn.get(entry.finding.fingerprint)}
              />
            ))}
          </ul>
          {remaining > 0 && (
            <Button className={styles.more} appearance="secondary" onClick={() => setRange((current) => ({ ...current, end: current.end + FINDINGS_PAGE_SIZE }))}>
              {strings.findings.showMore(Math.min(FINDINGS_PAGE_SIZE, remaining))}
            </Button>
          )}
        </>
      )}
      <Caption1 className={styles.shortcuts}>{strings.findings.shortcuts}</Caption1>
    </section>
  );
}
