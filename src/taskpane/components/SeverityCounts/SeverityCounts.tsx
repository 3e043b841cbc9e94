import { mergeClasses } from "@fluentui/react-components";
import { type FindingCounts, type FindingFilter, SEVERITIES } from "../../findings";
import { useStrings } from "../../language";
import { SeverityIcon, type SeverityTone } from "../SeverityIcon/SeverityIcon";
import { useSeverityCountsStyles } from "./SeverityCounts.styles";

export interface SeverityCountsProps {
  counts: FindingCounts;
  filter: FindingFilter;
  onToggle: (tone: SeverityTone) => void;
}

const TONES: readonly SeverityTone[] = [...SEVERITIES, "waived"];

/** Counts by severity; a tile shows only its findings, and selected again, every finding. */
export function SeverityCounts({ counts, filter, onToggle }: SeverityCountsProps) {
  const styles = useSeverityCountsStyles();
  const { strings } = useStrings();
  const bars = { error: styles.errorBar, warning: styles.warningBar, info: styles.infoBar, waived: styles.waivedBar };

  return (
    <ul className={styles.root} aria-label={strings.counts.label} data-testid="counts">
      {TONES.map((tone) => {
        const label = tone === "waived" ? strings.waived : strings.severityPlural[tone];
        const shown = filter.only === tone;
        return (
          <li key={tone}>
            <button
              type="button"
              className={mergeClasses(styles.tile, bars[tone], filter.only !== null && !shown && styles.off, shown && styles.on)}
              aria-pressed={shown}
              title={strings.counts.filterHint(label, counts[tone], shown)}
              onClick={() => onToggle(tone)}
              data-testid={`count-${tone}`}
            >
              <span className={styles.top}>
                <SeverityIcon tone={tone} />
                <span className={styles.count}>{counts[tone]}</span>
              </span>
              <span className={styles.label}>{label}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
