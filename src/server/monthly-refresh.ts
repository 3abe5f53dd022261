/**
 * A refresh's plan for OpenQR Monthly, once OpenQR Daily is read and merged: which months it
 * rebuilds (src/report/monthly-touched.ts), the rows it reads of the sheet for them
 * (src/sheets/monthly-sheet.ts), and the blocks that change (src/report/monthly-rows.ts).
 * A new sheet is built from every month of the archive, which the run then read whole.
 */

import type { ColumnFormat } from "../report/block-formats.ts";
import type { BlockWrite } from "../report/block-write.ts";
import { type DailyEntry, readDailyRow } from "../report/daily-archive.ts";
import { addMonths, firstDayOf, monthOf } from "../report/monthly-months.ts";
import { buildMonthly, MONTHLY_COLUMNS } from "../report/monthly-rows.ts";
import {
  allMonths,
  earliestChangedMonth,
  planMonthlyWrite,
  touchedMonths,
} from "../report/monthly-touched.ts";
import { type WritableRow, widthOf } from "../report/sheet-cells.ts";
import { type DayToDate, dayAfter } from "../shared/days.ts";
import { NO_MONTHLY, readMonthly } from "../sheets/monthly-sheet.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface MonthlyPlan {
  /** The header read (null: the sheet is new or empty), for the own-columns check. */
  header: WritableRow | null;
  blocks: BlockWrite[];
  formats: ColumnFormat[];
  /** The rows the sheet holds from the read's first on once written (the month before the first rebuilt, at least). */
  rows: WritableRow[];
}

export interface MonthlyInputs {
  /** The sheet (null: made by this run). */
  sheet: Sheet | null;
  /** OpenQR Daily's table as read (header first) and its entries once merged. */
  dailyRead: readonly WritableRow[];
  entries: readonly DailyEntry[];
  dayOf: (instant: number) => string;
  /** The first day the Daily read surely holds; null when it read the whole archive. */
  coveredFrom: string | null;
  /** The run's last complete day (yesterday, UTC). */
  yesterday: string;
  codes: number;
  groups: ReadonlyMap<string, string>;
  dayToDate: DayToDate;
}

/** OpenQR Daily's entries as read (its table, header first). */
function entriesRead(table: readonly WritableRow[], dayOf: (instant: number) => string): DailyEntry[] {
  const entries: DailyEntry[] = [];
  for (const row of table.slice(1)) {
    const read = readDailyRow(row, dayOf);
    if (read.kind === "entry") entries.push(read.entry);
  }
  return entries;
}

/**
 * The first day OpenQR Daily must be read from again, or null: when the run added or changed
 * rows of a month whose first days its tail read did not reach (a refresh after a gap longer
 * than the month's first days), so that month is rebuilt, and completed, from all of its days.
 * Bounded by the window fetched: changed rows are in it.
 */
export function monthlyRereadFrom(
  dailyRead: { table: readonly WritableRow[]; whole: boolean },
  entries: readonly DailyEntry[],
  dayOf: (instant: number) => string,
  yesterday: string,
  coveredFrom: string,
): string | null {
  if (dailyRead.whole) return null;
  const first = firstDayOf(earliestChangedMonth(entriesRead(dailyRead.table, dayOf), entries, yesterday));
  return first < coveredFrom ? first : null;
}

export function planMonthly(inputs: MonthlyInputs): MonthlyPlan {
  const today = dayAfter(inputs.yesterday);
  const days = { yesterday: inputs.yesterday, today };
  const touched =
    inputs.sheet === null
      ? allMonths(inputs.entries, today)
      : touchedMonths(entriesRead(inputs.dailyRead, inputs.dayOf), inputs.entries, days, inputs.coveredFrom);
  const first = touched[0]!;
  const last = touched[touched.length - 1]!;
  const read =
    inputs.sheet === null
      ? NO_MONTHLY
      : readMonthly(inputs.sheet, {
          fromMonth: addMonths(first, -1),
          lookback: { first: addMonths(first, -12), last: addMonths(last, -12) },
          rowsPerMonth: Math.max(1, inputs.codes),
        });
  const dates = inputs.dayToDate(touched.map(firstDayOf));
  const dateOf: Record<string, Date> = {};
  touched.forEach((month, index) => {
    dateOf[month] = dates[index]!;
  });
  const width = widthOf(read.header === null ? [] : [read.header, ...read.rows], MONTHLY_COLUMNS);
  const rows = buildMonthly(
    {
      existing: read.rows,
      lookback: read.lookback,
      entries: inputs.entries,
      touched,
      currentMonth: monthOf(today),
      groups: inputs.groups,
      monthDate: (month) => dateOf[month]!,
    },
    width,
  );
  return { header: read.header, rows, ...planMonthlyWrite(read, rows, width) };
}
