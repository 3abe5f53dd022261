/**
 * OpenQR Monthly as data: one row per calendar month (of OpenQR's UTC days) per code, sorted
 * by month, then slug, built from the archive's (OpenQR Daily's) rows. A refresh rebuilds
 * only the months it touched (src/report/monthly-touched.ts) and keeps every other row as it
 * is, so a deleted code's months stay. Unknown is blank, never 0: the comparisons are shown
 * only between complete months (every day held, and the month over).
 */
import { CHANGE_FORMAT, COUNT_FORMAT } from "./block-formats.ts";
import { compareText, type DailyEntry } from "./daily-archive.ts";
import { addMonths, daysInMonth, monthOf, monthOfInstant } from "./monthly-months.ts";
import {
  instantOf,
  isBlankRow,
  literal,
  numberOf,
  textOf,
  toWidth,
  type WritableCell,
  type WritableRow,
} from "./sheet-cells.ts";

export const MONTHLY_HEADER = [
  "Month",
  "Code ID",
  "Slug",
  "Group",
  "Scans",
  "Days counted",
  "Previous month",
  "Change",
  "Same month last year",
  "Change vs last year",
  "Complete",
] as const;
export const MONTHLY_COLUMNS = MONTHLY_HEADER.length;
export const MONTH_FORMAT = "yyyy-mm";
export const MONTHLY_FORMATS: Readonly<Partial<Record<(typeof MONTHLY_HEADER)[number], string>>> = {
  Month: MONTH_FORMAT,
  Scans: COUNT_FORMAT,
  "Days counted": "0",
  "Previous month": COUNT_FORMAT,
  Change: CHANGE_FORMAT,
  "Same month last year": COUNT_FORMAT,
  "Change vs last year": CHANGE_FORMAT,
};

const SCANS = 4;
const COMPLETE = 10;

/** A parsed Monthly row: its month and code, and what the comparisons read of it. */
export interface MonthlyKey {
  month: string;
  codeId: string;
  slug: string;
  /** The Scans cell, when it holds a number. */
  scans: number | null;
  /** The Complete cell is TRUE. */
  complete: boolean;
}

export type MonthlyRow =
  | { kind: "blank" }
  | { kind: "unreadable"; cells: WritableRow }
  | { kind: "row"; key: MonthlyKey; cells: WritableRow };

export function readMonthlyRow(cells: WritableRow): MonthlyRow {
  if (isBlankRow(cells)) return { kind: "blank" };
  const instant = instantOf(cells[0]);
  const codeId = textOf(cells[1]) || (typeof cells[1] === "number" ? String(cells[1]) : "");
  if (instant === null || codeId === "") return { kind: "unreadable", cells };
  const key = {
    month: monthOfInstant(instant),
    codeId,
    slug: textOf(cells[2]),
    scans: numberOf(cells[SCANS]),
    complete: cells[COMPLETE] === true,
  };
  return { kind: "row", key, cells };
}

/** The sheet's order: by month, then slug, then code id (like OpenQR Daily's by day). */
export function compareMonthly(a: MonthlyKey, b: MonthlyKey): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  return compareText(a.slug, b.slug) || compareText(a.codeId, b.codeId);
}

const keyOf = (month: string, codeId: string) => `${month}\u0000${codeId}`;

export interface MonthlyBuild {
  /** The rows read (sheet rows from the read's first on), at any width. */
  existing: readonly WritableRow[];
  /** Earlier rows read only for the comparisons (the same months a year before): never rewritten. */
  lookback: readonly WritableRow[];
  /** The archive's entries: every day of every touched month. */
  entries: readonly DailyEntry[];
  /** The months rebuilt from the archive ("YYYY-MM"). */
  touched: readonly string[];
  /** The API's today's month: not complete yet. */
  currentMonth: string;
  /** Code id → the group the user gave it on the Summary. */
  groups: ReadonlyMap<string, string>;
  /** A Month cell's Date: the month's first day at midnight in the spreadsheet's zone. */
  monthDate: (month: string) => Date;
}

