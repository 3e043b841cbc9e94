import { Spinner } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { validateWorkbook } from "../../../engine/validate";
import { WorkbookError } from "../../../workbook/gateway";
import { defaultPreviewLoaders, PreviewGateway, type PreviewLoaders } from "../../../workbook/preview/PreviewGateway";
import { MIME, saveFileInBrowser } from "../../download";
import { toPaneError } from "../../errors";
import { useAsyncTask } from "../../hooks/useAsyncTask";
import type { Settings } from "../../hooks/useSettings";
import { HostProvider, type SavedFile } from "../../host";
import { useStrings } from "../../language";
import { annotatedName, createPreviewHost } from "../../previewHost";
import { PreviewGrid } from "../PreviewGrid/PreviewGrid";
import { PreviewToolbar } from "../PreviewToolbar/PreviewToolbar";
import type { Strings } from "../../i18n";
import { type Notice, type NoticeSource, StatusMessage } from "../StatusMessage/StatusMessage";
import { TaskPane } from "../TaskPane/TaskPane";
import { usePreviewShellStyles } from "./PreviewShell.styles";

export const PREVIEW_SAMPLES = ["sample-mistakes.xlsx", "sample-clean.xlsx", "sample-english.xlsx"] as const;

export type WorkbookSource = { kind: "sample"; name: string } | { kind: "file"; file: File };

export interface PreviewShellProps {
  settings: Settings;
  /** URL of the folder holding the samples, ending in "/". */
  samplesBase: string;
  samples?: readonly string[];
  initialSample: string;
  loaders?: PreviewLoaders;
  fetchBytes?: (url: string) => Promise<Uint8Array>;
  saveFile?: (file: SavedFile) => void;
}

interface OpenDocument {
  id: number;
  gateway: PreviewGateway;
  sample: string | null;
}

export async function fetchBytesOverHttp(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new WorkbookError("not-found", `${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new WorkbookError("not-found", `${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The browser preview: the workbook as a grid, and the task pane beside it. */
export function PreviewShell({
  settings,
  samplesBase,
  samples = PREVIEW_SAMPLES,
  initialSample,
  loaders = defaultPreviewLoaders,
  fetchBytes = fetchBytesOverHttp,
  saveFile = saveFileInBrowser,
}: PreviewShellProps) {
  const styles = usePreviewShellStyles();
  const { language, strings } = useStrings();
  const [document, setDocument] = useState<OpenDocument | null>(null);
  // Kept as a builder, so switching language re-words it.
  const [notice, setNotice] = useState<NoticeSource | null>(null);
  const serial = useRef(0);

  const open = useAsyncTask(async (_report, source: WorkbookSource) => {
    const [bytes, name] =
      source.kind === "sample"
        ? [await fetchBytes(`${samplesBase}${encodeURIComponent(source.name)}`), source.name]
        : [new Uint8Array(await source.file.arrayBuffer()), source.file.name];
    const gateway = await PreviewGateway.open(bytes, name, loaders);
    return { gateway, sample: source.kind === "sample" ? source.name : null };
  });

  const openSource = useCallback(
    async (source: WorkbookSource) => {
      setNotice(null);
      const opened = await open.run(source);
      if (opened) {
        serial.current += 1;
        setDocument({ id: serial.current, ...opened });
      }
    },
    [open.run],
  );

  useEffect(() => {
    void openSource({ kind: "sample", name: initialSample });
  }, [initialSample, openSource]);

  const download = useAsyncTask(async () => {
    if (!document) throw new Error("no workbook");
    const { gateway } = document;
    const snapshot = await gateway.readSnapshot();
    const result = validateWorkbook(snapshot, { waivers: await gateway.readWaivers() });
    const copy = await gateway.annotatedCopy(result, { language, summary: false });
    const name = annotatedName(gateway.fileName, false);
    saveFile({ name, type: MIME.xlsx, data: copy.bytes });
    return { name, warnings: copy.warnings };
  });

  const onDownload = async () => {
    setNotice(null);
    const outcome = await download.run();
    if (!outcome) return;
    // The copy's warnings were written in the language of the download; the rest follows the pane's language.
    setNotice(() => (current: Strings): Notice =>
      outcome.warnings.length > 0
        ? { intent: "warning", title: current.preview.downloaded(outcome.name), body: `${current.preview.annotateWarnings} ${outcome.warnings.join(" ")}` }
        : { intent: "success", title: current.preview.downloaded(outcome.name) },
    );
  };

  const host = useMemo(() => (document ? createPreviewHost(document.gateway, saveFile) : null), [document, saveFile]);
  const failure = open.status === "failed" ? open.error : download.status === "failed" ? download.error : undefined;
  const failureText = failure !== undefined ? toPaneError(failure) : null;

  return (
    <div className={styles.root}>
      <PreviewToolbar
        samples={samples}
        sample={document ? document.sample : initialSample}
        fileName={document?.gateway.fileName ?? null}
        opening={open.status === "running"}
        downloading={download.status === "running"}
        canDownload={document !== null}
        onSample={(name) => void openSource({ kind: "sample", name })}
        onFile={(file) => void openSource({ kind: "file", file })}
        onDownload={() => void onDownload()}
      />
      {(failureText || notice) && (
        <div className={styles.notices}>
          {failureText && (
            <StatusMessage
              notice={{
                intent: "error",
                title: strings.errors[failureText.key].title,
                body: strings.errors[failureText.key].action,
                detail: failureText.detail,
              }}
              onDismiss={() => (open.status === "failed" ? open.reset() : download.reset())}
            />
          )}
          {notice && <StatusMessage notice={notice} onDismiss={() => setNotice(null)} />}
        </div>
      )}
      <main className={styles.main}>
        <section className={styles.workbook} aria-label={strings.preview.workbook}>
          {document ? (
            <PreviewGrid key={document.id} gateway={document.gateway} />
          ) : (
            open.status === "running" && (
              <div className={styles.loading}>
                <Spinner label={strings.preview.opening} />
              </div>
            )
          )}
        </section>
        <section className={styles.pane} aria-label={strings.preview.taskPane} data-testid="pane-column">
          {host && document && (
            <HostProvider value={host}>
              <TaskPane
                key={document.id}
                role={settings.role}
                onRoleChange={settings.setRole}
                onLanguageChange={settings.setLanguage}
                personName={settings.personName}
                onPersonNameChange={settings.setPersonName}
              />
            </HostProvider>
          )}
        </section>
      </main>
    </div>
  );
}
