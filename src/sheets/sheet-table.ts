/**
 * Reads a report sheet (whole, or a range of its rows) and writes back the blocks that
 * changed. The only place the refresh reads or writes cells; the row logic is pure (src/report).
 */

import { blockFormats, type ColumnFormat } from "../report/block-formats.ts";
import type { BlockWrite } from "../report/block-write.ts";
import { splitFormulas } from "../report/formula-writes.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";
import { grownSize, type SheetSize } from "../report/workbook-room.ts";
import { growing } from "./cell-limit.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The sheet's used area in writable form (see readRows). [] for an empty sheet.
 */
export function readTable(sheet: Sheet, ownColumns: number): WritableRow[] {
  return readTableAndValues(sheet, ownColumns).table;
}

/**
 * The used area in writable form (see readRows) and, from the same read, its values alone:
 * a formula's result in place of the formula, for what the add-on reads in the user's cells.
 */
export function readTableAndValues(
  sheet: Sheet,
  ownColumns: number,
): { table: WritableRow[]; values: WritableRow[] } {
  const values = sheet.getDataRange().getValues() as unknown[][];
  if (values.length === 1 && values[0]!.every((cell) => cell === "")) return { table: [], values: [] };
  return {
    table: writableRows(sheet, 1, values, ownColumns),
    values: values.map((row) => row.map((value) => writable(value))),
  };
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
 * Writes the blocks, each after its number formats (one call per block, see block-formats.ts),
 * values first, then users' formulas (see formula-writes.ts). `size` is the sheet's grid now
 * (known from the run's room check): it grows first when a block goes beyond it.
 * `ownColumns`: the add-on's columns; the user's columns to the right keep their formats.
 */
export function writeBlocks(
  sheet: Sheet,
  size: SheetSize,
  blocks: readonly BlockWrite[],
  formats: readonly ColumnFormat[],
  ownColumns: number,
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
    const formatted = blockFormats(block, formats, ownColumns);
    if (formatted !== null) {
      const { row, column, grid } = formatted;
      sheet.getRange(row + 1, column + 1, grid.length, grid[0]!.length).setNumberFormats(grid);
    }
    const cells = splitFormulas(block);
    sheet.getRange(block.start + 1, block.column + 1, numRows, block.rows[0]!.length).setValues(cells.values);
    for (const run of cells.runs) {
      sheet
        .getRange(run.row, run.column, run.formulas.length, 1)
        .setFormulasR1C1(run.formulas.map((formula) => [formula]));
    }
    for (const { formula, a1Notations } of cells.repeated)
      sheet.getRangeList(a1Notations).setFormulaR1C1(formula);
  }
}
