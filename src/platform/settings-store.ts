/**
 * Where settings live. Report settings are shared by the file's editors (document
 * properties); a user's schedule and chat webhook (Slack or Google Chat) are theirs (user
 * properties, keyed by this spreadsheet, since user properties span every file the user
 * opens the add-on in). The webhook URL is a secret: it is stored here and never returned.
 */
import type { SheetIds } from "../report/sheet-kinds.ts";
import { type ChatDestination, chatDestinationOf } from "../settings/chat-webhook.ts";
import {
  DEFAULT_REPORT_SETTINGS,
  DEFAULT_SCHEDULE,
  type ReportSettings,
  type UserSchedule,
} from "../settings/defaults.ts";
import {
  lastRunSchema,
  parseStored,
  reportSettingsSchema,
  sheetIdsSchema,
  userScheduleSchema,
} from "../settings/stored.ts";
import type { ChatKind, LastRun } from "../shared/settings.ts";
import { activeSpreadsheet, documentProperties } from "./document-services.ts";
import { storeProperty } from "./stored-property.ts";

const REPORT_SETTINGS = "openqr.reportSettings";
const LAST_RUN = "openqr.lastRun";
const scheduleKey = (spreadsheetId: string) => `openqr.schedule.${spreadsheetId}`;
/** Named when Slack was the only kind: the key stays, so saved webhooks need no migration. */
const webhookKey = (spreadsheetId: string) => `openqr.slackWebhook.${spreadsheetId}`;
const digestDayKey = (spreadsheetId: string) => `openqr.slackDigestDay.${spreadsheetId}`;
const digestMonthKey = (spreadsheetId: string) => `openqr.monthlyDigestMonth.${spreadsheetId}`;

export function activeSpreadsheetId(): string {
  return activeSpreadsheet().getId();
}

export function readReportSettings(): ReportSettings {
  const stored = parseStored(documentProperties().getProperty(REPORT_SETTINGS), reportSettingsSchema);
  return stored ?? { ...DEFAULT_REPORT_SETTINGS };
}

export function writeReportSettings(settings: ReportSettings): void {
  storeProperty(documentProperties(), REPORT_SETTINGS, JSON.stringify(settings));
}

export function readLastRun(): LastRun | null {
  return parseStored(documentProperties().getProperty(LAST_RUN), lastRunSchema);
}

const SHEET_IDS = "openqr.reportSheetIds";

/** The report sheets' ids, remembered between runs (null when unknown or unreadable). */
export function readSheetIds(): SheetIds | null {
  return parseStored(documentProperties().getProperty(SHEET_IDS), sheetIdsSchema);
}

export function writeSheetIds(ids: SheetIds): void {
  storeProperty(documentProperties(), SHEET_IDS, JSON.stringify(ids));
}

export function writeLastRun(report: LastRun): void {
  storeProperty(documentProperties(), LAST_RUN, JSON.stringify(report));
}

export function readUserSchedule(spreadsheetId: string): UserSchedule {
  const stored = PropertiesService.getUserProperties().getProperty(scheduleKey(spreadsheetId));
  return parseStored(stored, userScheduleSchema) ?? { ...DEFAULT_SCHEDULE };
}

export function writeUserSchedule(spreadsheetId: string, schedule: UserSchedule): void {
  storeProperty(PropertiesService.getUserProperties(), scheduleKey(spreadsheetId), JSON.stringify(schedule));
}

/** The kind of the user's saved webhook for this file (never its URL), or null. */
export function savedWebhookKind(spreadsheetId: string): ChatKind | null {
  return readChatWebhook(spreadsheetId)?.kind ?? null;
}

/** "" removes the webhook. A new one has had no digest today, so the day's mark goes too. */
export function writeChatWebhook(spreadsheetId: string, url: string): void {
  const store = PropertiesService.getUserProperties();
  if ((store.getProperty(webhookKey(spreadsheetId)) ?? "") === url) return;
  if (url === "") store.deleteProperty(webhookKey(spreadsheetId));
  else storeProperty(store, webhookKey(spreadsheetId), url);
  // A new webhook gets the day's and the month's digests too.
  store.deleteProperty(digestDayKey(spreadsheetId));
  store.deleteProperty(digestMonthKey(spreadsheetId));
}

/** The webhook itself: only the refresh reads it, to post the digest. */
export function readChatWebhook(spreadsheetId: string): ChatDestination | null {
  return chatDestinationOf(PropertiesService.getUserProperties().getProperty(webhookKey(spreadsheetId)));
}

/** The digests posted once per period: the day's (YYYY-MM-DD) and the month's (YYYY-MM). */
export type DigestPeriod = "day" | "month";
const digestMarkKey: Record<DigestPeriod, (spreadsheetId: string) => string> = {
  day: digestDayKey,
  month: digestMonthKey,
};

/** The period whose digest this user's webhook already received (the day in the spreadsheet's zone). */
export function readDigestMark(spreadsheetId: string, period: DigestPeriod): string | null {
  return PropertiesService.getUserProperties().getProperty(digestMarkKey[period](spreadsheetId));
}

export function writeDigestMark(spreadsheetId: string, period: DigestPeriod, value: string): void {
  storeProperty(PropertiesService.getUserProperties(), digestMarkKey[period](spreadsheetId), value);
}

export function deleteDigestMark(spreadsheetId: string, period: DigestPeriod): void {
  PropertiesService.getUserProperties().deleteProperty(digestMarkKey[period](spreadsheetId));
}
