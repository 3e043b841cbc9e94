import {
  Button,
  Caption1,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { ArrowLeft20Regular, DocumentMultiple20Regular, FolderOpen20Regular, TableSimple20Regular } from "@fluentui/react-icons";
import { type ChangeEvent, useMemo, useRef, useState } from "react";
import { createFormatter } from "../../../engine/format";
import type { ValidationResult } from "../../../engine/types";
import type { OverviewRow } from "../../../review";
import { rowName } from "../../../review";
import { toPaneError } from "../../errors";
import { useAsyncTask } from "../../hooks/useAsyncTask";
import { useHost } from "../../host";
import { useStrings } from "../../language";
import { defaultRoundLoaders, overviewFileName, reviewFiles, roundFileOf, type RoundLoaders, type RoundProgress } from "../../round";
import { ProgressStatus } from "../ProgressStatus/ProgressStatus";
import { SeverityIcon } from "../SeverityIcon/SeverityIcon";
import { type Notice, StatusMessage } from "../StatusMessage/StatusMessage";
import { useRoundReviewStyles } from "./RoundReview.styles";

export interface RoundReviewProps {
  loaders?: RoundLoaders;
}

/** Whether this browser lets a file input choose a folder (Chromium, Edge's WebView2, Safari, Firefox). */
function folderPickerSupported(): boolean {
  return typeof document !== "undefined" && "webkitdirectory" in document.createElement("input");
}

function fileOf(row: OverviewRow): string {
  return row.kind === "checked" ? row.facts.file : row.failure.file;
}

/**
 * The reviewer's round: several workbooks (or a folder) checked in the pane, the overview as a
 * table, each row's findings, and the overview workbook — a new workbook inside Excel, a download
 * in the browser preview. Nothing is written to the open workbook.
 */
export function RoundReview({ loaders = defaultRoundLoaders }: RoundReviewProps) {
  const styles = useRoundReviewStyles();
  const host = useHost();
  const { language, strings } = useStrings();
  const t = strings.round;
  const folders = useMemo(folderPickerSupported, []);
  const [progress, setProgress] = useState<RoundProgress | null>(null);
  const [opened, setOpened] = useState<string | null>(null);

  const review = useAsyncTask(async (_report, files: File[], fromFolder: boolean) => {
    setOpened(null);
    try {
      return await reviewFiles(files.map(roundFileOf), { language, strings, fromFolder, loaders, onProgress: setProgress });
    } finally {
      setProgress(null);
    }
  });
  const round = review.value;

  const write = useAsyncTask(async (report): Promise<Notice> => {
    if (!round) throw new Error("no round");
    report({ stage: "overview", fraction: 0 });
    const { overviewBytes } = await loaders.writer();
    const name = overviewFileName(language);
    const how = await host.openWorkbook({ name, bytes: await overviewBytes(round.overview, language) });
    return { intent: "success", title: how === "opened" ? t.overviewOpened : t.overviewDownloaded(name) };
  });

  const openedRow = round && opened !== null ? round.overview.rows.find((row) => fileOf(row) === opened) : undefined;
  const failure = review.status === "failed" ? review.error : write.status === "failed" ? write.error : undefined;
  const failureText = failure !== undefined ? toPaneError(failure) : null;
  const running = review.status === "running";

  return (
    <section className={styles.root} aria-labelledby="round-heading" data-testid="round">
      <h2 id="round-heading" className={styles.heading}>
        {t.heading}
      </h2>
      <Caption1 className={styles.intro}>{t.intro}</Caption1>
      <div className={styles.choose}>
        <Chooser folder={false} label={t.chooseFiles} disabled={running} onFiles={(files) => void review.run(files, false)} />
        {folders && <Chooser folder label={t.chooseFolder} disabled={running} onFiles={(files) => void review.run(files, true)} />}
      </div>

      {running && (
        <div className={styles.progress} role="status" aria-live="polite" data-testid="round-progress">
          <Caption1 className={styles.progressLabel}>{progress ? t.reading(progress.done, progress.total, progress.file) : strings.working}</Caption1>
          <ProgressBar thickness="medium" value={progress && progress.total > 0 ? progress.done / progress.total : undefined} aria-label={t.heading} />
        </div>
      )}

      {failureText && (
        <StatusMessage
          notice={{ intent: "error", title: strings.errors[failureText.key].title, body: strings.errors[failureText.key].action, detail: failureText.detail }}
          onDismiss={() => (review.status === "failed" ? review.reset() : write.reset())}
        />
      )}
      {write.status === "done" && write.value && <StatusMessage notice={write.value} onDismiss={write.reset} />}

      {round && !running && openedRow && (
        <RowFindings row={openedRow} result={round.results.get(fileOf(openedRow))} onBack={() => setOpened(null)} />
      )}

      {round && !running && !openedRow && (
        <>
          <Caption1 className={styles.totals} data-testid="round-totals">
            {t.totals(round.overview.totals.files, round.overview.totals.checked, round.overview.totals.unreadable, round.overview.totals.withErrors)}
            {round.skipped.length > 0 ? ` · ${t.skipped(round.skipped.length)}` : ""}
          </Caption1>
          {round.overview.rows.length === 0 ? (
            <Caption1>{t.nothingChosen}</Caption1>
          ) : (
            <Table size="extra-small" className={styles.table} aria-label={t.tableLabel} data-testid="round-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.nameColumn}>{t.columns.name}</TableHeaderCell>
                  <TableHeaderCell className={styles.numberColumn}>{t.columns.errors}</TableHeaderCell>
                  <TableHeaderCell className={styles.numberColumn}>{t.columns.warnings}</TableHeaderCell>
                  <TableHeaderCell className={styles.ratioColumn}>{t.columns.ratio}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {round.overview.rows.map((row) => {
                  const file = fileOf(row);
                  const name = rowName(row);
                  return (
                    <TableRow key={file} data-testid="round-row" data-file={file}>
                      <TableCell>
                        <button type="button" className={styles.rowButton} onClick={() => setOpened(file)} aria-label={t.openRow(name)}>
                          <span className={styles.rowName} title={name}>
                            {name}
                          </span>
                          {name !== file && (
                            <span className={styles.rowFile} title={file}>
                              {file}
                            </span>
                          )}
                          {row.kind === "unreadable" && <span className={styles.unreadable}>{t.unreadable}</span>}
                        </button>
                      </TableCell>
                      <TableCell className={styles.numberColumn}>
                        {row.kind === "checked" && <span className={row.facts.findings.error > 0 ? styles.errors : undefined}>{row.facts.findings.error}</span>}
                      </TableCell>
                      <TableCell className={styles.numberColumn}>
                        {row.kind === "checked" && <span className={row.facts.findings.warning > 0 ? styles.warnings : undefined}>{row.facts.findings.warning}</span>}
                      </TableCell>
                      <TableCell className={styles.ratioColumn}>
                        {row.kind === "checked" && row.facts.selfSufficiencyRatio !== null ? `${Math.round(row.facts.selfSufficiencyRatio * 100)}%` : "—"}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          {round.overview.yearOverYear.length > 0 && (
            <div data-testid="round-yoy">
              <Caption1>{t.yearOverYear(round.overview.yearOverYear.length)}</Caption1>
              <ul className={styles.yoy}>
                {round.overview.yearOverYear.map((view) => (
                  <li key={`${view.earlier.file}|${view.later.file}`}>
                    <Caption1>
                      {t.yearOverYearLine(
                        view.later.title ?? view.later.file,
                        String(view.earlier.fiscalYear ?? "—"),
                        String(view.later.fiscalYear ?? "—"),
                        view.members.joined.length,
                        view.members.left.length,
                        view.disagreements.length,
                      )}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {round.overview.rows.length > 0 && (
            <div className={styles.actions}>
              <Button
                appearance="primary"
                icon={<TableSimple20Regular />}
                disabledFocusable={write.status === "running"}
                onClick={() => void write.run()}
                data-testid="round-overview"
              >
                {write.status === "running" ? t.overviewWriting : host.kind === "excel" ? t.overviewExcel : t.overviewDownload}
              </Button>
              <Caption1 className={styles.hint}>{host.kind === "excel" ? t.overviewExcelHint : t.overviewDownloadHint}</Caption1>
              {write.status === "running" && <ProgressStatus progress={write.progress} />}
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface ChooserProps {
  /** A folder (webkitdirectory) rather than files. */
  folder: boolean;
  label: string;
  disabled: boolean;
  onFiles: (files: File[]) => void;
}

/** A button and the hidden file input it opens: several workbooks, or a folder. */
function Chooser({ folder, label, disabled, onFiles }: ChooserProps) {
  const styles = useRoundReviewStyles();
  const input = useRef<HTMLInputElement>(null);
  const kind = folder ? "folder" : "files";
  const folderProps = folder ? ({ webkitdirectory: "", directory: "" } as Record<string, string>) : {};
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // The same files can be chosen again.
    event.target.value = "";
    if (files.length > 0) onFiles(files);
  };
  return (
    <>
      <input
        ref={input}
        className={styles.hiddenInput}
        type="file"
        multiple
        {...(folder ? folderProps : { accept: ".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })}
        onChange={onChange}
        tabIndex={-1}
        aria-hidden="true"
        data-testid={`round-${kind}`}
      />
      <Button
        icon={folder ? <FolderOpen20Regular /> : <DocumentMultiple20Regular />}
        disabledFocusable={disabled}
        onClick={() => input.current?.click()}
        data-testid={`round-choose-${kind}`}
      >
        {label}
      </Button>
    </>
  );
}

interface RowFindingsProps {
  row: OverviewRow;
  result: ValidationResult | undefined;
  onBack: () => void;
}

/** One submission's findings, read only (the workbook is not the open one: there is no cell to go to). */
function RowFindings({ row, result, onBack }: RowFindingsProps) {
  const styles = useRoundReviewStyles();
  const { language, strings } = useStrings();
  const t = strings.round;
  const format = useMemo(() => (result ? createFormatter(result) : null), [result]);
  return (
    <div className={styles.root} data-testid="round-findings">
      <div className={styles.detailHeader}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} onClick={onBack} data-testid="round-back">
          {t.back}
        </Button>
        <h3 className={styles.heading}>{rowName(row)}</h3>
        <Caption1 className={styles.rowFile}>{fileOf(row)}</Caption1>
      </div>
      {row.kind === "unreadable" ? (
        <StatusMessage notice={{ intent: "error", title: t.unreadable, body: row.failure.message }} onDismiss={onBack} />
      ) : !result || result.findings.length === 0 ? (
        <Caption1>{t.noFindings}</Caption1>
      ) : (
        <>
          <Caption1>{t.findingsOf(result.findings.length)}</Caption1>
          <ul className={styles.findings}>
            {result.findings.map((finding) => (
              <li key={finding.fingerprint} className={styles.finding} data-rule={finding.ruleId}>
                <SeverityIcon tone={finding.waiver ? "waived" : finding.severity} />
                <div>
                  <div className={styles.findingMeta}>{`${finding.waiver ? strings.waived : strings.severity[finding.severity]} · ${finding.ruleId} · ${finding.sheet}!${finding.cell}`}</div>
                  <div className={styles.findingMessage}>{format ? format(finding, language) : finding.ruleId}</div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
