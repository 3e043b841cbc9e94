import { Divider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList } from "@fluentui/react-components";
import { type KeyboardEvent, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BUDGET_SHEET, PLAN_SHEET } from "../../../engine/contract";
import { createFormatter, packOf, ruleTitle, sourceLabels } from "../../../engine/format";
import type { Finding, Language, ValidationResult, Waiver } from "../../../engine/types";
import { toCsv } from "../../../report/csv";
import { toJsonReport } from "../../../report/json";
import { toSarif } from "../../../report/sarif";
import type { CellFlag, FlagReport } from "../../../workbook/gateway";
import { baseName, MIME } from "../../download";
import { toPaneError } from "../../errors";
import {
  countFindings,
  DEFAULT_FILTER,
  type FindingEntry,
  type FindingFilter,
  flattenGroups,
  groupFindings,
  sheetsOf,
  stepPosition,
} from "../../findings";
import { useAsyncTask } from "../../hooks/useAsyncTask";
import { useFixes } from "../../hooks/useFixes";
import { useLiveValidation } from "../../hooks/useLiveValidation";
import { useStableCallback } from "../../hooks/useStableCallback";
import { flagsFor, useValidation } from "../../hooks/useValidation";
import { type Delivery, type SavedFile, useHost } from "../../host";
import type { ErrorKey, Strings } from "../../i18n";
import { useStrings } from "../../language";
import { type Role, ROLE_DEFAULTS, type RoleDefaults } from "../../settings";
import { ActionBar, type ExportFormat } from "../ActionBar/ActionBar";
import { CommandPanel } from "../CommandPanel/CommandPanel";
import { EmptyState } from "../EmptyState/EmptyState";
import { ExportTextDialog } from "../ExportTextDialog/ExportTextDialog";
import { FindingsList } from "../FindingsList/FindingsList";
import { FixProvider } from "../FixControls/FixControls";
import { PaneHeader } from "../PaneHeader/PaneHeader";
import { ProgressStatus } from "../ProgressStatus/ProgressStatus";
import { SeverityCounts } from "../SeverityCounts/SeverityCounts";
import type { SeverityTone } from "../SeverityIcon/SeverityIcon";
import { type Notice, StatusMessage } from "../StatusMessage/StatusMessage";
import { SummaryCard } from "../SummaryCard/SummaryCard";
import { UndoBar } from "../UndoBar/UndoBar";
import { useTaskPaneStyles } from "./TaskPane.styles";

// A reviewer's round (its table, the review module) loads when the reviewer opens it, not before the first paint.
const RoundReview = lazy(async () => ({ default: (await import(/* webpackChunkName: "round" */ "../RoundReview/RoundReview")).RoundReview }));

export interface TaskPaneProps {
  role: Role;
  onRoleChange: (role: Role) => void;
  onLanguageChange: (language: Language) => void;
}

type PaneAction = { kind: "show-flags" } | { kind: "clear-flags" } | { kind: "summary" } | { kind: "template" } | { kind: "export"; format: ExportFormat };

function errorNotice(strings: Strings, error: unknown, fallback: ErrorKey = "unknown"): Notice {
  const { key, detail } = toPaneError(error, fallback);
  const text = strings.errors[key];
  return { intent: "error", title: text.title, body: text.action, detail };
}

