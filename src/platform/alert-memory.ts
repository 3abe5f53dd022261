/**
 * What the schedule's alerts remember: each user's streak of failed scheduled runs per
 * spreadsheet (user properties, like the digest's day: the webhook is the user's, and a run
 * without the document still has them), and the file's last successful refresh (document
 * properties: any editor's sidebar tells how old the reports are).
 */
import type { AlertState } from "../report/schedule-alerts.ts";
import { alertStateSchema, parseStored } from "../settings/stored.ts";
import { documentProperties } from "./document-services.ts";
import { storeProperty } from "./stored-property.ts";

const alertKey = (spreadsheetId: string) => `openqr.alertState.${spreadsheetId}`;
const LAST_SUCCESS = "openqr.lastSuccess";

const userStore = () => PropertiesService.getUserProperties();

export function readAlertState(spreadsheetId: string): AlertState | null {
  return parseStored(userStore().getProperty(alertKey(spreadsheetId)), alertStateSchema);
}

/** null forgets the streak. */
export function writeAlertState(spreadsheetId: string, state: AlertState | null): void {
  if (state === null) userStore().deleteProperty(alertKey(spreadsheetId));
  else storeProperty(userStore(), alertKey(spreadsheetId), JSON.stringify(state));
}

/** ISO time of the file's last successful refresh, or null when none is on record. */
export function readLastSuccess(): string | null {
  return documentProperties().getProperty(LAST_SUCCESS);
}

export function writeLastSuccess(time: string): void {
  storeProperty(documentProperties(), LAST_SUCCESS, time);
}

/**
 * A time as the zone's clock shows it, zone named: "2026-11-25 04:00 (America/Los Angeles)"
 * (its underscore a space: a chat could read it as italics).
 */
export function timeInZone(iso: string, timeZone: string): string {
  const zone = timeZone.replace(/_/g, " ");
  return `${Utilities.formatDate(new Date(iso), timeZone, "yyyy-MM-dd HH:mm")} (${zone})`;
}
