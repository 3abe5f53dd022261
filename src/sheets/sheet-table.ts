/**
 * Reads a report sheet in one go and writes back the one block that changed. The only
 * place the refresh reads or writes cells; the row logic is pure (src/report).
 */

import { blockFormats, type ColumnFormat } from "../report/block-formats.ts";
import type { BlockWrite } from "../report/block-write.ts";
import { type WritableRow, writable } from "../report/sheet-cells.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type { ColumnFormat };

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
 * Writes the blocks, each after its number formats (one call per block, see
 * block-formats.ts). `before` is the table as read: the sheet holds at least that much, so
 * its size is asked only when a block goes beyond it (which grows the sheet first).
 * `ownColumns`: the add-on's columns; the user's columns to the right keep their formats.
 */
export function writeBlocks(
  sheet: Sheet,
  before: readonly WritableRow[],
  blocks: readonly BlockWrite[],
  formats: readonly ColumnFormat[],
  ownColumns: number,
): void {
  const lastRow = blocks.reduce((last, block) => Math.max(last, block.start + block.rows.length), 0);
  if (lastRow > before.length) {
    const maxRows = sheet.getMaxRows();
    if (lastRow > maxRows)
      sheet.insertRowsAfter(maxRows, Math.ceil((lastRow - maxRows) / GROW_STEP) * GROW_STEP);
  }
  const lastColumn = blocks.reduce(
    (last, block) => Math.max(last, block.column + (block.rows[0]?.length ?? 0)),
    0,
  );
  if (lastColumn > (before[0]?.length ?? 0)) {
    const maxColumns = sheet.getMaxColumns();
    if (lastColumn > maxColumns) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
  }
  for (const block of blocks) {
    const numRows = block.rows.length;
    const formatted = blockFormats(block, formats, ownColumns);
    if (formatted !== null) {
      const { row, column, grid } = formatted;
      sheet.getRange(row + 1, column + 1, grid.length, grid[0]!.length).setNumberFormats(grid);
    }
    sheet.getRange(block.start + 1, block.column + 1, numRows, block.rows[0]!.length).setValues(block.rows);
  }
}