interface Tally {
  codeId: string;
  slug: string;
  lastDay: string;
  scans: number;
  days: number;
}

/** Scans and days held per (month, code) of the touched months, from the archive. */
function tallies(entries: readonly DailyEntry[], touched: ReadonlySet<string>): Map<string, Tally> {
  const byKey = new Map<string, Tally>();
  for (const entry of entries) {
    const month = monthOf(entry.day);
    if (!touched.has(month)) continue;
    const key = keyOf(month, entry.codeId);
    const tally = byKey.get(key) ?? {
      codeId: entry.codeId,
      slug: entry.slug,
      lastDay: "",
      scans: 0,
      days: 0,
    };
    // The code's latest slug names its row.
    if (entry.day >= tally.lastDay) {
      tally.lastDay = entry.day;
      tally.slug = entry.slug;
    }
    if (entry.scans !== null) {
      tally.scans += entry.scans;
      tally.days++;
    }
    byKey.set(key, tally);
  }
  return byKey;
}

function change(now: MonthlyKey, before: MonthlyKey | undefined): WritableCell {
  if (!now.complete || before === undefined || !before.complete) return "";
  if (now.scans === null || before.scans === null || before.scans === 0) return "";
  return now.scans / before.scans - 1;
}

/**
 * The rows that replace `existing`: rows of untouched months as they are (in the sheet's
 * order), the touched months rebuilt from the archive (each keeping the user's cells to the
 * right of the add-on's), rows the add-on cannot read first. `width`: the table's.
 */
export function buildMonthly(input: MonthlyBuild, width: number): WritableRow[] {
  const touched = new Set(input.touched);
  const unreadable: WritableRow[] = [];
  const kept: Array<{ key: MonthlyKey; cells: WritableRow }> = [];
  const previousCells = new Map<string, WritableRow>();
  const known = new Map<string, MonthlyKey>();
  for (const row of input.lookback) {
    const read = readMonthlyRow(row);
    if (read.kind === "row") known.set(keyOf(read.key.month, read.key.codeId), read.key);
  }
  for (const row of input.existing) {
    const read = readMonthlyRow(toWidth(row, width));
    if (read.kind === "blank") continue;
    if (read.kind === "unreadable") unreadable.push(read.cells);
    else if (!touched.has(read.key.month)) {
      kept.push(read);
      known.set(keyOf(read.key.month, read.key.codeId), read.key);
    } else if (!previousCells.has(keyOf(read.key.month, read.key.codeId)))
      previousCells.set(keyOf(read.key.month, read.key.codeId), read.cells);
  }
  const built: Array<{ key: MonthlyKey; tally: Tally }> = [];
  for (const [key, tally] of tallies(input.entries, touched)) {
    const month = key.slice(0, 7);
    const complete = month < input.currentMonth && tally.days === daysInMonth(month);
    const monthly = {
      month,
      codeId: tally.codeId,
      slug: tally.slug,
      scans: tally.days > 0 ? tally.scans : null,
      complete,
    };
    known.set(key, monthly);
    built.push({ key: monthly, tally });
  }
  const rows = kept.slice();
  for (const { key, tally } of built) {
    const before = known.get(keyOf(addMonths(key.month, -1), key.codeId));
    const yearAgo = known.get(keyOf(addMonths(key.month, -12), key.codeId));
    const cells = toWidth(previousCells.get(keyOf(key.month, key.codeId)) ?? [], width);
    const own: WritableCell[] = [
      input.monthDate(key.month),
      literal(key.codeId),
      literal(key.slug),
      literal(input.groups.get(key.codeId) ?? ""),
      key.scans ?? "",
      tally.days,
      before?.complete && before.scans !== null ? before.scans : "",
      change(key, before),
      yearAgo?.complete && yearAgo.scans !== null ? yearAgo.scans : "",
      change(key, yearAgo),
      key.complete,
    ];
    own.forEach((cell, column) => {
      cells[column] = cell;
    });
    rows.push({ key, cells });
  }
  rows.sort((a, b) => compareMonthly(a.key, b.key));
  return unreadable.concat(rows.map((row) => row.cells));
}
