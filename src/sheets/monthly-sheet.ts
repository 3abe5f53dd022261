/**
 * OpenQR Monthly's reads for a run: the rows of the months it rebuilds and the month before
 * (rewritten where they changed), and the rows of the same months a year earlier (read for
 * the comparisons only). The sheet is kept sorted by month, so its Month column is read from
 * the bottom, one column wide, until a month before those; then only the rows needed are read
 * in full. A Month column out of order (sorted by hand, rows moved) or a row the add-on cannot
 * read: the whole sheet is read and put back in order instead.
 */
import { MAX_READ_CELLS } from "../report/daily-tail.ts";
import { monthOfInstant } from "../report/monthly-months.ts";
import { MONTHLY_COLUMNS, MONTHLY_HEADER } from "../report/monthly-rows.ts";
import { headerMoved } from "../report/own-columns.ts";
import { instantOf, type WritableRow, writable } from "../report/sheet-cells.ts";
import { readRows, readTable } from "./sheet-table.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface MonthlyRead {
  /** The header row read (null: an empty sheet). */
  header: WritableRow | null;
  /** Sheet rows from `firstRow` to the end, at the sheet's width. */
  rows: WritableRow[];
  firstRow: number;
  /** Rows above `firstRow` read for the comparisons, the add-on's columns only. */
  lookback: WritableRow[];
}

export interface MonthlyNeed {
  /** Rows of this month on are read to be rewritten (the month before the first touched). */
  fromMonth: string;
  /** Rows of these months are read for the comparisons ("YYYY-MM", first ≤ last). */
  lookback: { first: string; last: string };
  /** About how many rows a month has: the codes in scope (at least 1). */
  rowsPerMonth: number;
}

export const NO_MONTHLY: MonthlyRead = { header: null, rows: [], firstRow: 2, lookback: [] };

/** The Month column's months of sheet rows firstRow.. (null for a cell that is not a date). */
function monthsOf(sheet: Sheet, firstRow: number, numRows: number): Array<string | null> {
  const values = sheet.getRange(firstRow, 1, numRows, 1).getValues() as unknown[][];
  return values.map((row) => {
    const instant = instantOf(writable(row[0]));
    return instant === null ? null : monthOfInstant(instant);
  });
}

export function readMonthly(sheet: Sheet, need: MonthlyNeed): MonthlyRead {
  const lastRow = sheet.getLastRow();
  if (lastRow === 0) return NO_MONTHLY;
  const width = Math.max(sheet.getLastColumn(), MONTHLY_COLUMNS);
  const header = readRows(sheet, 1, 1, width, MONTHLY_COLUMNS)[0]!;
  if (lastRow === 1 || headerMoved(header, MONTHLY_HEADER))
    return { header, rows: [], firstRow: lastRow + 1, lookback: [] };
  const earliest = [need.lookback.first, need.fromMonth].sort()[0]!;
  const chunk = Math.min(MAX_READ_CELLS, need.rowsPerMonth * 14 + 10);
  let months: Array<string | null> = [];
  let firstRow = lastRow + 1;
  while (firstRow > 2 && (months[0] === undefined || (months[0] !== null && months[0] >= earliest))) {
    const numRows = Math.min(chunk, firstRow - 2);
    months = monthsOf(sheet, firstRow - numRows, numRows).concat(months);
    firstRow -= numRows;
  }
  if (!inOrder(months) || (months[0] === null && firstRow > 2)) return whole(sheet, header);
  const rowOf = (index: number) => firstRow + index;
  let from = months.findIndex((month) => month! >= need.fromMonth);
  if (from < 0) from = months.length;
  const rows =
    from < months.length ? readRows(sheet, rowOf(from), months.length - from, width, MONTHLY_COLUMNS) : [];
  const first = months.findIndex((month) => month! >= need.lookback.first);
  let last = first;
  while (last >= 0 && last < from && months[last]! <= need.lookback.last) last++;
  const lookback =
    first >= 0 && last > first
      ? readRows(sheet, rowOf(first), last - first, MONTHLY_COLUMNS, MONTHLY_COLUMNS)
      : [];
  return { header, rows, firstRow: rowOf(from), lookback };
}

/** Months never decreasing; rows that are not dates only first (where the add-on keeps rows it cannot read). */
function inOrder(months: ReadonlyArray<string | null>): boolean {
  let previous: string | null = null;
  for (const month of months) {
    if (month === null) {
      if (previous !== null) return false;
    } else if (previous !== null && month < previous) return false;
    else previous = month;
  }
  return true;
}

function whole(sheet: Sheet, header: WritableRow): MonthlyRead {
  const table = readTable(sheet, MONTHLY_COLUMNS);
  return { header: table[0] ?? header, rows: table.slice(1), firstRow: 2, lookback: [] };
}
