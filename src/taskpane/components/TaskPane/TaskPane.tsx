import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Divider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
} from "@fluentui/react-components";
import { type KeyboardEvent, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BUDGET_SHEET, PLAN_SHEET } from "../../../engine/contract";
import { createFormatter, packOf, ruleTitle, sourceLabels } from "../../../engine/format";
import { exceptionNoteRefusal, taipeiTimestamp } from "../../../engine/exceptionNotes";
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
  type FindingCounts,
  type FindingEntry,
  type FindingFilter,
  type FindingTone,
  isPassed,
  sheetsOf,
  sortFindings,
  stepPosition,
  toggleTone,
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
import { BudgetView } from "../BudgetView/BudgetView";
import { CommandPanel } from "../CommandPanel/CommandPanel";
import { EmptyState } from "../EmptyState/EmptyState";
import { ExportTextDialog } from "../ExportTextDialog/ExportTextDialog";
import { FindingsList } from "../FindingsList/FindingsList";
import { FixProvider } from "../FixControls/FixControls";
import { PaneHeader } from "../PaneHeader/PaneHeader";
import { ProgressStatus } from "../ProgressStatus/ProgressStatus";
import { SeverityCounts } from "../SeverityCounts/SeverityCounts";
import { type Notice, type NoticeSource, StatusMessage } from "../StatusMessage/StatusMessage";
import { SummaryCard } from "../SummaryCard/SummaryCard";
import { UndoBar } from "../UndoBar/UndoBar";
import type { NoteAuthor } from "../WaiverForm/WaiverForm";
import { useTaskPaneStyles } from "./TaskPane.styles";

// A reviewer's round (its table, the review module) loads when the reviewer opens it, not before the first paint.
const RoundReview = lazy(async () => ({ default: (await import(/* webpackChunkName: "round" */ "../RoundReview/RoundReview")).RoundReview }));

export interface TaskPaneProps {
  role: Role;
  onRoleChange: (role: Role) => void;
  onLanguageChange: (language: Language) => void;
  /** The name exception notes are written under (remembered by the settings). */
  personName: string;
  onPersonNameChange: (name: string) => void;
}

type PaneAction = { kind: "show-flags" } | { kind: "clear-flags" } | { kind: "summary" } | { kind: "template" } | { kind: "export"; format: ExportFormat };

function errorNotice(strings: Strings, error: unknown, fallback: ErrorKey = "unknown"): Notice {
  const { key, detail } = toPaneError(error, fallback);
  const text = strings.errors[key];
  return { intent: "error", title: text.title, body: text.action, detail };
}

/** An error's notice, worded in whichever language the pane shows when it is read. */
function errorSource(error: unknown, fallback: ErrorKey = "unknown"): NoticeSource {
  return (strings) => errorNotice(strings, error, fallback);
}

/** A warning naming the protected sheets whose flags could not be shown (or removed). */
function skippedNotice(report: FlagReport | null, clearing = false): NoticeSource | null {
  if (!report || report.skipped.length === 0) return null;
  const sheets = report.skipped.map((entry) => entry.sheet);
  return (strings) => ({
    intent: "warning",
    title: clearing ? strings.actions.flagsLeft(sheets) : strings.actions.flagsSkipped(sheets),
    body: strings.actions.flagsSkippedBody,
  });
}

