import {
  Button,
  Caption1,
  Menu,
  MenuButton,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
} from "@fluentui/react-components";
import {
  ArrowExportLtr20Regular,
  DocumentAdd20Regular,
  DocumentTable20Regular,
  Flag20Regular,
  FlagOff20Regular,
} from "@fluentui/react-icons";
import type { ReactElement } from "react";
import type { HostKind } from "../../host";
import { useStrings } from "../../language";
import type { Role } from "../../settings";
import { useActionBarStyles } from "./ActionBar.styles";

export type ExportFormat = "json" | "sarif" | "csv";

export interface ActionBarProps {
  host: HostKind;
  /** A reviewer gets the flags as one labelled action, with what it does to the workbook said beside it. */
  role?: Role;
  hasResult: boolean;
  busy: boolean;
  onShowFlags: () => void;
  onClearFlags: () => void;
  /** Undefined: no summary writer yet (the button is disabled and says why). */
  onSummary: (() => void) | undefined;
  onTemplate: (() => void) | undefined;
  onExport: (format: ExportFormat) => void;
}

/** Secondary actions: flags, the summary, the template, exports. */
export function ActionBar(props: ActionBarProps) {
  const styles = useActionBarStyles();
  const { strings } = useStrings();
  const { hasResult, busy, host } = props;
  const needsResult = !hasResult ? strings.actions.needsResult : undefined;
  const reviewer = props.role === "reviewer";

  return (
    <div className={styles.root} role="group" aria-label={strings.actions.heading} data-testid="actions">
      {reviewer ? (
        <div className={styles.reviewer}>
          <Button
            appearance="outline"
            icon={<Flag20Regular />}
            disabledFocusable={!hasResult || busy}
            onClick={props.onShowFlags}
            data-testid="reviewer-flags"
          >
            {strings.actions.reviewerFlags}
          </Button>
          <Caption1 className={styles.reviewerHint} data-testid="reviewer-flags-hint">
            {strings.actions.reviewerFlagsHint}
          </Caption1>
        </div>
      ) : (
        <Action icon={<Flag20Regular />} label={strings.actions.showFlags} disabledReason={needsResult} busy={busy} onClick={props.onShowFlags} />
      )}
      <Action icon={<FlagOff20Regular />} label={strings.actions.clearFlags} busy={busy} onClick={props.onClearFlags} />
      <Action
        icon={<DocumentTable20Regular />}
        label={host === "preview" ? strings.actions.summaryPreview : strings.actions.summary}
        hint={host === "preview" ? strings.actions.summaryPreviewHint : undefined}
        disabledReason={props.onSummary ? needsResult : strings.actions.summaryUnavailable}
        busy={busy}
        onClick={props.onSummary}
      />
      <Action
        icon={<DocumentAdd20Regular />}
        label={host === "preview" ? strings.actions.templatePreview : strings.actions.template}
        hint={host === "preview" ? strings.actions.templatePreviewHint : undefined}
        disabledReason={props.onTemplate ? undefined : strings.actions.templateUnavailable}
        busy={busy}
        onClick={props.onTemplate}
      />
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton
            className={styles.button}
            appearance="subtle"
            icon={<ArrowExportLtr20Regular />}
            disabled={!hasResult}
            data-testid="export"
          >
            {strings.actions.export}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>{strings.actions.exportTables}</MenuGroupHeader>
              <MenuItem onClick={() => props.onExport("csv")}>{strings.actions.exportCsv}</MenuItem>
            </MenuGroup>
            <MenuDivider />
            <MenuGroup>
              <MenuGroupHeader>{strings.actions.exportData}</MenuGroupHeader>
              <MenuItem onClick={() => props.onExport("json")}>{strings.actions.exportJson}</MenuItem>
              <MenuItem onClick={() => props.onExport("sarif")}>{strings.actions.exportSarif}</MenuItem>
            </MenuGroup>
          </MenuList>
        </MenuPopover>
      </Menu>
    </div>
  );
}

interface ActionProps {
  icon: ReactElement;
  label: string;
  /** Why the action cannot run now; shown as a tooltip on the (still focusable) button. */
  disabledReason?: string | undefined;
  /** What the action does, when the label alone does not say. */
  hint?: string | undefined;
  busy: boolean;
  onClick: (() => void) | undefined;
}

function Action({ icon, label, disabledReason, hint, busy, onClick }: ActionProps) {
  const styles = useActionBarStyles();
  const disabled = disabledReason !== undefined || !onClick;
  const button = (
    <Button className={styles.button} appearance="subtle" icon={icon} disabledFocusable={disabled || busy} onClick={onClick}>
      {label}
    </Button>
  );
  const description = disabledReason ?? hint;
  return description ? (
    <Tooltip content={description} relationship="description">
      {button}
    </Tooltip>
  ) : (
    button
  );
}
