/**
 * Reading only the end of OpenQR Daily. The archive grows for years, but a run needs only
 * its last weeks: the fetched window and the trend's baseline. The add-on keeps the sheet
 * sorted by day, so those are its last rows: they are read from the bottom in chunks, and
 * used alone only when the sheet provably still has the add-on's order there. The rows read
 * must be in order and begin before the first day needed, and the rows the last run left
 * (its fingerprint: their count and a hash of their keys) must be unchanged. A sort by
 * another column, a moved or inserted row, deleted rows: the whole sheet is read and put
 * back in order instead, as before.
 */
import { dayBefore, daysEnding, daysFrom } from "../shared/days.ts";
import { type ColumnFormat, formatsByName } from "./block-formats.ts";
import { type BlockWrite, planBlockWrites } from "./block-write.ts";
import { compareEntries, DAILY_FORMATS, DAILY_HEADER, type DailyRow } from "./daily-archive.ts";
import type { WritableRow } from "./sheet-cells.ts";
import { BASELINE_DAYS } from "./trends.ts";

/** The most cells one read asks for: Apps Script returns big reads slowly, and huge ones not at all. */
export const MAX_READ_CELLS = 250_000;

/** What the last run left at the end of the sheet, kept between runs. */
export interface TailFingerprint {
  sheetId: number;
  /** The first sheet row (1-based) it covers: the first row of the first day that run needed. */
  fromRow: number;
  /** The sheet's last row after that run. */
  lastRow: number;
  /** A hash of the keys (day, code id, slug) of rows fromRow..lastRow. */
  hash: string;
}

/** What a run needs of OpenQR Daily. */
export interface TailNeed {
  /** Rows of days before this one are not needed (a day of margin for time zones included). */
  fromDay: string;
  /** The run's last day: the API's today. */
  lastDay: string;
  /** About how many rows a day has: the codes in scope (at least 1). */
  rowsPerDay: number;
}

/** The earliest day of the days given. */
function earliestOf(days: readonly string[], start: string): string {
  let earliest = start;
  for (const day of days) if (day < earliest) earliest = day;
  return earliest;
}

/**
 * The first day a run needs: the first day it fetched or charts, or the start of the trend's
 * baseline (the 28 days before the last complete day, which also hold both full weeks and the
 * digest's week), whichever is earlier.
 */
export function firstDayNeeded(windowDays: readonly string[], lastCompleteDay: string): string {
  return earliestOf(windowDays, daysEnding(lastCompleteDay, BASELINE_DAYS + 1)[0]!);
}

/** The run's need, a day earlier than `firstDay`: a Day cell's API day can be off by one in zones far from UTC. */
export function tailNeed(firstDay: string, lastDay: string, codes: number): TailNeed {
  return { fromDay: dayBefore(firstDay), lastDay, rowsPerDay: Math.max(1, codes) };
}

function keyText(row: DailyRow): string {
  if (row.kind === "blank") return "";
  if (row.kind === "unreadable") return "\u0001";
  const { instant, codeId, slug } = row.entry;
  return `${instant}\u0000${codeId}\u0000${slug}`;
}

