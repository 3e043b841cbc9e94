/**
 * Quick fixes on the findings: 修正 on a finding with a fix shows each cell's old → new value
 * before anything is written; 「全部修正（N）」 on a rule with several fixes lists them first; a
 * vocabulary miss offers the closest terms to pick from. The fixes come from the engine
 * (useFixes); the pane reaches them through FixProvider, so the findings list only places
 * <FindingFix> and <FixAll>. Absent for reviewers (no provider value): reviewers never write.
 */
import { Button, Select } from "@fluentui/react-components";
import { Wrench16Regular } from "@fluentui/react-icons";
import { createContext, type ReactNode, useContext, useId, useState } from "react";
import { type CellContent, type CellEdit, type Finding, type Fix, type FixSuggestion, isCellError, type Language } from "../../../engine/types";
import type { FixesState } from "../../hooks/useFixes";
import { formatNumber, STRINGS, type Strings } from "../../i18n";
import { useStrings } from "../../language";
import { useFixControlsStyles } from "./FixControls.styles";

const FixContext = createContext<FixesState | null>(null);

export function FixProvider({ value, children }: { value: FixesState | null; children: ReactNode }) {
  return <FixContext.Provider value={value}>{children}</FixContext.Provider>;
}

export function useFixContext(): FixesState | null {
  return useContext(FixContext);
}

/** A cell's content as the preview shows it: numbers grouped, formulas with their value, empty said so. */
export function describeContent(content: CellContent, language: Language, strings: Strings): string {
  const { value } = content;
  const shown =
    value === null || value === ""
      ? strings.fixes.empty
      : typeof value === "number"
        ? formatNumber(language, value)
        : isCellError(value)
          ? value.error
          : String(value);
  return content.formula !== undefined ? strings.fixes.formula(content.formula, shown) : shown;
}

export function cellLabel(edit: Pick<CellEdit, "sheet" | "cell">): string {
  return `${edit.sheet}!${edit.cell}`;
}

function EditList({ edits }: { edits: readonly CellEdit[] }) {
  const styles = useFixControlsStyles();
  const { language, strings } = useStrings();
  return (
    <ul className={styles.edits} data-testid="fix-edits">
      {edits.map((edit) => (
        <li key={cellLabel(edit)}>
          {strings.fixes.edit(cellLabel(edit), describeContent(edit.expected, language, strings), describeContent(edit.next, language, strings))}
        </li>
      ))}
    </ul>
  );
}

/** A picked term as a fix: one edit of the cell, from what it held to the term. */
export function suggestionFix(suggestion: FixSuggestion, choice: string): Fix {
  const describe = (language: Language) => STRINGS[language].fixes.suggestionDescription(describeContent(suggestion.expected, language, STRINGS[language]), choice);
  return {
    ruleId: suggestion.ruleId,
    fingerprint: suggestion.fingerprint,
    edits: [{ sheet: suggestion.sheet, cell: suggestion.cell, expected: suggestion.expected, next: { value: choice } }],
    description: { "zh-TW": describe("zh-TW"), en: describe("en") },
  };
}

/** The fix or the suggestion of one finding, when it has one. */
export function FindingFix({ finding }: { finding: Finding }) {
  const fixes = useFixContext();
  if (!fixes) return null;
  const fix = fixes.fixFor(finding.fingerprint);
  if (fix) return <FixButton fix={fix} fixes={fixes} />;
  const suggestion = fixes.suggestionFor(finding.fingerprint);
  if (suggestion) return <SuggestionPicker suggestion={suggestion} fixes={fixes} />;
  return null;
}