/** A warning naming the protected sheets whose flags could not be shown (or removed). */
function skippedNotice(strings: Strings, report: FlagReport | null, clearing = false): Notice | null {
  if (!report || report.skipped.length === 0) return null;
  const sheets = report.skipped.map((entry) => entry.sheet);
  return {
    intent: "warning",
    title: clearing ? strings.actions.flagsLeft(sheets) : strings.actions.flagsSkipped(sheets),
    body: strings.actions.flagsSkippedBody,
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whether the workbook lacks the plan's own sheets (an empty or unrelated workbook). */
function looksUnrelated(result: ValidationResult): boolean {
  const missing = new Set(result.findings.filter((finding) => finding.ruleId === "WB-SHEET-MISSING").map((finding) => finding.sheet));
  return missing.has(PLAN_SHEET.name["zh-TW"]) && missing.has(BUDGET_SHEET.name["zh-TW"]);
}

/** The task pane: validate, read the findings, act on them. The same component in Excel and in the browser preview. */
export function TaskPane({ role, onRoleChange, onLanguageChange }: TaskPaneProps) {
  const styles = useTaskPaneStyles();
  const host = useHost();
  const { gateway } = host;
  const { language, strings } = useStrings();
  const validation = useValidation();
  const { task, result } = validation;
  const [options, setOptions] = useState<RoleDefaults>(() => ROLE_DEFAULTS[role]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [filter, setFilter] = useState<FindingFilter>(DEFAULT_FILTER);
  const [active, setActive] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const shownFlags = useRef<readonly CellFlag[]>([]);
  const [copyFile, setCopyFile] = useState<SavedFile | null>(null);
  const liveWritesFlags = host.liveWritesFlags !== false;
  // A reviewer checks this workbook or a round of submissions; the round stays once read.
  const [view, setView] = useState<"workbook" | "round">("workbook");
  const [roundOpened, setRoundOpened] = useState(false);
  const showRound = role === "reviewer" && view === "round";

  // ---- validation -------------------------------------------------------------------------
  const validate = useStableCallback(async () => {
    setNotice(null);
    const outcome = await task.run({ flag: options.flagOnValidate, language });
    if (!outcome) return;
    const validated = outcome.result;
    if (options.flagOnValidate) shownFlags.current = flagsFor(validated, language);
    setNotice(skippedNotice(strings, outcome.flags));
    setAnnouncement(strings.validated(countFindings(validated.findings)));
  });

  // Quick fixes (reviewers never write): applied through the gateway, then checked again.
  const fixes = useFixes({ gateway, snapshot: validation.snapshot, result, revalidate: validate, enabled: role !== "reviewer" });

  // Live rounds tell the pane what they wrote (onFlagsShown); a round that only reads (a
  // co-author's edit, or a host whose undo history add-in writes would clear) leaves the record.
  const revalidate = validation.revalidate;
  const readShownFlags = useCallback(() => shownFlags.current, []);
  const recordShownFlags = useCallback((flags: readonly CellFlag[]) => {
    shownFlags.current = flags;
  }, []);

  const liveAvailable = host.startLiveValidation !== undefined;
  const live = useLiveValidation({
    enabled: liveAvailable && options.liveValidation && result !== null,
    language,
    revalidate,
    shownFlags: readShownFlags,
    onFlagsShown: recordShownFlags,
  });

  // Inside Excel, a person with live validation on expects the pane to be checking already.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (liveAvailable && options.liveValidation) void validate();
  }, [liveAvailable, options.liveValidation, validate]);

  const changeRole = (next: Role) => {
    onRoleChange(next);
    setOptions(ROLE_DEFAULTS[next]);
  };

  // ---- findings ---------------------------------------------------------------------------
  const findings = result?.findings ?? [];
  const groups = useMemo(() => groupFindings(findings, filter), [findings, filter]);
  const order = useMemo(() => flattenGroups(groups), [groups]);
  const counts = useMemo(() => countFindings(findings), [findings]);
  const sheets = useMemo(() => sheetsOf(findings), [findings]);
  // The pack (and so the formatter) changes only with the result's rule pack, not with waivers.
  const hasResult = result !== null;
  const rulePack = result?.rulePack ?? null;
  const pack = useMemo(() => (hasResult ? packOf({ rulePack }) : null), [hasResult, rulePack]);
  const format = useMemo(() => (hasResult ? createFormatter({ rulePack }) : null), [hasResult, rulePack]);

  const messageOf = useCallback((finding: Finding) => (format ? format(finding, language) : finding.ruleId), [format, language]);
  const ruleTitleOf = useCallback((ruleId: string) => (pack ? ruleTitle(ruleId, language, pack) : ruleId), [pack, language]);
  const sourcesOf = useCallback((finding: Finding) => (pack ? sourceLabels(pack, finding.sources, language) : ""), [pack, language]);

  const activate = useStableCallback((entry: FindingEntry, moveFocus = false) => {
    setActive(entry.finding.fingerprint);
    if (moveFocus) setFocusRequest((count) => count + 1);
    // A finding about a missing sheet has no cell to go to.
    if (!validation.sheetNames.has(entry.finding.sheet)) {
      setNotice({ intent: "info", title: strings.findings.sheetMissing(entry.finding.sheet) });
      return;
    }
    gateway.selectCell(entry.finding.sheet, entry.finding.cell).catch((error: unknown) => {
      setNotice(errorNotice(strings, error, "select-failed"));
    });
  });
  const onActivate = useCallback((entry: FindingEntry) => activate(entry), [activate]);

  const step = useStableCallback((direction: 1 | -1) => {
    const current = active === null ? -1 : order.findIndex((entry) => entry.finding.fingerprint === active);
    const next = stepPosition(current < 0 ? null : current, direction, order.length);
    const entry = next === null ? undefined : order[next];
    if (entry) activate(entry, true);
  });

  const toggleTone = (tone: SeverityTone) => {
    setFilter((current) => {
      if (tone === "waived") return { ...current, showWaived: !current.showWaived };
      const severities = new Set(current.severities);
      if (!severities.delete(tone)) severities.add(tone);
      return { ...current, severities };
    });
  };

  // ---- waivers ----------------------------------------------------------------------------
  const storeWaivers = useStableCallback(async (next: Waiver[], success: string): Promise<boolean> => {
    try {
      const updated = await validation.saveWaivers(next);
      if (updated && shownFlags.current.length > 0) {
        const flags = flagsFor(updated, language);
        await gateway.showFlags(flags);
        shownFlags.current = flags;
      }
      setNotice({ intent: "success", title: success });
      return true;
    } catch (error) {
      setNotice(errorNotice(strings, error, "write-failed"));
      return false;
    }
  });

  const onWaive = useStableCallback(async (finding: Finding, reason: string) => {
    const waiver: Waiver = { fingerprint: finding.fingerprint, ruleId: finding.ruleId, reason, by: strings.roles[role], at: today() };
    const others = validation.waivers.filter((existing) => existing.fingerprint !== finding.fingerprint);
    return storeWaivers([...others, waiver], strings.waiver.saved);
  });

  const onRemoveWaiver = useStableCallback(async (finding: Finding) =>
    storeWaivers(
      validation.waivers.filter((existing) => existing.fingerprint !== finding.fingerprint),
      strings.waiver.removed,
    ),
  );

  // ---- actions ----------------------------------------------------------------------------
  const action = useAsyncTask(async (report, request: PaneAction): Promise<Notice> => {
    const delivered = (delivery: Delivery, written: string, downloaded: string): Notice => ({
      intent: "success",
      title: delivery === "written" ? written : downloaded,
    });
    switch (request.kind) {
      case "show-flags": {
        if (!result) throw new Error("no result");
        report({ stage: "flags", fraction: 0 });
        const flags = flagsFor(result, language);
        const shown = await gateway.showFlags(flags, report);
        shownFlags.current = flags;
        return (
          skippedNotice(strings, shown) ?? {
            intent: "success",
            title: strings.actions.flagsShown(shown.flagged),
            body: host.cellMessages === "none" ? strings.actions.flagsWithoutMessages : undefined,
          }
        );
      }
      case "clear-flags": {
        report({ stage: "clear", fraction: 0 });
        const cleared = await gateway.clearFlags();
        shownFlags.current = [];
        return skippedNotice(strings, cleared, true) ?? { intent: "success", title: strings.actions.flagsCleared };
      }
      case "summary": {
        if (!result || !host.generateSummary) throw new Error("no summary writer");
        report({ stage: "summary", fraction: 0 });
        const delivery = await host.generateSummary(result, language, report);
        return delivered(delivery, strings.actions.summaryDone, strings.actions.summaryDownloaded);
      }
      case "template": {
        if (!host.insertTemplate) throw new Error("no template writer");
        report({ stage: "template", fraction: 0 });
        const delivery = await host.insertTemplate(language, report);
        const done = delivered(delivery, strings.actions.templateDone, strings.actions.templateDownloaded);
        // Without notes (before ExcelApi 1.18) the headers carry no help; the instructions sheet has it.
        return delivery === "written" && host.cellMessages !== undefined && host.cellMessages !== "notes"
          ? { ...done, body: strings.actions.templateWithoutNotes }
          : done;
      }
      case "export": {
        if (!result) throw new Error("no result");
        const name = baseName(host.documentName);
        const file =
          request.format === "json"
            ? { name: `${name}-findings.json`, type: MIME.json, data: `${JSON.stringify(toJsonReport(host.documentName, result, language), null, 2)}\n` }
            : request.format === "sarif"
              ? { name: `${name}-findings.sarif`, type: MIME.sarif, data: `${JSON.stringify(toSarif(host.documentName, result, language), null, 2)}\n` }
              : { name: `${name}-findings.csv`, type: MIME.csv, data: toCsv(result, language) };
        if (host.canDownload === false) {
          setCopyFile(file);
          return { intent: "info", title: strings.actions.copyShown(file.name) };
        }
        host.saveFile(file);
        return { intent: "success", title: strings.actions.exported(file.name) };
      }
    }
  });

  const runAction = (request: PaneAction) => {
    setNotice(null);
    void action.run(request).then((outcome) => {
      // The message bar announces itself.
      if (outcome) setNotice(outcome);
    });
  };
  const onTemplate = host.insertTemplate ? () => runAction({ kind: "template" }) : undefined;

  // ---- keyboard ---------------------------------------------------------------------------
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const typing = target.closest("input, textarea, select, [contenteditable='true'], [role='menu'], [role='listbox']") !== null;
    let direction: 1 | -1 | null = null;
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) direction = event.key === "ArrowDown" ? 1 : -1;
    else if (!event.altKey && !event.shiftKey && !typing && (event.key === "j" || event.key === "k")) direction = event.key === "j" ? 1 : -1;
    if (direction === null || !result) return;
    event.preventDefault();
    step(direction);
  };

  // ---- render -----------------------------------------------------------------------------
  const running = task.status === "running";
  const actionRunning = action.status === "running";
  const validationError = task.status === "failed" ? errorNotice(strings, task.error) : null;
  const actionError = action.status === "failed" ? errorNotice(strings, action.error) : null;
  const liveError = live.error !== undefined ? errorNotice(strings, live.error) : null;

  return (
    <FixProvider value={role === "reviewer" ? null : fixes}>
    <div className={styles.root} onKeyDown={onKeyDown} data-testid="task-pane">
      <PaneHeader plan={result?.plan ?? null} rulePack={result?.rulePack ?? null} onLanguageChange={onLanguageChange} role={role} onRoleChange={changeRole} />
      <div className={styles.body}>
        {role === "reviewer" && (
          <TabList
            size="small"
            selectedValue={view}
            onTabSelect={(_event, data) => {
              const next = data.value === "round" ? "round" : "workbook";
              setView(next);
              if (next === "round") setRoundOpened(true);
            }}
            aria-label={strings.round.tabs}
            data-testid="review-tabs"
          >
            <Tab value="workbook" data-testid="tab-workbook">
              {strings.round.workbookTab}
            </Tab>
            <Tab value="round" data-testid="tab-round">
              {strings.round.roundTab}
            </Tab>
          </TabList>
        )}
        {role === "reviewer" && roundOpened && (
          <div hidden={!showRound}>
            <Suspense fallback={<Spinner size="small" />}>
              <RoundReview />
            </Suspense>
          </div>
        )}
        {!showRound && (
          <>
            <section className={styles.commands} aria-label={strings.actions.heading}>
              <CommandPanel
                running={running}
                progress={task.progress}
                hasResult={result !== null}
                onValidate={() => void validate()}
                liveAvailable={liveAvailable}
                live={options.liveValidation}
                liveState={live.state}
                liveListOnly={!liveWritesFlags}
                onLiveChange={(on) => setOptions((current) => ({ ...current, liveValidation: on }))}
                flagOnValidate={options.flagOnValidate}
                onFlagOnValidateChange={(on) => setOptions((current) => ({ ...current, flagOnValidate: on }))}
              />
              <Divider className={styles.divider} />
              <ActionBar
                host={host.kind}
                hasResult={result !== null}
                busy={actionRunning || running}
                onShowFlags={() => runAction({ kind: "show-flags" })}
                onClearFlags={() => runAction({ kind: "clear-flags" })}
                onSummary={host.generateSummary ? () => runAction({ kind: "summary" }) : undefined}
                onTemplate={onTemplate}
                onExport={(format) => runAction({ kind: "export", format })}
              />
              {actionRunning && <ProgressStatus progress={action.progress} />}
            </section>

            {role !== "reviewer" && <UndoBar />}
            {(validationError || actionError || liveError || notice) && (
              <div className={styles.notices}>
                {validationError && (
                  <StatusMessage
                    notice={{ ...validationError, action: { label: strings.revalidate, onClick: () => void validate() } }}
                    onDismiss={task.reset}
                  />
                )}
                {actionError && <StatusMessage notice={actionError} onDismiss={action.reset} />}
                {liveError && (
                  <StatusMessage
                    notice={liveError}
                    // Live validation that could not start is switched off; a failed round is only dismissed.
                    onDismiss={() => (live.state === "failed" ? setOptions((current) => ({ ...current, liveValidation: false })) : live.dismissError())}
                  />
                )}
                {notice && <StatusMessage notice={notice} onDismiss={() => setNotice(null)} />}
              </div>
            )}

            {result === null ? (
              !running && <EmptyState variant="idle" onTemplate={onTemplate} templateBusy={actionRunning} />
            ) : (
              <div className={styles.results}>
                {looksUnrelated(result) && <EmptyState variant="not-plan" onTemplate={onTemplate} templateBusy={actionRunning} />}
                {findings.length === 0 && (
                  <MessageBar intent="success" layout="multiline" data-testid="all-clear">
                    <MessageBarBody>
                      <MessageBarTitle>{strings.findings.allClear}</MessageBarTitle>
                      {strings.findings.allClearDetail}
                    </MessageBarBody>
                  </MessageBar>
                )}
                <SeverityCounts counts={counts} filter={filter} onToggle={toggleTone} />
                <SummaryCard summary={result.summary} fiscalYear={result.fiscalYear} />
                {findings.length > 0 && (
                  <FindingsList
                    groups={groups}
                    order={order}
                    total={findings.length}
                    sheets={sheets}
                    filter={filter}
                    onFilterChange={setFilter}
                    active={active}
                    focusRequest={focusRequest}
                    onActivate={onActivate}
                    onStep={step}
                    messageOf={messageOf}
                    ruleTitleOf={ruleTitleOf}
                    sourcesOf={sourcesOf}
                    onWaive={onWaive}
                    onRemoveWaiver={onRemoveWaiver}
                  />
                )}
              </div>
            )}
          </>
        )}
      </div>
      {copyFile && <ExportTextDialog file={copyFile} onClose={() => setCopyFile(null)} />}
      <div className={styles.visuallyHidden} role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
    </FixProvider>
  );
}
