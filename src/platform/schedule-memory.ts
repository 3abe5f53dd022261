/**
 * What the user's properties remember about their schedules, per spreadsheet: the unique
 * id of the clock trigger saved there, and the last scheduled run that could not reach
 * that spreadsheet. No page says whether an add-on's clock trigger gets its document
 * (docs/apps-script-gaps.md); when it does not, the handler learns from the trigger's id
 * which file it was for, and its failure is kept here, where that file's sidebar finds it.
 */
import { lastRunSchema, parseStored } from "../settings/stored.ts";
import type { LastRun } from "../shared/settings.ts";
import { storeProperty } from "./stored-property.ts";

const TRIGGER_PREFIX = "openqr.trigger.";
const FAILURE_PREFIX = "openqr.scheduleFailure.";

const userStore = () => PropertiesService.getUserProperties();

export function rememberedTriggerId(spreadsheetId: string): string | null {
  return userStore().getProperty(TRIGGER_PREFIX + spreadsheetId);
}

export function rememberTrigger(spreadsheetId: string, triggerId: string): void {
  storeProperty(userStore(), TRIGGER_PREFIX + spreadsheetId, triggerId);
}

export function forgetTrigger(spreadsheetId: string): void {
  userStore().deleteProperty(TRIGGER_PREFIX + spreadsheetId);
}

export interface TriggerHome {
  /** The spreadsheet the trigger was saved in; null for a trigger saved before ids were kept. */
  spreadsheetId: string | null;
  /** Whether a failed scheduled run is on record for that spreadsheet. */
  failureKept: boolean;
}

/** Where a trigger belongs, found by its unique id (one read of the user's properties). */
export function triggerHome(triggerId: string | null): TriggerHome {
  if (triggerId === null) return { spreadsheetId: null, failureKept: false };
  const stored = userStore().getProperties();
  const key = Object.keys(stored).filter(
    (name) => name.indexOf(TRIGGER_PREFIX) === 0 && stored[name] === triggerId,
  )[0];
  if (key === undefined) return { spreadsheetId: null, failureKept: false };
  const spreadsheetId = key.slice(TRIGGER_PREFIX.length);
  return { spreadsheetId, failureKept: stored[FAILURE_PREFIX + spreadsheetId] !== undefined };
}

export function keepScheduleFailure(spreadsheetId: string, report: LastRun): void {
  storeProperty(userStore(), FAILURE_PREFIX + spreadsheetId, JSON.stringify(report));
}

export function clearScheduleFailure(spreadsheetId: string): void {
  userStore().deleteProperty(FAILURE_PREFIX + spreadsheetId);
}

/** The failed scheduled run kept for this spreadsheet, or null (also when unreadable). */
export function readScheduleFailure(spreadsheetId: string): LastRun | null {
  return parseStored(userStore().getProperty(FAILURE_PREFIX + spreadsheetId), lastRunSchema);
}