function FixButton({ fix, fixes }: { fix: Fix; fixes: FixesState }) {
  const styles = useFixControlsStyles();
  const { language, strings } = useStrings();
  const [open, setOpen] = useState(false);
  const previewId = useId();
  const first = fix.edits[0];
  // Checked when the preview opens: a fix that would leave its finding or add another is not offered.
  const safe = open && fixes.safe([fix]).length === 1;
  const apply = async () => {
    const batch = await fixes.apply([fix]);
    if (batch) setOpen(false);
  };
  return (
    <div className={styles.root} data-testid="finding-fix">
      {!open ? (
        <Button
          className={styles.trigger}
          size="small"
          appearance="secondary"
          icon={<Wrench16Regular />}
          aria-label={first ? strings.fixes.fixLabel(cellLabel(first)) : strings.fixes.fix}
          aria-expanded={false}
          disabled={fixes.busy}
          onClick={() => setOpen(true)}
          data-testid="fix-button"
        >
          {strings.fixes.fix}
        </Button>
      ) : (
        <div id={previewId} className={styles.preview} role="group" aria-label={strings.fixes.previewHeading} data-testid="fix-preview">
          <span className={styles.description}>{fix.description[language]}</span>
          <span className={styles.heading}>{strings.fixes.previewHeading}</span>
          <EditList edits={fix.edits} />
          {!safe && (
            <span className={styles.description} data-testid="fix-unsafe">
              {strings.fixes.unsafe}
            </span>
          )}
          <div className={styles.actions}>
            <Button size="small" onClick={() => setOpen(false)} data-testid="fix-cancel">
              {strings.fixes.cancel}
            </Button>
            {safe && (
              <Button size="small" appearance="primary" disabled={fixes.busy} onClick={() => void apply()} data-testid="fix-apply">
                {fixes.busy ? strings.fixes.applying : strings.fixes.apply}
              </Button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function SuggestionPicker({ suggestion, fixes }: { suggestion: FixSuggestion; fixes: FixesState }) {
  const styles = useFixControlsStyles();
  const { strings } = useStrings();
  const [choice, setChoice] = useState("");
  const selectId = useId();
  const apply = async () => {
    if (choice === "") return;
    // The person's pick is applied as picked; what it leads to shows in the next check.
    await fixes.apply([suggestionFix(suggestion, choice)], { verify: false });
  };
  return (
    <div className={styles.root} data-testid="finding-suggestion">
      <div className={styles.picker}>
        <label className={styles.pickerLabel} htmlFor={selectId}>
          {strings.fixes.suggestionLabel(cellLabel(suggestion))}
        </label>
        <Select id={selectId} size="small" value={choice} onChange={(_event, data) => setChoice(data.value)} data-testid="suggestion-picker">
          <option value="">{strings.fixes.suggestionPlaceholder}</option>
          {suggestion.choices.map((term) => (
            <option key={term} value={term}>
              {term}
            </option>
          ))}
        </Select>
        <Button size="small" appearance="primary" disabled={choice === "" || fixes.busy} onClick={() => void apply()} data-testid="suggestion-apply">
          {strings.fixes.applySuggestion}
        </Button>
      </div>
    </div>
  );
}

/** 「全部修正（N）」 for the findings of one rule: a preview list of every fix, then one batch. */
export function FixAll({ fingerprints, ruleTitle }: { fingerprints: readonly string[]; ruleTitle: string }) {
  const fixes = useFixContext();
  const styles = useFixControlsStyles();
  const { language, strings } = useStrings();
  const [open, setOpen] = useState(false);
  if (!fixes) return null;
  const offered = fixes.fixesOf(fingerprints);
  if (offered.length < 2) return null;
  // Checked when the list opens: only fixes that remove their finding and add none.
  const all = open ? fixes.safe(offered) : offered;
  const apply = async () => {
    const batch = await fixes.apply(all);
    if (batch) setOpen(false);
  };
  return (
    <div className={styles.fixAll} data-testid="fix-all">
      {!open ? (
        <Button
          className={styles.trigger}
          size="small"
          appearance="secondary"
          icon={<Wrench16Regular />}
          disabled={fixes.busy}
          onClick={() => setOpen(true)}
          data-testid="fix-all-button"
        >
          {strings.fixes.fixAll(offered.length)}
        </Button>
      ) : (
        <div className={styles.preview} role="group" aria-label={strings.fixes.fixAllHeading(ruleTitle, all.length)} data-testid="fix-all-preview">
          <span className={styles.heading}>{strings.fixes.fixAllHeading(ruleTitle, all.length)}</span>
          <ol className={styles.fixList}>
            {all.map((fix) => (
              <li key={fix.fingerprint}>
                <span className={styles.description}>{fix.description[language]}</span>
                <EditList edits={fix.edits} />
              </li>
            ))}
          </ol>
          <div className={styles.actions}>
            <Button size="small" onClick={() => setOpen(false)} data-testid="fix-all-cancel">
              {strings.fixes.cancel}
            </Button>
            <Button size="small" appearance="primary" disabled={fixes.busy || all.length === 0} onClick={() => void apply()} data-testid="fix-all-apply">
              {fixes.busy ? strings.fixes.applying : strings.fixes.apply}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
