/**
 * Dates for the spreadsheet's time zone, which may differ from the script's: a day from
 * OpenQR becomes midnight there, so the cell shows that same day.
 */
import { type DayToDate, parseZoneOffset, zonedMidnights } from "../shared/days.ts";
import { activeSpreadsheetOrNull } from "./document-services.ts";

export function spreadsheetTimeZone(): string {
  const spreadsheet = activeSpreadsheetOrNull();
  return spreadsheet ? spreadsheet.getSpreadsheetTimeZone() : Session.getScriptTimeZone();
}

export function dayToDateIn(timeZone: string): DayToDate {
  const offsetAt = (instant: number): number =>
    parseZoneOffset(Utilities.formatDate(new Date(instant), timeZone, "Z"));
  return (days) => zonedMidnights(days, offsetAt).map((instant) => new Date(instant));
}

/** The day (YYYY-MM-DD) a date cell shows in a time zone: Sheets passes it as that day's midnight there. */
export function dayOfDateIn(timeZone: string): (date: Date) => string {
  return (date) => Utilities.formatDate(date, timeZone, "yyyy-MM-dd");
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string): string {
  return Utilities.formatDate(new Date(), timeZone, "yyyy-MM-dd");
}
