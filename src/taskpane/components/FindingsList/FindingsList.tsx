import { Button, Caption1, Link, Select, Tooltip } from "@fluentui/react-components";
import { ArrowDown20Regular, ArrowUp20Regular, TableSimple16Regular } from "@fluentui/react-icons";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Finding } from "../../../engine/types";
import { DEFAULT_FILTER, type FindingEntry, type FindingFilter, isFiltered, type SheetGroup, sliceGroups, windowAround } from "../../findings";
import { useStrings } from "../../language";
import { FindingItem } from "../FindingItem/FindingItem";
import { FixAll } from "../FixControls/FixControls";
import { useFindingsListStyles } from "./FindingsList.styles";

/** Rendering is capped: thousands of findings render a page at a time. */
export const FINDINGS_PAGE_SIZE = 100;
const FIRST_PAGE = { start: 0, end: FINDINGS_PAGE_SIZE };

export interface FindingsListProps {
  groups: readonly SheetGroup[];
  /** The matching findings in display order (what next/previous walks). */
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
  onWaive: (finding: Finding, reason: string) => Promise<boolean>;
  onRemoveWaiver: (finding: Finding) => Promise<boolean>;
}

/** Findings grouped by sheet and rule, with filters and next/previous navigation. */
export function FindingsList(props: FindingsListProps) {
  const styles = useFindingsListStyles();
  const { strings } = useStrings();
  const headingId = useId();
  const container = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState(FIRST_PAGE);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const { order, active, focusRequest, filter } = props;

  const position = active === null ? -1 : order.findIndex((entry) => entry.finding.fingerprint === active);

  // New groups (filters, a new result) start from the top; the current finding may lie outside
  // the rendered window (next/previous past it): the window moves to it.
  const previousGroups = useRef(props.groups);
  useEffect(() => {
    const reset = previousGroups.current !== props.groups;
    previousGroups.current = props.groups;
    setRange((current) => windowAround(reset ? FIRST_PAGE : current, position, FINDINGS_PAGE_SIZE));
  }, [position, props.groups]);

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
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
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

  const visible = sliceGroups(props.groups, range.start, range.end);
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
            <Link as="button" onClick={() => props.onFilterChange(DEFAULT_FILTER)}>
              {strings.filters.clear}
            </Link>
          )}
        </div>
      )}
      {order.length === 0 ? (
        <p className={styles.empty}>{props.total === 0 ? strings.findings.none : strings.findings.noneMatch}</p>
      ) : (
        <div ref={container} className={styles.groups} onKeyDown={onKeyDown}>
          {earlier > 0 && (
            <Button
              className={styles.more}
              appearance="secondary"
              onClick={() => setRange((current) => ({ ...current, start: Math.max(0, current.start - FINDINGS_PAGE_SIZE) }))}
            >
              {strings.findings.showEarlier(Math.min(FINDINGS_PAGE_SIZE, earlier))}
            </Button>
          )}
          {visible.map((group) => (
            <SheetSection
              key={group.sheet}
              group={group}
              expanded={expanded}
              onToggle={onToggle}
              list={props}
            />
          ))}
          {remaining > 0 && (
            <Button className={styles.more} appearance="secondary" onClick={() => setRange((current) => ({ ...current, end: current.end + FINDINGS_PAGE_SIZE }))}>
              {strings.findings.showMore(Math.min(FINDINGS_PAGE_SIZE, remaining))}
            </Button>
          )}
        </div>
      )}
      <Caption1 className={styles.shortcuts}>{strings.findings.shortcuts}</Caption1>
    </section>
  );
}

interface SheetSectionProps {
  group: SheetGroup;
  expanded: ReadonlySet<string>;
  onToggle: (fingerprint: string) => void;
  list: FindingsListProps;
}

function SheetSection({ group, expanded, onToggle, list }: SheetSectionProps) {
  const styles = useFindingsListStyles();
  const { strings } = useStrings();
  const headingId = useId();
  return (
    <section className={styles.sheet} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.sheetHeading}>
        <span className={styles.sheetIcon} aria-hidden="true">
          <TableSimple16Regular />
        </span>
        {strings.findings.sheetGroup(group.sheet, group.count)}
      </h3>
      {group.rules.map((rule) => (
        <RuleSection key={rule.ruleId} ruleId={rule.ruleId} count={rule.count} entries={rule.entries} expanded={expanded} onToggle={onToggle} list={list} />
      ))}
    </section>
  );
}

interface RuleSectionProps {
  ruleId: string;
  count: number;
  entries: readonly FindingEntry[];
  expanded: ReadonlySet<string>;
  onToggle: (fingerprint: string) => void;
  list: FindingsListProps;
}

function RuleSection({ ruleId, count, entries, expanded, onToggle, list }: RuleSectionProps) {
  const styles = useFindingsListStyles();
  const headingId = useId();
  return (
    <div className={styles.rule}>
      <h4 id={headingId} className={styles.ruleHeading}>
        <span className={styles.ruleTitle}>{list.ruleTitleOf(ruleId)}</span>
        <span className={styles.ruleCount}>{`(${count})`}</span>
      </h4>
      <FixAll fingerprints={entries.map((entry) => entry.finding.fingerprint)} ruleTitle={list.ruleTitleOf(ruleId)} />
      <ul className={styles.items} aria-labelledby={headingId}>
        {entries.map((entry) => (
          <FindingItem
            key={`${entry.finding.fingerprint}:${entry.index}`}
            entry={entry}
            message={list.messageOf(entry.finding)}
            ruleTitle={list.ruleTitleOf(entry.finding.ruleId)}
            sources={list.sourcesOf(entry.finding)}
            active={list.active === entry.finding.fingerprint}
            expanded={expanded.has(entry.finding.fingerprint)}
            onActivate={list.onActivate}
            onToggle={onToggle}
            onWaive={list.onWaive}
            onRemoveWaiver={list.onRemoveWaiver}
          />
        ))}
      </ul>
    </div>
  );
}
