/**
 * The user's clock trigger for refreshReports in this file. The platform allows one clock
 * trigger per user per document and nothing more often than hourly, so saving a schedule
 * first removes this user's existing one, then creates at most one.
 */
import type { Schedule } from "../shared/settings.ts";

export const REFRESH_HANDLER = "refreshReports";

export function installSchedule(schedule: Schedule, hour: number, timeZone: string): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  for (const trigger of ScriptApp.getUserTriggers(spreadsheet)) {
    if (trigger.getHandlerFunction() === REFRESH_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  if (schedule === "off") return;
  const clock = ScriptApp.newTrigger(REFRESH_HANDLER).timeBased();
  if (schedule === "hourly") clock.everyHours(1).create();
  else if (schedule === "every6h") clock.everyHours(6).create();
  else clock.everyDays(1).atHour(hour).inTimezone(timeZone).create();
}
