import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import type { Strings } from "../../i18n";
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

/**
 * A notice, or how to word it in the current language: a notice kept as a builder is re-worded
 * when the person switches language, so no status stays in the other language.
 */
export type NoticeSource = Notice | ((strings: Strings) => Notice);

export function resolveNotice(source: NoticeSource, strings: Strings): Notice {
  return typeof source === "function" ? source(strings) : source;
}

export interface StatusMessageProps {
  notice: NoticeSource;
  onDismiss: () => void;
}

/** One status message: errors say what to do next; the person dismisses it. */
export function StatusMessage({ notice: source, onDismiss }: StatusMessageProps) {
  const styles = useStatusMessageStyles();
  const { strings } = useStrings();
  const notice = resolveNotice(source, strings);
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
