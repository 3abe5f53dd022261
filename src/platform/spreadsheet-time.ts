/**
 * Dates for the spreadsheet's time zone, which may differ from the script's: a day from
 * OpenQR becomes midnight there, so the cell shows that same day.
 */
import { parseZoneOffset, zonedMidnights } from "../functions/calendar-days.ts";
import type { DayToDate } from "../functions/tables.ts";
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
