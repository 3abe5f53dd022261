/**
 * Which months a refresh rebuilds on OpenQR Monthly, and what it reads for them. A month is
 * touched when the run added or changed a Daily row of it, and the month of yesterday (so a
 * month is completed by the first run after it ends) and today's month always are; every
 * month after a touched one is rebuilt too, since its comparisons read it. A month is
 * rebuilt only when the run read all of its days: reads stay bounded by about two months.
 */

import { type ColumnFormat, formatsByName } from "./block-formats.ts";
import { type BlockWrite, planBlockWrites } from "./block-write.ts";
import type { DailyEntry } from "./daily-archive.ts";
import { addMonths, firstDayOf, monthOf, monthsFrom } from "./monthly-months.ts";
import { MONTHLY_FORMATS, MONTHLY_HEADER } from "./monthly-rows.ts";
import { literal, type WritableRow } from "./sheet-cells.ts";

/** The first day a run needs of OpenQR Daily, extended to the first day of yesterday's month. */
export function monthlyFirstDay(firstDay: string, yesterday: string): string {
  const monthStart = firstDayOf(monthOf(yesterday));
  return monthStart < firstDay ? monthStart : firstDay;
}

/** The earliest month of a row added or changed (yesterday's month at the latest). */
export function earliestChangedMonth(
  before: readonly DailyEntry[],
  after: readonly DailyEntry[],
  yesterday: string,
): string {
  const scansBefore = new Map<string, string>();
  for (const entry of before)
    scansBefore.set(`${entry.day}\u0000${entry.codeId}`, `${entry.scans}\u0000${entry.slug}`);
  let earliest = monthOf(yesterday);
  for (const entry of after) {
    if (scansBefore.get(`${entry.day}\u0000${entry.codeId}`) === `${entry.scans}\u0000${entry.slug}`)
      continue;
    if (monthOf(entry.day) < earliest) earliest = monthOf(entry.day);
  }
  return earliest;
}

/**
 * The months to rebuild: from the earliest month touched to today's. `before`: the archive's
 * entries as read; `after`: as merged. `coveredFrom`: the first day the read surely holds
 * (null: the whole archive was read).
 */
export function touchedMonths(
  before: readonly DailyEntry[],
  after: readonly DailyEntry[],
  days: { yesterday: string; today: string },
  coveredFrom: string | null,
): string[] {
  let earliest = earliestChangedMonth(before, after, days.yesterday);
  // A month whose first days the read may not hold is left as it is.
  while (coveredFrom !== null && firstDayOf(earliest) < coveredFrom) earliest = addMonths(earliest, 1);
  return monthsFrom(earliest, monthOf(days.today));
}

/** Every month the archive holds, to today's: a new Monthly sheet is built from all of it. */
export function allMonths(entries: readonly DailyEntry[], today: string): string[] {
  let earliest = monthOf(today);
  for (const entry of entries) if (monthOf(entry.day) < earliest) earliest = monthOf(entry.day);
  return monthsFrom(earliest, monthOf(today));
}

/** What a run writes over OpenQR Monthly's rows it read. */
export interface MonthlyWrite {
  blocks: BlockWrite[];
  formats: ColumnFormat[];
}

/**
 * The writes turning the rows read (sheet rows from `firstRow` on; a new sheet: no header,
 * firstRow 2) into `rows`. The header is written only on a new sheet.
 */
export function planMonthlyWrite(
  read: { header: WritableRow | null; rows: readonly WritableRow[]; firstRow: number },
  rows: readonly WritableRow[],
  width: number,
): MonthlyWrite {
  const blocks =
    read.header === null
      ? planBlockWrites([], [MONTHLY_HEADER.map(literal), ...rows], width)
      : planBlockWrites(read.rows, rows, width).map((block) => ({
          ...block,
          start: block.start + read.firstRow - 1,
        }));
  const formats = formatsByName(
    MONTHLY_HEADER,
    MONTHLY_FORMATS,
    read.firstRow - 1,
    read.firstRow + rows.length - 2,
  );
  return { blocks, formats };
}
