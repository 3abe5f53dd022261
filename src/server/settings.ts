/**
 * The sidebar's server functions (google.script.run, FULL mode) and the menu's Settings item.
 * Nothing returned here holds the API key or the Slack URL.
 */
import { keyHint } from "../openqr/api-key.ts";
import { OpenQRClient } from "../openqr/client.ts";
import {
  readOwnKey,
  readSharedFormulaKey,
  shareKeyWithFormulas,
  unshareKeyWithFormulas,
} from "../platform/key-store.ts";
import { installSchedule } from "../platform/schedule.ts";
import {
  activeSpreadsheetId,
  hasSlackWebhook,
  readLastRun,
  readReportSettings,
  readUserSchedule,
  writeReportSettings,
  writeSlackWebhook,
  writeUserSchedule,
} from "../platform/settings-store.ts";
import { spreadsheetTimeZone } from "../platform/spreadsheet-time.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { validateSettingsInput } from "../settings/validate.ts";
import { type CodeChoice, FIELD_LABELS, type Settings } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { asUserCall } from "./user-call.ts";

export const SIDEBAR_FILE = "Sidebar";
export const SIDEBAR_TITLE = "OpenQR Settings";
/** How long saving waits for another editor's save of the shared settings. */
const LOCK_WAIT_MS = 10_000;

export function showSettings(): void {
  asUserCall(() => {
    const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
    SpreadsheetApp.getUi().showSidebar(page);
  }, readOwnKey);
}

export function getSettings(): Settings {
  return asUserCall(currentSettings, readOwnKey);
}

function currentSettings(): Settings {
  const spreadsheetId = activeSpreadsheetId();
  const key = readOwnKey();
  const report = readReportSettings();
  const schedule = readUserSchedule(spreadsheetId);
  return {
    hasKey: key !== null,
    keyHint: key === null ? null : keyHint(key),
    formulasUseMyKey: key !== null && readSharedFormulaKey() === key,
    days: report.days,
    schedule: schedule.schedule,
    hour: schedule.hour,
    codes: report.codes,
    slackConfigured: hasSlackWebhook(spreadsheetId),
    lastRun: readLastRun(),
    timeZone: spreadsheetTimeZone(),
  };
}

export function saveSettings(input: unknown): Settings {
  return asUserCall(() => {
    const settings = validateSettingsInput(input);
    const key = readOwnKey();
    if (settings.formulasUseMyKey && key === null) {
      throw new UserError(`${FIELD_LABELS.formulasUseMyKey} needs a saved API key: save your key first.`);
    }
    const spreadsheetId = activeSpreadsheetId();
    const lock = LockService.getDocumentLock();
    if (!lock.tryLock(LOCK_WAIT_MS)) {
      throw new UserError(
        "Another editor is saving this file's OpenQR settings, or a refresh is running. Nothing was saved: try again in a minute.",
      );
    }
    try {
      writeReportSettings({ days: settings.days, codes: settings.codes });
      if (settings.formulasUseMyKey && key !== null) shareKeyWithFormulas(key);
      else if (key !== null && readSharedFormulaKey() === key) unshareKeyWithFormulas();
    } finally {
      lock.releaseLock();
    }
    if (settings.slackWebhookUrl !== undefined) writeSlackWebhook(spreadsheetId, settings.slackWebhookUrl);
    writeUserSchedule(spreadsheetId, { schedule: settings.schedule, hour: settings.hour });
    installSchedule(settings.schedule, settings.hour, spreadsheetTimeZone());
    return currentSettings();
  }, readOwnKey);
}

export function listCodeChoices(): CodeChoice[] {
  return asUserCall(() => {
    const key = readOwnKey();
    if (key === null) throw new UserError(`${FIELD_LABELS.apiKey} needed: save your OpenQR API key first.`);
    return new OpenQRClient(key, urlFetchTransport)
      .listCodes()
      .map((code) => ({ id: code.id, slug: code.slug, label: code.label ?? "" }));
  }, readOwnKey);
}
