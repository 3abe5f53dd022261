/**
 * Whether a report sheet's own columns are still where the add-on keeps them. Rows are
 * matched by their cells, but columns by position: a column the user inserted before or
 * among the add-on's columns would make a refresh read the wrong cells and write into the
 * wrong columns. Renaming a header is fine (the user's name is kept); moving one is not.
 */
import { instantOf, isBlankRow, textOf, type WritableRow } from "./sheet-cells.ts";

/** One of the header's names now heads another column: columns were inserted, deleted or moved. */
export function headerMoved(header: WritableRow | undefined, expected: readonly string[]): boolean {
  if (header === undefined) return false;
  const names = header.map(textOf);
  return expected.some((name, index) => names[index] !== name && names.indexOf(name) >= 0);
}

/** OpenQR Daily has rows, yet not one with a day in A and a code id in B: its columns moved. */
export function dailyRowsShifted(table: readonly WritableRow[]): boolean {
  const rows = table.slice(1).filter((row) => !isBlankRow(row));
  return (
    rows.length > 0 &&
    rows.every((row) => instantOf(row[0]) === null || (textOf(row[1]) === "" && typeof row[1] !== "number"))
  );
}

/** Whether a sheet as read (header first) has columns before or among the add-on's own; `daily` checks its rows too. */
export function ownColumnsMoved(
  table: readonly WritableRow[],
  header: readonly string[],
  daily: boolean,
): boolean {
  return headerMoved(table[0], header) || (daily && dailyRowsShifted(table));
}

/** The message for a sheet whose own columns moved, by its current name and its last column's letter. */
export function columnsMovedMessage(sheetName: string, expected: readonly string[]): string {
  const last = String.fromCharCode("A".charCodeAt(0) + expected.length - 1);
  return (
    `Columns were inserted or moved among the add-on's columns of "${sheetName}" ` +
    `(A to ${last}: ${expected[0]} to ${expected[expected.length - 1]}), so nothing was changed: ` +
    `move your own columns to the right of column ${last}, then refresh again.`
  );
}
