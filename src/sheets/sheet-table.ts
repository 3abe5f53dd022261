/**
 * Reads a report sheet in one go and writes back the one block that changed. The only
 * place the refresh reads or writes cells; the row logic is pure (src/report).
 */
import type { BlockWrite } from "../report/block-write.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Number formats of adjacent columns from `column` (1-based, one format each) over table rows (0-based, header = 0). */
export interface ColumnFormat {
  column: number;
  formats: readonly string[];
  fromRow: number;
  toRow: number;
}

/** Rows grow in steps, so an hourly refresh does not insert rows every run. */
const GROW_STEP = 500;

/**
 * The sheet's used area in writable form. Values only in the add-on's own columns; in
 * columns the user added, their formulas too, so moving a row carries them intact.
 */
export function readTable(sheet: Sheet, ownColumns: number): WritableRow[] {
  const range = sheet.getDataRange();
  const values = range.getValues() as unknown[][];
  if (values.length === 1 && values[0]!.every((cell) => cell === "")) return [];
  const width = values[0]!.length;
  const formulas =
    width > ownColumns
      ? (sheet.getRange(1, ownColumns + 1, values.length, width - ownColumns).getFormulas() as string[][])
      : null;
  return values.map((row, r) =>
    row.map((value, column) =>
      writable(value, column >= ownColumns ? (formulas?.[r]?.[column - ownColumns] ?? "") : ""),
    ),
  );
}

/**
 * Writes the block, then its number formats, one call per rectangle. `before` is the table
 * as read: the sheet holds at least that much, so its size is asked only when the block
 * goes beyond it (which grows the sheet first).
 */
export function writeBlock(
  sheet: Sheet,
  before: readonly WritableRow[],
  block: BlockWrite | null,
  formats: readonly ColumnFormat[] = [],
): void {
  if (block === null || block.rows.length === 0) return;
  const firstRow = block.start + 1;
  const numRows = block.rows.length;
  const lastRow = firstRow + numRows - 1;
  if (lastRow > before.length) {
    const maxRows = sheet.getMaxRows();
    if (lastRow > maxRows)
      sheet.insertRowsAfter(maxRows, Math.ceil((lastRow - maxRows) / GROW_STEP) * GROW_STEP);
  }
  const width = block.rows[0]!.length;
  if (width > (before[0]?.length ?? 0)) {
    const maxColumns = sheet.getMaxColumns();
    if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  }
  sheet.getRange(firstRow, 1, numRows, width).setValues(block.rows);
  for (const format of formats) {
    const from = Math.max(format.fromRow, block.start);
    const to = Math.min(format.toRow, block.start + numRows - 1);
    if (from > to) continue;
    const grid = Array.from({ length: to - from + 1 }, () => format.formats.slice());
    sheet.getRange(from + 1, format.column, grid.length, format.formats.length).setNumberFormats(grid);
  }
}
