/**
 * The user's clock trigger for refreshReports in this file. The platform allows one clock
 * trigger per user per document and nothing more often than hourly, so saving a schedule
 * first removes this user's existing one, then creates at most one. The trigger is found
 * by the unique id remembered when it was created (schedule-memory.ts).
 */
import type { Schedule } from "../shared/settings.ts";
import { writeAlertState } from "./alert-memory.ts";
import { activeSpreadsheet } from "./document-services.ts";
import {
  clearScheduleFailure,
  forgetTrigger,
  rememberedTriggerId,
  rememberTrigger,
} from "./schedule-memory.ts";

export const REFRESH_HANDLER = "refreshReports";

type Trigger = GoogleAppsScript.Script.Trigger;

export function installSchedule(schedule: Schedule, hour: number, timeZone: string): void {
  const spreadsheet = activeSpreadsheet();
  const spreadsheetId = spreadsheet.getId();
  for (const trigger of existingSchedule(ScriptApp.getUserTriggers(spreadsheet), spreadsheetId)) {
    ScriptApp.deleteTrigger(trigger);
  }
  // A new schedule gets a fresh start: a failure of the old one no longer says anything.
  clearScheduleFailure(spreadsheetId);
  if (schedule === "off") {
    forgetTrigger(spreadsheetId);
    // No schedule, no streak: a later schedule starts afresh rather than "recovering".
    writeAlertState(spreadsheetId, null);
    return;
  }
  const clock = ScriptApp.newTrigger(REFRESH_HANDLER).timeBased();
  const created =
    schedule === "hourly"
      ? clock.everyHours(1).create()
      : schedule === "every6h"
        ? clock.everyHours(6).create()
        : clock.everyDays(1).atHour(hour).inTimezone(timeZone).create();
  try {
    rememberTrigger(spreadsheetId, created.getUniqueId());
  } catch (error) {
    // A trigger that could not be remembered could not report its failures: none rather than that.
    ScriptApp.deleteTrigger(created);
    throw error;
  }
}

/**
 * This user's schedule trigger in this file: the one with the remembered id. A trigger
 * from before ids were remembered (or whose id was lost) is known by its handler and type.
 */
function existingSchedule(triggers: Trigger[], spreadsheetId: string): Trigger[] {
  const remembered = rememberedTriggerId(spreadsheetId);
  const byId = triggers.filter((trigger) => trigger.getUniqueId() === remembered);
  if (byId.length > 0) return byId;
  // Enums may be objects: compared by name.
  const clock = String(ScriptApp.EventType.CLOCK);
  return triggers.filter(
    (trigger) => trigger.getHandlerFunction() === REFRESH_HANDLER && String(trigger.getEventType()) === clock,
  );
}
