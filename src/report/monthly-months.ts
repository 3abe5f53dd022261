/**
 * Calendar months as OpenQR Monthly counts them: made of OpenQR's UTC days ("YYYY-MM"), the
 * same days as OpenQR Daily's rows. A Month cell holds the month's first day at midnight in
 * the spreadsheet's zone.
 */
import { DAY_MS, isoDayOf, parseIsoDay } from "../shared/days.ts";

/** Midnight anywhere is within 14 hours of UTC midnight (zones run from UTC−12 to UTC+14). */
const WIDEST_OFFSET_MS = 14 * 3_600_000;

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const [year, index] = month.split("-").map(Number);
  const total = year! * 12 + (index! - 1) + count;
  const y = Math.floor(total / 12);
  return `${String(y).padStart(4, "0")}-${String(total - y * 12 + 1).padStart(2, "0")}`;
}

export function daysInMonth(month: string): number {
  return Math.round((parseIsoDay(firstDayOf(addMonths(month, 1))) - parseIsoDay(firstDayOf(month))) / DAY_MS);
}

/** The months from `first` to `last`, both included, in order. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The month a Month cell's instant stands for, in any zone: the cell is the 1st's midnight
 * there, so 14 hours later it is the 1st (or the 2nd) in UTC.
 */
export function monthOfInstant(instant: number): string {
  return monthOf(isoDayOf(Math.floor((instant + WIDEST_OFFSET_MS) / DAY_MS) * DAY_MS));
}
