/**
 * The window of OPENQR_SCANS and OPENQR_ROLLUP: a number of days ending today (as before), or
 * a start date and an end date. OpenQR only answers trailing windows, so a range is fetched
 * as the days from its start to today and then cut to its days. Days are OpenQR's UTC days;
 * a date cell means the day it shows in the spreadsheet's zone (`dayOfDate` reads it there).
 */
import type { ScansResponse } from "../openqr/schema.ts";
import { DAY_MS, daysEnding, daysFrom, isoDayOf, parseIsoDay } from "../shared/days.ts";
import { ArgumentError, DEFAULT_DAYS, describe, isBlank, MAX_DAYS } from "./arguments.ts";

export type ScanWindow =
  | { kind: "days"; days: number }
  /** `fetchDays`: the trailing window that holds the range, from `start` to `today`. */
  | { kind: "range"; start: string; end: string; today: string; fetchDays: number };

export interface WindowContext {
  /** OpenQR's current UTC day ("YYYY-MM-DD"): the last day of every window it answers. */
  today: string;
  /** The day a date cell shows in the spreadsheet's zone. */
  dayOfDate: (date: Date) => string;
}

const ISO_DAY = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
const OLDER_DAYS = "For older days see the OpenQR Monthly and OpenQR Daily sheets.";

/** OpenQR's current day at an instant: the UTC day, still filling up. */
export function openqrToday(instant: number): string {
  return isoDayOf(Math.floor(instant / DAY_MS) * DAY_MS);
}

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === "[object Date]";

/** A date cell's day, or YYYY-MM-DD text that names a real day; else null. */
function dayOf(value: unknown, context: WindowContext): string | null {
  if (isDate(value)) return Number.isNaN(value.getTime()) ? null : context.dayOfDate(value);
  if (typeof value !== "string") return null;
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  // "2026-02-30" would roll over into March: only a day that round-trips is real.
  return isoDayOf(parseIsoDay(day)) === day ? day : null;
}

/** `days_or_start` and `end` of OPENQR_SCANS and OPENQR_ROLLUP, checked against today. */
export function parseWindow(daysOrStart: unknown, end: unknown, context: WindowContext): ScanWindow {
  const start = dayOf(daysOrStart, context);
  if (start === null) {
    const days = daysOf(daysOrStart);
    if (!isBlank(end)) {
      throw new ArgumentError(
        `end goes with a start date; days_or_start is a number of days (${days}), so leave end blank.`,
      );
    }
    return { kind: "days", days };
  }
  const { today } = context;
  const last = isBlank(end) ? today : dayOf(end, context);
  if (last === null) {
    throw new ArgumentError(
      `end must be a date (a date cell or YYYY-MM-DD text); ${describe(end)} is not. Leave it blank for today.`,
    );
  }
  if (last > today) {
    throw new ArgumentError(
      `end must be a date on or before today, ${today} (OpenQR's days are UTC days); ${last} is not.`,
    );
  }
  if (start > last)
    throw new ArgumentError(`start must be a date on or before end (${last}); ${start} is not.`);
  const earliest = daysEnding(today, MAX_DAYS)[0]!;
  if (start < earliest) {
    throw new ArgumentError(
      `start must be on or after ${earliest}: OpenQR gives at most the last ${MAX_DAYS} days, today included; ${start} is not. ${OLDER_DAYS}`,
    );
  }
  return { kind: "range", start, end: last, today, fetchDays: daysFrom(start, today) };
}

function daysOf(input: unknown): number {
  if (isBlank(input)) return DEFAULT_DAYS;
  const value = typeof input === "string" && /^\s*\d+\s*$/.test(input) ? Number(input) : input;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
    throw new ArgumentError(
      `days_or_start must be a whole number of days from 1 to ${MAX_DAYS}, or a start date (a date cell or YYYY-MM-DD text); ${describe(input)} is neither. Leave it blank for ${DEFAULT_DAYS} days.`,
    );
  }
  return value;
}

/** How many trailing days to ask OpenQR for. */
export function fetchDaysOf(window: ScanWindow): number {
  return window.kind === "days" ? window.days : window.fetchDays;
}

/** The range's days, oldest first, or null for a number of days (the responses' own days). */
export function rangeDays(window: ScanWindow): string[] | null {
  return window.kind === "days" ? null : daysEnding(window.end, daysFrom(window.start, window.end));
}

/**
 * A range reaching before the window the plan honoured (the responses' `days_window`) is
 * refused: its first days would otherwise be silently missing.
 */
export function checkPlanWindow(window: ScanWindow, responses: readonly ScansResponse[]): void {
  if (window.kind === "days" || responses.length === 0) return;
  const honoured = responses.reduce((least, r) => Math.min(least, r.analytics.days_window), MAX_DAYS);
  if (honoured >= window.fetchDays) return;
  const first = daysEnding(window.today, honoured)[0]!;
  throw new ArgumentError(
    `start must be on or after ${first}: your OpenQR plan gives the last ${honoured} days, today included; ${window.start} is not. ${OLDER_DAYS}`,
  );
}
