/**
 * Reads a report sheet in one go and writes back the one block that changed. The only
 * place the refresh reads or writes cells; the row logic is pure (src/report).
 */
import type { BlockWrite } from "../report/block-write.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";
import { growing } from "./cell-limit.ts";

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
 * Writes the blocks, then their number formats, one call per rectangle. `before` is the
 * table as read: the sheet holds at least that much, so its size is asked only when a block
 * goes beyond it (which grows the sheet first).
 */
export function writeBlocks(
  sheet: Sheet,
  before: readonly WritableRow[],
  blocks: readonly BlockWrite[],
  formats: readonly ColumnFormat[] = [],
): void {
  const lastRow = blocks.reduce((last, block) => Math.max(last, block.start + block.rows.length), 0);
  if (lastRow > before.length) {
    const maxRows = sheet.getMaxRows();
    const rows = Math.ceil((lastRow - maxRows) / GROW_STEP) * GROW_STEP;
    if (lastRow > maxRows)
      growing(
        () => sheet.getParent(),
        () => rows * sheet.getMaxColumns(),
        () => sheet.insertRowsAfter(maxRows, rows),
      );
  }
  const lastColumn = blocks.reduce(
    (last, block) => Math.max(last, block.column + (block.rows[0]?.length ?? 0)),
    0,
  );
  if (lastColumn > (before[0]?.length ?? 0)) {
    const maxColumns = sheet.getMaxColumns();
    const columns = lastColumn - maxColumns;
    if (columns > 0)
      growing(
        () => sheet.getParent(),
        () => columns * sheet.getMaxRows(),
        () => sheet.insertColumnsAfter(maxColumns, columns),
      );
  }
  for (const block of blocks) {
    const numRows = block.rows.length;
    sheet.getRange(block.start + 1, block.column + 1, numRows, block.rows[0]!.length).setValues(block.rows);
    for (const format of formats) {
      const from = Math.max(format.fromRow, block.start);
      const to = Math.min(format.toRow, block.start + numRows - 1);
      // Only where this block wrote: cells it left alone keep the format they had.
      const written =
        format.column <= block.column + block.rows[0]!.length &&
        format.column + format.formats.length > block.column + 1;
      if (from > to || !written) continue;
      const grid = Array.from({ length: to - from + 1 }, () => format.formats.slice());
      sheet.getRange(from + 1, format.column, grid.length, format.formats.length).setNumberFormats(grid);
    }
  }
}