/** Two 32-bit lanes (cyrb53-style) over the rows' keys from `from` on: a changed, moved or added row changes it. */
export function hashRows(rows: readonly DailyRow[], from: number): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (let index = Math.max(0, from); index < rows.length; index++) {
    const text = keyText(rows[index]!);
    for (let char = 0; char < text.length; char++) feed(text.charCodeAt(char));
    feed(10);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${hex(h2)}${hex(h1)}`;
}

/**
 * Whether rows are in the add-on's order: rows it cannot read first, then (day, slug, code id)
 * strictly increasing, so no (day, code) twice. Blank rows do not count.
 */
export function inArchiveOrder(rows: readonly DailyRow[]): boolean {
  let previous: DailyRow | null = null;
  for (const row of rows) {
    if (row.kind === "blank") continue;
    if (row.kind === "unreadable") {
      if (previous?.kind === "entry") return false;
    } else if (previous?.kind === "entry" && compareEntries(previous.entry, row.entry) >= 0) {
      return false;
    }
    previous = row;
  }
  return true;
}

/** The rows read so far: sheet rows firstRow..lastRow, parsed. */
export interface TailRead {
  lastRow: number;
  firstRow: number;
  rows: readonly DailyRow[];
}

/**
 * Whether the rows read are enough ("tail"), need more rows above them ("more"), or cannot be
 * trusted alone, so the whole sheet must be read ("whole"). `fingerprint` is the last run's,
 * already known to be of this sheet and of its present last row (else pass null).
 */
export function judgeTail(
  read: TailRead,
  need: TailNeed,
  fingerprint: TailFingerprint | null,
): "tail" | "more" | "whole" {
  if (fingerprint === null || fingerprint.lastRow !== read.lastRow || !inArchiveOrder(read.rows))
    return "whole";
  const top = read.rows.find((row) => row.kind !== "blank");
  if (top === undefined) return "more";
  // Rows the add-on cannot read belong first in the sheet: met at the tail's top, the order is not the add-on's.
  if (top.kind === "unreadable") return "whole";
  if (top.kind === "entry" && top.entry.day >= need.fromDay) return "more";
  if (read.firstRow > fingerprint.fromRow) return "more";
  return hashRows(read.rows, fingerprint.fromRow - read.firstRow) === fingerprint.hash ? "tail" : "whole";
}

/**
 * How many rows to read next, above `read` (none read yet: firstRow = lastRow + 1). Reading for
 * the tail, the estimate is the days still missing times the rows a day holds, plus a margin;
 * reading the whole sheet, as much as one read may. A read that would stop at row 2 takes the
 * header too.
 */
export function nextReadRows(
  read: TailRead,
  width: number,
  mode: "tail" | "whole",
  need: TailNeed,
  fingerprint: TailFingerprint | null,
): number {
  const above = read.firstRow - 1;
  const most = Math.max(1, Math.floor(MAX_READ_CELLS / Math.max(1, width)));
  let wanted = most;
  if (mode === "tail") {
    let entries = 0;
    let top: string | null = null;
    let bottom: string | null = null;
    for (const row of read.rows) {
      if (row.kind !== "entry") continue;
      entries++;
      top ??= row.entry.day;
      bottom = row.entry.day;
    }
    const perDay =
      top === null || bottom === null
        ? need.rowsPerDay
        : Math.max(need.rowsPerDay, entries / daysFrom(top, bottom));
    const missingDays = daysFrom(need.fromDay, top ?? need.lastDay);
    wanted = Math.ceil(perDay * missingDays + perDay / 10) + 1;
    if (fingerprint !== null) wanted = Math.max(wanted, read.firstRow - fingerprint.fromRow + 1);
  }
  const rows = Math.min(wanted, most, above);
  return above - rows <= 1 ? above : rows;
}

/**
 * The fingerprint of the rows a run leaves: `rows` are the sheet's rows from `firstRow` to its
 * end, parsed; it covers them from the first of a day on or after `fromDay` (the first day the
 * run needed, so the next runs, which need the same day or later, read all of it).
 */
export function fingerprintOf(
  sheetId: number,
  firstRow: number,
  rows: readonly DailyRow[],
  fromDay: string,
): TailFingerprint {
  let from = rows.findIndex((row) => row.kind === "entry" && row.entry.day >= fromDay);
  if (from < 0) from = rows.length;
  return {
    sheetId,
    fromRow: firstRow + from,
    lastRow: firstRow + rows.length - 1,
    hash: hashRows(rows, from),
  };
}

/** The run report's note when the whole sheet had to be read and put back in order. */
export const OUT_OF_ORDER_NOTE =
  "OpenQR Daily was not in the add-on's order (sorted by another column, or rows moved), so this run read all of it and put it back in order: by day, then slug. Your own columns moved with their rows.";

/** What a run writes over OpenQR Daily's rows it read. */
export interface DailyWrite {
  /** The blocks, at their places in the sheet (start 0 is the header's row). */
  blocks: BlockWrite[];
  /** The sheet row (1-based) of rows[0]: 1 when the whole sheet was read (the header), else the tail's first. */
  firstRow: number;
  /** The rows from firstRow to the sheet's end, as the write leaves them. */
  rows: WritableRow[];
  /** The number formats of those rows (the header's row is never formatted). */
  formats: ColumnFormat[];
}

/**
 * The writes turning the rows read (`read.table`: the header, then the whole sheet or its rows
 * from `read.firstRow` on) into the merged table. Only those rows and rows below them change.
 */
export function planDailyWrite(
  read: { table: readonly WritableRow[]; whole: boolean; firstRow: number },
  merged: { table: WritableRow[]; width: number },
): DailyWrite {
  const firstRow = read.whole ? 1 : read.firstRow;
  const before = read.whole ? read.table : read.table.slice(1);
  const rows = read.whole ? merged.table : merged.table.slice(1);
  const blocks = planBlockWrites(before, rows, merged.width).map((block) => ({
    ...block,
    start: block.start + firstRow - 1,
  }));
  // Sheet row firstRow is table row firstRow - 1.
  const formats = formatsByName(
    DAILY_HEADER,
    DAILY_FORMATS,
    Math.max(1, firstRow - 1),
    firstRow + rows.length - 2,
  );
  return { blocks, firstRow, rows, formats };
}
