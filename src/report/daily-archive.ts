/**
 * The OpenQR Daily sheet as data: one row per code per day, sorted by day, then slug.
 *
 * A refresh upserts the (day, code) rows it fetched and keeps every other row as it was:
 * older days, codes that failed, codes deleted at OpenQR. Rows are identified by their day
 * and code id, never by position, so a user's sorting, deleted rows or columns of their
 * own (carried along with their row) cannot make it duplicate or misplace data.
 */
import { nearestDay } from "../shared/days.ts";
import { COUNT_FORMAT, DAY_FORMAT } from "./block-formats.ts";
import {
  instantOf,
  isBlankRow,
  literal,
  numberOf,
  textOf,
  toWidth,
  type WritableRow,
  widthOf,
} from "./sheet-cells.ts";

export const DAILY_HEADER = ["Day", "Code ID", "Slug", "Scans"] as const;
/** The number formats of its rows. */
export const DAILY_FORMATS: Readonly<Partial<Record<(typeof DAILY_HEADER)[number], string>>> = {
  Day: DAY_FORMAT,
  Scans: COUNT_FORMAT,
};
export const DAILY_COLUMNS = DAILY_HEADER.length;
/** The sheet's width: the four columns and two spare for the user; narrow, since it grows a row per code per day. */
export const DAILY_SHEET_COLUMNS = 6;

export interface DayCount {
  day: string;
  n: number;
}

/** One code's fetched window. */
export interface CodeSeries {
  codeId: string;
  slug: string;
  daily: readonly DayCount[];
}

/** A parsed archive row. */
export interface DailyEntry {
  /** The Day cell's instant (midnight of the day in the spreadsheet's zone). */
  instant: number;
  /** The API's day (UTC, YYYY-MM-DD). */
  day: string;
  codeId: string;
  slug: string;
  /** The Scans cell, when it holds a number. */
  scans: number | null;
  /** The whole row as written back, with the user's own columns. */
  cells: WritableRow;
}

export interface DailyArchive {
  /** The table to write: header, rows the add-on cannot read (kept first), then entries in order. */
  table: WritableRow[];
  width: number;
  entries: DailyEntry[];
}

/**
 * The API day of a Day cell: exact for days of this window (their midnights are known);
 * otherwise the nearest UTC midnight, right for zones within 12 hours of UTC and, beyond
 * that, off by one day consistently, which keeps the order.
 */
export function dayReader(dayDates: Readonly<Record<string, Date>>): (instant: number) => string {
  const byInstant: Record<number, string> = {};
  for (const day of Object.keys(dayDates)) byInstant[dayDates[day]!.getTime()] = day;
  return (instant) => byInstant[instant] ?? nearestDay(instant);
}

/** What orders the archive's rows: a row's instant, slug and code id. */
export interface DailyKey {
  instant: number;
  slug: string;
  codeId: string;
}

/** The archive's order: by day (the Day cell's instant), then slug, then code id. */
export function compareEntries(a: DailyKey, b: DailyKey): number {
  if (a.instant !== b.instant) return a.instant - b.instant;
  return compareText(a.slug, b.slug) || compareText(a.codeId, b.codeId);
}

/** A row of the sheet as the merge sees it: blank, one it cannot read (no date or no code id), or an entry. */
export type DailyRow = { kind: "blank" } | { kind: "unreadable" } | { kind: "entry"; entry: DailyEntry };

/** Reads one row (already at the table's width); `dayOf` turns its Day cell's instant into an API day. */
export function readDailyRow(cells: WritableRow, dayOf: (instant: number) => string): DailyRow {
  if (isBlankRow(cells)) return { kind: "blank" };
  const instant = instantOf(cells[0]);
  const codeId = textOf(cells[1]) || (typeof cells[1] === "number" ? String(cells[1]) : "");
  if (instant === null || codeId === "") return { kind: "unreadable" };
  return {
    kind: "entry",
    entry: { instant, day: dayOf(instant), codeId, slug: textOf(cells[2]), scans: numberOf(cells[3]), cells },
  };
}

/** Case-insensitive first, then exact, so the order is total and the same everywhere. */
export function compareText(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const keyOf = (day: string, codeId: string) => `${day}\u0000${codeId}`;

/**
 * Merges the fetched windows into the existing table (header first; [] for a new sheet).
 * `dayDates` gives the Date of every fetched day: midnight in the spreadsheet's zone.
 */
export function mergeDaily(
  existing: readonly WritableRow[],
  refreshed: readonly CodeSeries[],
  dayDates: Readonly<Record<string, Date>>,
): DailyArchive {
  const width = widthOf(existing, DAILY_COLUMNS);
  const header =
    existing.length > 0 ? toWidth(existing[0]!, width) : toWidth(DAILY_HEADER.map(literal), width);
  const dayOf = dayReader(dayDates);

  const unreadable: WritableRow[] = [];
  const kept: Record<string, DailyEntry> = {};
  const order: string[] = [];
  for (const row of existing.slice(1)) {
    const cells = toWidth(row, width);
    const read = readDailyRow(cells, dayOf);
    if (read.kind === "blank") continue;
    if (read.kind === "unreadable") {
      unreadable.push(cells);
      continue;
    }
    const key = keyOf(read.entry.day, read.entry.codeId);
    // A duplicated (day, code) row keeps its first copy.
    if (kept[key]) continue;
    kept[key] = read.entry;
    order.push(key);
  }

  for (const series of refreshed) {
    for (const { day, n } of series.daily) {
      const date = dayDates[day];
      if (!date) throw new Error(`No date for day ${day}`);
      const key = keyOf(day, series.codeId);
      const previous = kept[key];
      const cells = previous ? previous.cells.slice() : toWidth([], width);
      cells[0] = date;
      cells[1] = literal(series.codeId);
      cells[2] = literal(series.slug);
      cells[3] = n;
      if (!previous) order.push(key);
      kept[key] = { instant: date.getTime(), day, codeId: series.codeId, slug: series.slug, scans: n, cells };
    }
  }

  const entries = order.map((key) => kept[key]!).sort(compareEntries);
  return { table: [header, ...unreadable, ...entries.map((entry) => entry.cells)], width, entries };
}

/**
 * Scans per day summed over the codes given, for the days given: over the codes the archive
 * has that day for, and null (unknown, not 0) when it has none.
 */
export function fleetTotals(
  entries: readonly DailyEntry[],
  days: readonly string[],
  codeIds: ReadonlySet<string> | null,
): Array<number | null> {
  const position: Record<string, number> = {};
  days.forEach((day, index) => {
    position[day] = index;
  });
  const totals: Array<number | null> = days.map(() => null);
  for (const entry of entries) {
    const index = position[entry.day];
    if (index === undefined || entry.scans === null) continue;
    if (codeIds && !codeIds.has(entry.codeId)) continue;
    totals[index] = (totals[index] ?? 0) + entry.scans;
  }
  return totals;
}

/** Scans of each code on each of the days given, from the archive. */
export function countsByCode(
  entries: readonly DailyEntry[],
  days: readonly string[],
): Record<string, Record<string, number>> {
  const wanted: Record<string, true> = {};
  for (const day of days) wanted[day] = true;
  const counts: Record<string, Record<string, number>> = {};
  for (const entry of entries) {
    if (!wanted[entry.day] || entry.scans === null) continue;
    const perDay = counts[entry.codeId] ?? {};
    perDay[entry.day] = entry.scans;
    counts[entry.codeId] = perDay;
  }
  return counts;
}
