import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useStrings } from "../../language";
import { useStatusMessageStyles } from "./StatusMessage.styles";

export interface Notice {
  intent: "success" | "info" | "warning" | "error";
  title: string;
  /** What to do next. */
  body?: string | undefined;
  /** The technical detail (an error's message), small. */
  detail?: string | undefined;
  action?: { label: string; onClick: () => void } | undefined;
}

export interface StatusMessageProps {
  notice: Notice;
  onDismiss: () => void;
}

/** One status message: errors say what to do next; the person dismisses it. */
export function StatusMessage({ notice, onDismiss }: StatusMessageProps) {
  const styles = useStatusMessageStyles();
  const { strings } = useStrings();
  return (
    <MessageBar intent={notice.intent} layout="multiline" data-testid="notice" politeness={notice.intent === "error" ? "assertive" : "polite"}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.body}
        {notice.detail && <span className={styles.detail}>{notice.detail}</span>}
      </MessageBarBody>
      <MessageBarActions
        containerAction={<Button appearance="transparent" aria-label={strings.dismiss} icon={<Dismiss20Regular />} onClick={onDismiss} />}
      >
        {notice.action && (
          <Button size="small" onClick={notice.action.onClick}>
            {notice.action.label}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
