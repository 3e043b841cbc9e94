import { Badge, Button, Caption1, Label, Select, Spinner, Tooltip } from "@fluentui/react-components";
import { ArrowDownload20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import { type ChangeEvent, useId, useRef } from "react";
import { useStrings } from "../../language";
import { usePreviewToolbarStyles } from "./PreviewToolbar.styles";

export interface PreviewToolbarProps {
  samples: readonly string[];
  /** The sample shown, or null when the person opened their own file. */
  sample: string | null;
  fileName: string | null;
  opening: boolean;
  downloading: boolean;
  canDownload: boolean;
  onSample: (sample: string) => void;
  onFile: (file: File) => void;
  onDownload: () => void;
}

/** The preview's own controls: which workbook is open, and the annotated copy. */
export function PreviewToolbar(props: PreviewToolbarProps) {
  const styles = usePreviewToolbarStyles();
  const { strings } = useStrings();
  const input = useRef<HTMLInputElement>(null);
  const sampleId = useId();
  const t = strings.preview;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) props.onFile(file);
    // The same file can be chosen again.
    event.target.value = "";
  };

  return (
    <div className={styles.root} role="toolbar" aria-label={t.banner}>
      <div className={styles.brand}>
        <Tooltip content={t.bannerDetail} relationship="description">
          <Badge appearance="tint" color="brand" shape="rounded" tabIndex={0}>
            {t.banner}
          </Badge>
        </Tooltip>
        {props.fileName && (
          <Caption1 className={styles.file} title={props.fileName} data-testid="preview-file-name">
            {props.fileName}
          </Caption1>
        )}
      </div>
      <div className={styles.controls}>
        <div className={styles.sample}>
          <Label htmlFor={sampleId} size="small">
            {t.sample}
          </Label>
          <Select
            id={sampleId}
            className={styles.select}
            size="small"
            value={props.sample ?? ""}
            onChange={(_event, data) => {
              if (data.value !== "") props.onSample(data.value);
            }}
            data-testid="sample-select"
          >
            {props.sample === null && <option value="">—</option>}
            {props.samples.map((sample) => (
              <option key={sample} value={sample}>
                {t.samples[sample] ?? sample}
              </option>
            ))}
          </Select>
        </div>
        <input
          ref={input}
          className={styles.hiddenInput}
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onChange}
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
        />
        <Button
          size="small"
          icon={props.opening ? <Spinner size="extra-tiny" aria-hidden="true" /> : <FolderOpen20Regular />}
          disabledFocusable={props.opening}
          onClick={() => input.current?.click()}
          data-testid="open-file"
        >
          {props.opening ? t.opening : t.openFile}
        </Button>
        <Button
          size="small"
          appearance="primary"
          icon={props.downloading ? <Spinner size="extra-tiny" appearance="inverted" aria-hidden="true" /> : <ArrowDownload20Regular />}
          disabledFocusable={!props.canDownload || props.downloading}
          onClick={props.onDownload}
          data-testid="download-annotated"
        >
          {props.downloading ? t.downloading : t.download}
        </Button>
      </div>
    </div>
  );
}
