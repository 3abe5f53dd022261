/**
 * Reads a report sheet (whole, or a range of its rows) and writes back the blocks that
 * changed. The only place the refresh reads or writes cells; the row logic is pure (src/report).
 */
import type { BlockWrite } from "../report/block-write.ts";
import { splitFormulas } from "../report/formula-writes.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";
import { grownSize, type SheetSize } from "../report/workbook-room.ts";
import { growing } from "./cell-limit.ts";

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
  const values = sheet.getDataRange().getValues() as unknown[][];
  if (values.length === 1 && values[0]!.every((cell) => cell === "")) return [];
  return writableRows(sheet, 1, values, ownColumns);
}

/** Rows [firstRow, firstRow + numRows) of columns 1 to numColumns in writable form (see writableRows). */
export function readRows(
  sheet: Sheet,
  firstRow: number,
  numRows: number,
  numColumns: number,
  ownColumns: number,
): WritableRow[] {
  const values = sheet.getRange(firstRow, 1, numRows, numColumns).getValues() as unknown[][];
  return writableRows(sheet, firstRow, values, ownColumns);
}

/**
 * Rows read from `firstRow` on (values from column A) in writable form: values in the
 * add-on's own columns; in columns the user added, their formulas too, in R1C1, so a row
 * moved elsewhere still reads its own cells. One more read, only when there are such columns.
 */
export function writableRows(
  sheet: Sheet,
  firstRow: number,
  values: readonly unknown[][],
  ownColumns: number,
): WritableRow[] {
  const width = values[0]?.length ?? 0;
  const formulas =
    width > ownColumns && values.length > 0
      ? (sheet
          .getRange(firstRow, ownColumns + 1, values.length, width - ownColumns)
          .getFormulasR1C1() as Array<Array<string | null>>)
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
 * Writes the blocks (values, then users' formulas: see formula-writes.ts), then their number
 * formats, one call per rectangle. `size` is the sheet's grid now (known from the run's room
 * check): it grows first when a block goes beyond it.
 */
export function writeBlocks(
  sheet: Sheet,
  size: SheetSize,
  blocks: readonly BlockWrite[],
  formats: readonly ColumnFormat[] = [],
): void {
  const extent = extentOf(blocks);
  const grown = grownSize(size, extent.rows, extent.columns);
  // The run's room check counted these cells first; a failure here is still told apart (cell-limit.ts).
  const addedRows = grown.maxRows - size.maxRows;
  if (addedRows > 0)
    growing(
      () => sheet.getParent(),
      () => addedRows * size.maxColumns,
      () => sheet.insertRowsAfter(size.maxRows, addedRows),
    );
  const addedColumns = grown.maxColumns - size.maxColumns;
  if (addedColumns > 0)
    growing(
      () => sheet.getParent(),
      () => addedColumns * grown.maxRows,
      () => sheet.insertColumnsAfter(size.maxColumns, addedColumns),
    );
  for (const block of blocks) {
    const numRows = block.rows.length;
    const cells = splitFormulas(block);
    sheet.getRange(block.start + 1, block.column + 1, numRows, block.rows[0]!.length).setValues(cells.values);
    for (const run of cells.runs) {
      sheet
        .getRange(run.row, run.column, run.formulas.length, 1)
        .setFormulasR1C1(run.formulas.map((formula) => [formula]));
    }
    for (const { formula, a1Notations } of cells.repeated)
      sheet.getRangeList(a1Notations).setFormulaR1C1(formula);
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