/** The formatter's message without the sources it appends (the card shows them in its details). */
function withoutSources(message: string, sources: string, language: Language): string {
  if (sources === "") return message;
  const suffix = language === "zh-TW" ? `（${sources}）` : ` (${sources})`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

/** Whether the workbook lacks the plan's own sheets (an empty or unrelated workbook). */
function looksUnrelated(result: ValidationResult): boolean {
  const missing = new Set(result.findings.filter((finding) => finding.ruleId === "WB-SHEET-MISSING").map((finding) => finding.sheet));
  return missing.has(PLAN_SHEET.name["zh-TW"]) && missing.has(BUDGET_SHEET.name["zh-TW"]);
}

/** The task pane: validate, read the findings, act on them. The same component in Excel and in the browser preview. */
export function TaskPane({ role, onRoleChange, onLanguageChange, personName, onPersonNameChange }: TaskPaneProps) {
  const styles = useTaskPaneStyles();
  const host = useHost();
  const { gateway } = host;
  const { language, strings } = useStrings();
  const validation = useValidation();
  const { task, result } = validation;
  const [options, setOptions] = useState<RoleDefaults>(() => ROLE_DEFAULTS[role]);
  const [notice, setNotice] = useState<NoticeSource | null>(null);
  const [filter, setFilter] = useState<FindingFilter>(DEFAULT_FILTER);
  const [active, setActive] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [announced, setAnnounced] = useState<FindingCounts | null>(null);
  const shownFlags = useRef<readonly CellFlag[]>([]);
  const [copyFile, setCopyFile] = useState<SavedFile | null>(null);
  const liveWritesFlags = host.liveWritesFlags !== false;
  // A reviewer checks this workbook or a round of submissions; the round stays once read.
  const [view, setView] = useState<"workbook" | "round">("workbook");
  const [roundOpened, setRoundOpened] = useState(false);
  const showRound = role === "reviewer" && view === "round";
  // The browser preview's grid always shows the flags, for every role: it is not the person's file.
  const flagOnValidate = options.flagOnValidate || host.kind === "preview";

  // ---- validation -------------------------------------------------------------------------
  const validate = useStableCallback(async () => {
    setNotice(null);
    const outcome = await task.run({ flag: flagOnValidate, language });
    if (!outcome) return;
    const validated = outcome.result;
    if (flagOnValidate) shownFlags.current = flagsFor(validated, language);
    const skipped = skippedNotice(outcome.flags);
    setNotice(() => skipped);
    setAnnounced(countFindings(validated.findings));
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
  const { sheetNames } = validation;
  const order = useMemo(() => sortFindings(findings, filter, [...sheetNames]), [findings, filter, sheetNames]);
  const counts = useMemo(() => countFindings(findings), [findings]);
  const sheets = useMemo(() => sheetsOf(findings), [findings]);
  // The pack (and so the formatter) changes only with the result's rule pack, not with waivers.
  const hasResult = result !== null;
  const rulePack = result?.rulePack ?? null;
  const pack = useMemo(() => (hasResult ? packOf({ rulePack }) : null), [hasResult, rulePack]);
  const format = useMemo(() => (hasResult ? createFormatter({ rulePack }) : null), [hasResult, rulePack]);

  const sourcesOf = useCallback((finding: Finding) => (pack ? sourceLabels(pack, finding.sources, language) : ""), [pack, language]);
  const messageOf = useCallback(
    (finding: Finding) => (format ? withoutSources(format(finding, language), sourcesOf(finding), language) : finding.ruleId),
    [format, language, sourcesOf],
  );
  const ruleTitleOf = useCallback((ruleId: string) => (pack ? ruleTitle(ruleId, language, pack) : ruleId), [pack, language]);
  const categoryLabel = useCallback(
    (category: string | null) => {
      if (category === null) return "";
      return pack?.vocabularies.budgetCategory.find((entry) => entry.value === category)?.label[language] ?? category;
    },
    [pack, language],
  );
  const author = useMemo<NoteAuthor | null>(
    () => (pack ? { policy: pack, role, name: personName, onNameChange: onPersonNameChange } : null),
    [pack, role, personName, onPersonNameChange],
  );

  const activate = useStableCallback((entry: FindingEntry, moveFocus = false) => {
    setActive(entry.finding.fingerprint);
    if (moveFocus) setFocusRequest((count) => count + 1);
    // A finding about a missing sheet has no cell to go to.
    if (!validation.sheetNames.has(entry.finding.sheet)) {
      const { sheet } = entry.finding;
      setNotice(() => (current: Strings): Notice => ({ intent: "info", title: current.findings.sheetMissing(sheet) }));
      return;
    }
    gateway.selectCell(entry.finding.sheet, entry.finding.cell).catch((error: unknown) => {
      setNotice(() => errorSource(error, "select-failed"));
    });
  });
  const onActivate = useCallback((entry: FindingEntry) => activate(entry), [activate]);

  const step = useStableCallback((direction: 1 | -1) => {
    const current = active === null ? -1 : order.findIndex((entry) => entry.finding.fingerprint === active);
    const next = stepPosition(current < 0 ? null : current, direction, order.length);
    const entry = next === null ? undefined : order[next];
    if (entry) activate(entry, true);
  });

  const onToggleTone = (tone: FindingTone) => setFilter((current) => toggleTone(current, tone));

  // ---- exception notes (waivers) ----------------------------------------------------------
  const storeWaivers = useStableCallback(async (next: Waiver[], success: (strings: Strings) => string): Promise<boolean> => {
    try {
      const updated = await validation.saveWaivers(next);
      if (updated && shownFlags.current.length > 0) {
        const flags = flagsFor(updated, language);
        await gateway.showFlags(flags);
        shownFlags.current = flags;
      }
      setNotice(() => (current: Strings): Notice => ({ intent: "success", title: success(current) }));
      return true;
    } catch (error) {
      setNotice(() => errorSource(error, "write-failed"));
      return false;
    }
  });

  const onWaive = useStableCallback(async (finding: Finding, reason: string, name: string) => {
    // The form refuses first; this keeps a note the rule pack does not allow out of the workbook whatever the caller.
    if (!pack || exceptionNoteRefusal(pack, { finding, role, reason, name }) !== null) return false;
    const waiver: Waiver = {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      reason: reason.trim(),
      by: name.trim(),
      role,
      at: taipeiTimestamp(new Date()),
      severity: finding.severity,
    };
    const others = validation.waivers.filter((existing) => existing.fingerprint !== finding.fingerprint);
    return storeWaivers([...others, waiver], (current) => current.waiver.saved);
  });

  const onRemoveWaiver = useStableCallback(async (finding: Finding) =>
    storeWaivers(
      validation.waivers.filter((existing) => existing.fingerprint !== finding.fingerprint),
      (current) => current.waiver.removed,
    ),
  );

  // ---- actions ----------------------------------------------------------------------------
  const action = useAsyncTask(async (report, request: PaneAction): Promise<NoticeSource> => {
    type Words = (strings: Strings) => string;
    const delivered =
      (delivery: Delivery, written: Words, downloaded: Words): ((strings: Strings) => Notice) =>
      (current) => ({ intent: "success", title: delivery === "written" ? written(current) : downloaded(current) });
    switch (request.kind) {
      case "show-flags": {
        if (!result) throw new Error("no result");
        report({ stage: "flags", fraction: 0 });
        const flags = flagsFor(result, language);
        const shown = await gateway.showFlags(flags, report);
        shownFlags.current = flags;
        return (
          skippedNotice(shown) ??
          ((current: Strings): Notice => ({
            intent: "success",
            title: current.actions.flagsShown(shown.flagged),
            body: host.cellMessages === "none" ? current.actions.flagsWithoutMessages : undefined,
          }))
        );
      }
      case "clear-flags": {
        report({ stage: "clear", fraction: 0 });
        const cleared = await gateway.clearFlags();
        shownFlags.current = [];
        return skippedNotice(cleared, true) ?? ((current: Strings): Notice => ({ intent: "success", title: current.actions.flagsCleared }));
      }
      case "summary": {
        if (!result || !host.generateSummary) throw new Error("no summary writer");
        report({ stage: "summary", fraction: 0 });
        const delivery = await host.generateSummary(result, language, report, personName.trim() || undefined);
        return delivered(
          delivery,
          (current) => current.actions.summaryDone,
          (current) => current.actions.summaryDownloaded,
        );
      }
      case "template": {
        if (!host.insertTemplate) throw new Error("no template writer");
        report({ stage: "template", fraction: 0 });
        const delivery = await host.insertTemplate(language, report);
        const done = delivered(
          delivery,
          (current) => current.actions.templateDone,
          (current) => current.actions.templateDownloaded,
        );
        // Without notes (before ExcelApi 1.18) the headers carry no help; the instructions sheet has it.
        return delivery === "written" && host.cellMessages !== undefined && host.cellMessages !== "notes"
          ? (current: Strings) => ({ ...done(current), body: current.actions.templateWithoutNotes })
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
          return (current: Strings): Notice => ({ intent: "info", title: current.actions.copyShown(file.name) });
        }
        host.saveFile(file);
        return (current: Strings): Notice => ({ intent: "success", title: current.actions.exported(file.name) });
      }
    }
  });

  const runAction = (request: PaneAction) => {
    setNotice(null);
    void action.run(request).then((outcome) => {
      // The message bar announces itself.
      if (outcome) setNotice(() => outcome);
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
                flagOptionShown={host.kind !== "preview"}
                onFlagOnValidateChange={(on) => setOptions((current) => ({ ...current, flagOnValidate: on }))}
              />
              <Divider className={styles.divider} />
              <ActionBar
                host={host.kind}
                role={role}
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
                {isPassed(counts) && (
                  <MessageBar intent="success" layout="multiline" data-testid="all-clear">
                    <MessageBarBody>
                      <MessageBarTitle>{strings.findings.allClear}</MessageBarTitle>
                      {findings.length === 0 ? strings.findings.allClearDetail : strings.findings.passedDetail(counts.info, counts.waived)}
                    </MessageBarBody>
                  </MessageBar>
                )}
                {findings.length > 0 && <SeverityCounts counts={counts} filter={filter} onToggle={onToggleTone} />}
                {findings.length > 0 && author && (
                  <FindingsList
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
                    author={author}
                  />
                )}
                {/* Below the findings, collapsed: the budget opens by itself for finance, who read it first. */}
                <Accordion
                  key={role}
                  className={styles.sections}
                  multiple
                  collapsible
                  defaultOpenItems={role === "finance" ? ["budget"] : []}
                  data-testid="sections"
                >
                  <AccordionItem value="budget" data-testid="section-budget">
                    <AccordionHeader as="h2" size="small">
                      {strings.budget.heading}
                    </AccordionHeader>
                    <AccordionPanel>
                      <BudgetView budget={result.summary.budget} categoryLabel={categoryLabel} />
                    </AccordionPanel>
                  </AccordionItem>
                  <AccordionItem value="summary" data-testid="section-summary">
                    <AccordionHeader as="h2" size="small">
                      {strings.summary.heading}
                    </AccordionHeader>
                    <AccordionPanel>
                      <SummaryCard summary={result.summary} fiscalYear={result.fiscalYear} titled={false} />
                    </AccordionPanel>
                  </AccordionItem>
                </Accordion>
              </div>
            )}
          </>
        )}
      </div>
      {copyFile && <ExportTextDialog file={copyFile} onClose={() => setCopyFile(null)} />}
      <div className={styles.visuallyHidden} role="status" aria-live="polite">
        {announced ? strings.validated(announced) : ""}
      </div>
    </div>
    </FixProvider>
  );
}
