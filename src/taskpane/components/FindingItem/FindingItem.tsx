import { Button, mergeClasses } from "@fluentui/react-components";
import { ChevronDown16Regular, ChevronRight16Regular } from "@fluentui/react-icons";
import { memo, useId, useRef, useState } from "react";
import type { Finding } from "../../../engine/types";
import type { FindingEntry } from "../../findings";
import { useStrings } from "../../language";
import { FindingFix, FixAll } from "../FixControls/FixControls";
import { SeverityIcon } from "../SeverityIcon/SeverityIcon";
import { ExistingWaiver, type NoteAuthor, WaiverForm } from "../WaiverForm/WaiverForm";
import { useFindingItemStyles } from "./FindingItem.styles";

export interface FindingItemProps {
  entry: FindingEntry;
  message: string;
  ruleTitle: string;
  sources: string;
  active: boolean;
  expanded: boolean;
  onActivate: (entry: FindingEntry) => void;
  onToggle: (fingerprint: string) => void;
  onWaive: (finding: Finding, reason: string, name: string) => Promise<boolean>;
  onRemoveWaiver: (finding: Finding) => Promise<boolean>;
  /** Who writes exception notes, under which policy. */
  author: NoteAuthor;
  /** On a rule's first card: the fingerprints of all the rule's findings listed, for 「全部修正（N）」. */
  fixAll?: readonly string[] | undefined;
}

/**
 * One finding as a card: the rule's title, what is wrong, where. Activating it selects its cell;
 * its details show the rule ID, the rule's source and the exception note (or the form for one).
 */
export const FindingItem = memo(function FindingItem(props: FindingItemProps) {
  const { entry, message, active, expanded } = props;
  const { finding } = entry;
  const styles = useFindingItemStyles();
  const { strings } = useStrings();
  const detailsId = useId();
  const mainRef = useRef<HTMLButtonElement>(null);
  const [removing, setRemoving] = useState(false);
  const waived = finding.waiver !== undefined;

  const waive = async (reason: string, name: string) => {
    const saved = await props.onWaive(finding, reason, name);
    if (saved) mainRef.current?.focus();
    return saved;
  };
  const remove = async () => {
    setRemoving(true);
    const removed = await props.onRemoveWaiver(finding);
    setRemoving(false);
    if (removed) mainRef.current?.focus();
  };

  return (
    <li
      className={mergeClasses(styles.root, active && styles.active)}
      data-fingerprint={finding.fingerprint}
      data-rule={finding.ruleId}
      data-sheet={finding.sheet}
      data-cell={finding.cell}
      data-severity={finding.severity}
      data-waived={waived ? "true" : undefined}
    >
      <div className={styles.row}>
        <button
          ref={mainRef}
          type="button"
          className={styles.main}
          data-finding={finding.fingerprint}
          aria-current={active ? "true" : undefined}
          title={strings.findings.goToCell(finding.sheet, finding.cell)}
          onClick={() => props.onActivate(entry)}
        >
          <SeverityIcon tone={waived ? "waived" : finding.severity} className={styles.icon} />
          <span className={styles.text}>
            <span className={styles.title} data-testid="finding-title">
              <span className={styles.visuallyHidden}>{`${strings.severity[finding.severity]}：`}</span>
              {props.ruleTitle}
            </span>
            <span className={mergeClasses(styles.message, waived && styles.waivedMessage)} data-testid="finding-message">
              {message}
            </span>
            <span className={styles.meta}>
              <span data-testid="finding-cell">{strings.findings.location(finding.sheet, finding.cell)}</span>
              {waived && <span className={styles.waivedTag}>{strings.findings.waivedBadge}</span>}
            </span>
          </span>
        </button>
        <Button
          className={styles.toggle}
          appearance="subtle"
          size="small"
          icon={expanded ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          aria-label={expanded ? strings.findings.hideDetails : strings.findings.details}
          title={expanded ? strings.findings.hideDetails : strings.findings.details}
          onClick={() => props.onToggle(finding.fingerprint)}
          data-testid="finding-toggle"
        />
      </div>
      <FindingFix finding={finding} />
      {props.fixAll && <FixAll fingerprints={props.fixAll} ruleTitle={props.ruleTitle} />}
      {expanded && (
        <div id={detailsId} className={styles.details} data-testid="finding-details">
          <dl className={styles.facts}>
            <dt className={styles.term}>{strings.findings.ruleId}</dt>
            <dd className={styles.definition} data-testid="finding-rule-id">
              {finding.ruleId}
            </dd>
            <dt className={styles.term}>{strings.findings.source}</dt>
            <dd className={styles.definition}>{props.sources}</dd>
          </dl>
          {finding.waiver ? (
            <ExistingWaiver waiver={finding.waiver} onRemove={() => void remove()} removing={removing} />
          ) : (
            <WaiverForm severity={finding.severity} author={props.author} onWaive={waive} />
          )}
        </div>
      )}
    </li>
  );
});
