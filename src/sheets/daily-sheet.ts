/**
 * OpenQR Daily's reads for a run: its last rows when they provably suffice, else all of it,
 * in chunks from the bottom either way (src/report/daily-tail.ts decides what to read next).
 */
import { DAILY_COLUMNS, DAILY_HEADER, type DailyRow, readDailyRow } from "../report/daily-archive.ts";
import {
  inArchiveOrder,
  judgeTail,
  nextReadRows,
  type TailFingerprint,
  type TailNeed,
} from "../report/daily-tail.ts";
import { headerMoved } from "../report/own-columns.ts";
import type { WritableRow } from "../report/sheet-cells.ts";
import { readRows } from "./sheet-table.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface DailyRead {
  /** The header and the rows read, as mergeDaily takes them ([] for an empty sheet). */
  table: WritableRow[];
  /** true: the whole sheet; false: its header and its rows from `firstRow` on. */
  whole: boolean;
  /** The sheet row of table[1]. */
  firstRow: number;
  /** The whole sheet was read because it was not in the add-on's order (sorted by hand, rows moved). */
  outOfOrder: boolean;
}

export const NO_DAILY: DailyRead = { table: [], whole: true, firstRow: 2, outOfOrder: false };

/**
 * Reads what the run needs of OpenQR Daily. `fingerprint` is the last run's (null if none);
 * `dayOf` gives a Day cell's API day, as the merge reads it.
 */
export function readDaily(
  sheet: Sheet,
  sheetId: number,
  need: TailNeed,
  fingerprint: TailFingerprint | null,
  dayOf: (instant: number) => string,
): DailyRead {
  const lastRow = sheet.getLastRow();
  if (lastRow === 0) return NO_DAILY;
  const width = sheet.getLastColumn();
  const usable =
    fingerprint !== null && fingerprint.sheetId === sheetId && fingerprint.lastRow === lastRow
      ? fingerprint
      : null;
  let mode: "tail" | "whole" = usable === null ? "whole" : "tail";
  let cells: WritableRow[] = [];
  let rows: DailyRow[] = [];
  let firstRow = lastRow + 1;
  while (firstRow > 1) {
    const numRows = nextReadRows({ lastRow, firstRow, rows }, width, mode, need, usable);
    const chunk = readRows(sheet, firstRow - numRows, numRows, width, DAILY_COLUMNS);
    cells = chunk.concat(cells);
    rows = chunk.map((row) => readDailyRow(row, dayOf)).concat(rows);
    firstRow -= numRows;
    if (firstRow === 1 || mode === "whole") continue;
    const verdict = judgeTail({ lastRow, firstRow, rows }, need, usable);
    if (verdict === "more") continue;
    // The header comes with the tail; and before reading the whole sheet, it tells whether
    // columns moved (the run then stops on it in checkOwnColumns, reading no further).
    const header = readRows(sheet, 1, 1, width, DAILY_COLUMNS)[0]!;
    if (verdict === "tail" || headerMoved(header, DAILY_HEADER)) {
      return { table: [header].concat(cells), whole: false, firstRow, outOfOrder: false };
    }
    mode = "whole";
  }
  return { table: cells, whole: true, firstRow: 2, outOfOrder: !inArchiveOrder(rows) };
}
