/**
 * Reads a report sheet (whole, or a range of its rows) and writes back the blocks that
 * changed. The only place the refresh reads or writes cells; the row logic is pure (src/report).
 */
import type { BlockWrite } from "../report/block-write.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";
import { grownSize, type SheetSize } from "../report/workbook-room.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Number formats of adjacent columns from `column` (1-based, one format each) over table rows (0-based, header = 0). */
export interface ColumnFormat {
  column: number;
  formats: readonly string[];
  fromRow: number;
  toRow: number;
}

/**
 * The sheet's used area in writable form (see readRows). [] for an empty sheet.
 */
export function readTable(sheet: Sheet, ownColumns: number): WritableRow[] {
  const range = sheet.getDataRange();
  const values = range.getValues() as unknown[][];
  if (values.length === 1 && values[0]!.every((cell) => cell === "")) return [];
  return writableRows(sheet, 1, values, ownColumns);
}

/**
 * Rows firstRow … firstRow + numRows − 1 (1-based), `width` columns wide, in writable form.
 */
export function readRows(
  sheet: Sheet,
  firstRow: number,
  numRows: number,
  width: number,
  ownColumns: number,
): WritableRow[] {
  const values = sheet.getRange(firstRow, 1, numRows, width).getValues() as unknown[][];
  return writableRows(sheet, firstRow, values, ownColumns);
}

/**
 * Values read from `firstRow` on, in writable form: values only in the add-on's own columns;
 * in columns the user added, their formulas too, so moving a row carries them intact.
 */
function writableRows(
  sheet: Sheet,
  firstRow: number,
  values: unknown[][],
  ownColumns: number,
): WritableRow[] {
  const width = values[0]?.length ?? 0;
  const formulas =
    width > ownColumns
      ? (sheet
          .getRange(firstRow, ownColumns + 1, values.length, width - ownColumns)
          .getFormulas() as string[][])
      : null;
  return values.map((row, r) =>
    row.map((value, column) =>
      writable(value, column >= ownColumns ? (formulas?.[r]?.[column - ownColumns] ?? "") : ""),
    ),
  );
}

/** The grid a sheet has now. */
export function sizeOf(sheet: Sheet): SheetSize {
  return { maxRows: sheet.getMaxRows(), maxColumns: sheet.getMaxColumns() };
}

/** Where the blocks reach: the last row and column (1-based) they write. */
export function extentOf(blocks: readonly BlockWrite[]): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const block of blocks) {
    rows = Math.max(rows, block.start + block.rows.length);
    columns = Math.max(columns, block.column + (block.rows[0]?.length ?? 0));
  }
  return { rows, columns };
}

/**
 * Writes the blocks, then their number formats, one call per rectangle. `size` is the
 * sheet's grid now (known from the run's room check): it grows first when a block goes
 * beyond it.
 */
export function writeBlocks(
  sheet: Sheet,
  size: SheetSize,
  blocks: readonly BlockWrite[],
  formats: readonly ColumnFormat[] = [],
): void {
  const extent = extentOf(blocks);
  const grown = grownSize(size, extent.rows, extent.columns);
  if (grown.maxRows > size.maxRows) sheet.insertRowsAfter(size.maxRows, grown.maxRows - size.maxRows);
  if (grown.maxColumns > size.maxColumns)
    sheet.insertColumnsAfter(size.maxColumns, grown.maxColumns - size.maxColumns);
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
