import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Textarea,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { SavedFile } from "../../host";
import { useStrings } from "../../language";
import { useExportTextDialogStyles } from "./ExportTextDialog.styles";

export interface ExportTextDialogProps {
  file: SavedFile;
  onClose: () => void;
}

/** Where the task pane cannot download (Office on Mac): the export's text, selected, with a copy button. */
export function ExportTextDialog({ file, onClose }: ExportTextDialogProps) {
  const styles = useExportTextDialogStyles();
  const { strings } = useStrings();
  const area = useRef<HTMLTextAreaElement>(null);
  // Which status, not its words: the words follow the pane's language.
  const [status, setStatus] = useState<"copied" | "copyFailed" | null>(null);
  const text = typeof file.data === "string" ? file.data : new TextDecoder().decode(file.data);

  const copy = async () => {
    const element = area.current;
    element?.select();
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // The clipboard API may be refused in an add-in's web view; selected text can still be copied.
      const copied = typeof document.execCommand === "function" && document.execCommand("copy");
      setStatus(copied ? "copied" : "copyFailed");
    }
  };

  return (
    <Dialog open onOpenChange={(_event, data) => (data.open ? undefined : onClose())}>
      <DialogSurface aria-describedby="export-text-body">
        <DialogBody>
          <DialogTitle>{strings.actions.copyTitle(file.name)}</DialogTitle>
          <DialogContent>
            <p id="export-text-body">{strings.actions.copyBody}</p>
            <Textarea
              ref={area}
              className={styles.text}
              value={text}
              readOnly
              resize="vertical"
              aria-label={file.name}
              onFocus={(event) => event.target.select()}
              data-testid="export-text"
            />
            {status && (
              <Caption1 className={styles.status} role="status">
                {strings.actions[status]}
              </Caption1>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void copy()}>
              {strings.actions.copy}
            </Button>
            <Button onClick={onClose}>{strings.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
