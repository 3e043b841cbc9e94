import { Badge, Caption1, mergeClasses, Tab, TabList } from "@fluentui/react-components";
import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { columnLetters, parseA1, toA1 } from "../../../engine/address";
import type { Severity, SheetSnapshot } from "../../../engine/types";
import { badgesBySheet, type CellMark, displayValue, marksBySheet, rowWindow, sheetBounds, valueAt } from "../../../workbook/preview/gridModel";
import type { PreviewGateway } from "../../../workbook/preview/PreviewGateway";
import { useStrings } from "../../language";
import { usePreviewGridStyles } from "./PreviewGrid.styles";

/** Rows rendered at once; past this the grid shows a window around the selected cell. */
export const GRID_ROW_CAP = 400;
/** Columns rendered at once. */
export const GRID_COLUMN_CAP = 60;
/** Empty rows and columns fill the grid up to this size, as a spreadsheet does. */
const GRID_MIN_ROWS = 40;
const GRID_MIN_COLUMNS = 12;

/** A tab's badge takes the colour of the worst severity on its sheet. */
const BADGE_COLOR = { error: "danger", warning: "warning", info: "informative" } as const satisfies Record<Severity, string>;

export interface PreviewGridProps {
  gateway: PreviewGateway;
}

/** The open workbook as a grid: one tab per sheet, flagged cells coloured, the selected cell outlined. */
export function PreviewGrid({ gateway }: PreviewGridProps) {
  const styles = usePreviewGridStyles();
  const { strings } = useStrings();
  const state = useSyncExternalStore(gateway.subscribe, gateway.getState);
  const { snapshot, selection, flags } = state;
  const [sheetName, setSheetName] = useState(() => snapshot.sheets[0]?.name ?? "");
  const marks = useMemo(() => marksBySheet(flags), [flags]);
  const badges = useMemo(() => badgesBySheet(flags), [flags]);

  // Selecting a cell on another sheet switches to its tab.
  useEffect(() => {
    if (selection) setSheetName(selection.sheet);
  }, [selection]);

  if (snapshot.sheets.length === 0) return <p className={styles.empty}>{strings.preview.noSheets}</p>;
  const sheet = snapshot.sheets.find((candidate) => candidate.name === sheetName) ?? snapshot.sheets[0]!;
  const sheetSelection = selection && selection.sheet === sheet.name ? selection : null;

  return (
    <div className={styles.root}>
      <div className={styles.tabs}>
        <TabList
          size="small"
          selectedValue={sheet.name}
          onTabSelect={(_event, data) => setSheetName(String(data.value))}
          aria-label={strings.preview.sheets}
        >
          {snapshot.sheets.map((candidate) => {
            const badge = badges.get(candidate.name);
            return (
              <Tab key={candidate.name} value={candidate.name} data-testid={`sheet-tab-${candidate.name}`}>
                {candidate.name}
                {badge && (
                  <Badge
                    className={styles.tabCount}
                    size="small"
                    appearance="filled"
                    color={BADGE_COLOR[badge.severity]}
                    aria-label={strings.preview.sheetBadge(badge.count, strings.severity[badge.severity])}
                    data-testid="sheet-badge"
                    data-severity={badge.severity}
                  >
                    {badge.count}
                  </Badge>
                )}
              </Tab>
            );
          })}
        </TabList>
      </div>
      <SheetTable
        sheet={sheet}
        marks={marks.get(sheet.name)}
        selectedCell={sheetSelection?.cell ?? null}
        selectionSerial={sheetSelection?.serial ?? 0}
        label={strings.preview.gridLabel(sheet.name)}
        cappedLabel={strings.preview.rowsCapped}
      />
    </div>
  );
}

interface SheetTableProps {
  sheet: SheetSnapshot;
  marks: ReadonlyMap<string, CellMark> | undefined;
  selectedCell: string | null;
  selectionSerial: number;
  label: string;
  cappedLabel: (shown: number, total: number) => string;
}

const SheetTable = memo(function SheetTable({ sheet, marks, selectedCell, selectionSerial, label, cappedLabel }: SheetTableProps) {
  const styles = usePreviewGridStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const { lastRow, lastColumn } = sheetBounds(sheet);
  const target = selectedCell ? parseA1(selectedCell) : null;
  const { first, last } = rowWindow(Math.max(lastRow, GRID_MIN_ROWS), target?.row ?? null, GRID_ROW_CAP);
  const columns = Math.min(Math.max(lastColumn, target?.column ?? 1, GRID_MIN_COLUMNS), GRID_COLUMN_CAP);

  useEffect(() => {
    if (!selectedCell) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`td[data-cell="${selectedCell}"]`);
    cell?.scrollIntoView?.({ block: "nearest", inline: "nearest", behavior: "smooth" });
  }, [selectedCell, selectionSerial, sheet.name]);

  const rows: number[] = [];
  for (let row = first; row <= last; row += 1) rows.push(row);
  const columnNumbers: number[] = [];
  for (let column = 1; column <= columns; column += 1) columnNumbers.push(column);

  return (
    <>
      <div ref={scroller} className={styles.scroller} data-testid="preview-grid" data-sheet={sheet.name}>
        <table className={styles.table} aria-label={label}>
          <thead>
            <tr>
              <td className={styles.corner} aria-hidden="true" />
              {columnNumbers.map((column) => (
                <th
                  key={column}
                  scope="col"
                  className={mergeClasses(styles.columnHeader, target?.column === column && styles.headerActive)}
                >
                  {columnLetters(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row}>
                <th scope="row" className={mergeClasses(styles.rowHeader, target?.row === row && styles.headerActive)}>
                  {row}
                </th>
                {columnNumbers.map((column) => {
                  const address = toA1(row, column);
                  const value = valueAt(sheet, row, column);
                  const mark = marks?.get(address);
                  const selected = address === selectedCell;
                  return (
                    <td
                      key={column}
                      data-cell={address}
                      data-severity={mark ? (mark.waived ? "waived" : mark.severity) : undefined}
                      data-selected={selected ? "true" : undefined}
                      aria-current={selected ? "true" : undefined}
                      title={mark ? mark.messages.join("\n") : undefined}
                      className={mergeClasses(
                        styles.cell,
                        typeof value === "number" && styles.number,
                        mark && (mark.waived ? styles.waived : styles[mark.severity]),
                        selected && styles.selected,
                      )}
                    >
                      {displayValue(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(last - first + 1 < lastRow || columns < lastColumn) && (
        <Caption1 className={styles.note}>{cappedLabel(last - first + 1, lastRow)}</Caption1>
      )}
    </>
  );
});
