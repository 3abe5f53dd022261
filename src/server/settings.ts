/**
 * The sidebar's server functions (google.script.run, FULL mode) and the menu's Settings item.
 * Nothing returned here holds the API key or the webhook's URL.
 */
import { type FormulaCost, formulaCost } from "../functions/formula-calls.ts";
import { keyHint } from "../openqr/api-key.ts";
import { OpenQRClient } from "../openqr/client.ts";
import { OpenQRError } from "../openqr/errors.ts";
import { readLastSuccess } from "../platform/alert-memory.ts";
import { activeSpreadsheet, documentLock } from "../platform/document-services.ts";
import { readFormulaCost, writeFormulaCost } from "../platform/formula-store.ts";
import {
  readOwnKey,
  readSharedFormulaKey,
  shareKeyWithFormulas,
  unshareKeyWithFormulas,
} from "../platform/key-store.ts";
import { installSchedule } from "../platform/schedule.ts";
import { readScheduleFailure } from "../platform/schedule-memory.ts";
import {
  activeSpreadsheetId,
  readLastRun,
  readReportSettings,
  readUserSchedule,
  savedWebhookKind,
  writeChatWebhook,
  writeReportSettings,
  writeUserSchedule,
} from "../platform/settings-store.ts";
import { spreadsheetTimeZone } from "../platform/spreadsheet-time.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { staleReport } from "../report/staleness.ts";
import { planSchedule } from "../settings/schedule-plan.ts";
import { validateSettingsInput } from "../settings/validate.ts";
import { SIDEBAR_TITLE } from "../shared/addon-menu.ts";
import {
  type CodeChoice,
  FIELD_LABELS,
  type LastRun,
  type Schedule,
  type SchedulePlan,
  type Settings,
} from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { addOnFormulas } from "../sheets/formula-cells.ts";
import { asSidebarCall, asUserCall } from "./user-call.ts";

export const SIDEBAR_FILE = "Sidebar";
/** How long saving waits for another editor's save of the shared settings. */
const LOCK_WAIT_MS = 10_000;

export function showSettings(): void {
  asUserCall(() => {
    const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
    SpreadsheetApp.getUi().showSidebar(page);
  }, readOwnKey);
}

export function getSettings(): Settings {
  return asSidebarCall(currentSettings, readOwnKey);
}

function currentSettings(): Settings {
  const spreadsheetId = activeSpreadsheetId();
  const key = readOwnKey();
  const report = readReportSettings();
  const schedule = readUserSchedule(spreadsheetId);
  const lastRun = readLastRun();
  const latest = latestOf(lastRun, readScheduleFailure(spreadsheetId));
  const lastSuccess = readLastSuccess() ?? (lastRun?.ok ? lastRun.time : null);
  return {
    hasKey: key !== null,
    keyHint: key === null ? null : keyHint(key),
    formulasUseMyKey: key !== null && readSharedFormulaKey() === key,
    days: report.days,
    schedule: schedule.schedule,
    hour: schedule.hour,
    codes: report.codes,
    webhookKind: savedWebhookKind(spreadsheetId),
    refreshFormulas: schedule.refreshFormulas,
    lastRun: latest,
    timeZone: spreadsheetTimeZone(),
    // From the saved settings and the last run only: opening the sidebar lists nothing.
    schedulePlan: schedulePlanFor(
      { schedule: schedule.schedule, codes: report.codes },
      lastRun,
      report.codes === "all",
      key,
      false,
      // Counted at the last formula refresh (or save): opening the sidebar searches nothing.
      schedule.refreshFormulas ? readFormulaCost() : undefined,
    ),
    stale: staleReport(schedule.schedule, lastSuccess, latest, Date.now()),
  };
}

/**
 * The report the sidebar shows: the file's last run, or this user's schedule failing to
 * reach the file (kept in their own properties) when that is newer.
 */
function latestOf(lastRun: LastRun | null, scheduleFailure: LastRun | null): LastRun | null {
  if (scheduleFailure === null) return lastRun;
  if (lastRun === null) return scheduleFailure;
  return scheduleFailure.time > lastRun.time ? scheduleFailure : lastRun;
}

export function saveSettings(input: unknown): Settings {
  return asSidebarCall(() => {
    const settings = validateSettingsInput(input);
    const key = readOwnKey();
    if (settings.formulasUseMyKey && key === null) {
      throw new UserError(`${FIELD_LABELS.formulasUseMyKey} needs a saved API key: save your key first.`);
    }
    const spreadsheetId = activeSpreadsheetId();
    const lock = documentLock();
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
    if (settings.slackWebhookUrl !== undefined) writeChatWebhook(spreadsheetId, settings.slackWebhookUrl);
    const refreshFormulas = settings.refreshFormulas ?? readUserSchedule(spreadsheetId).refreshFormulas;
    // Counted now, so the saved plan includes them before the first scheduled run.
    if (refreshFormulas) writeFormulaCost(countFormulas());
    writeUserSchedule(spreadsheetId, { schedule: settings.schedule, hour: settings.hour, refreshFormulas });
    installSchedule(settings.schedule, settings.hour, spreadsheetTimeZone());
    return currentSettings();
  }, readOwnKey);
}

export function listCodeChoices(): CodeChoice[] {
  return asSidebarCall(() => {
    const key = readOwnKey();
    if (key === null) throw new UserError(`${FIELD_LABELS.apiKey} needed: save your OpenQR API key first.`);
    return new OpenQRClient(key, urlFetchTransport)
      .listCodes()
      .map((code) => ({ id: code.id, slug: code.slug, label: code.label ?? "" }));
  }, readOwnKey);
}

/**
 * What a schedule for these settings would cost a day (the sidebar asks before saving).
 * Takes what saveSettings takes and validates it alike; saves nothing. Counting "all"
 * codes with no usable last run lists them once, with the user's key.
 */
export function estimateSchedule(input: unknown): SchedulePlan {
  return asSidebarCall(() => {
    const settings = validateSettingsInput(input);
    const savedCodes = readReportSettings().codes;
    // What the form says: without the box, formulas are not counted.
    const formulas = settings.refreshFormulas === true ? countFormulas() : undefined;
    return schedulePlanFor(settings, readLastRun(), savedCodes === "all", readOwnKey(), true, formulas);
  }, readOwnKey);
}

/** What recalculating the spreadsheet's OPENQR_ formulas costs, searched now. */
function countFormulas(): FormulaCost {
  return formulaCost(addOnFormulas(activeSpreadsheet()));
}

/** A finished run's numbers (its counts are whole: the stored report is parsed by lastRunSchema). */
function countsOf(lastRun: LastRun | null): { codes: number; secondsPerCode: number | null } | null {
  if (lastRun === null || !lastRun.ok) return null;
  const { refreshed, failed, skippedForTime, durationSeconds } = lastRun;
  const tried = refreshed + failed;
  const measured = durationSeconds > 0 && tried > 0;
  return {
    codes: tried + skippedForTime,
    secondsPerCode: measured ? durationSeconds / tried : null,
  };
}

/**
 * The plan for a schedule and a codes choice: a chosen list is its length; "all" is the
 * last run's count when that run covered all codes (`runCoveredAll`: the saved settings
 * say "all"), else (when `mayList`, a key is saved and the schedule is on) one listing of
 * the account's codes. The last run's seconds per code stand for any choice of codes.
 * `formulas`: the formula cells refreshed after each run (absent: not opted in).
 */
function schedulePlanFor(
  { schedule, codes }: { schedule: Schedule; codes: "all" | string[] },
  lastRun: LastRun | null,
  runCoveredAll: boolean,
  key: string | null,
  mayList: boolean,
  formulas?: FormulaCost | null,
): SchedulePlan {
  const run = countsOf(lastRun);
  let count: number | null = codes !== "all" ? codes.length : runCoveredAll && run ? run.codes : null;
  if (count === null && mayList && key !== null && schedule !== "off") {
    try {
      count = new OpenQRClient(key, urlFetchTransport).listCodes().length;
    } catch (error) {
      if (!(error instanceof OpenQRError)) throw error;
      throw new UserError(`Could not count your OpenQR codes to estimate the schedule. ${error.message}`);
    }
  }
  return planSchedule({
    schedule,
    codes: count,
    allCodes: codes === "all",
    secondsPerCode: run?.secondsPerCode ?? null,
    unknownBecause: key === null ? "no-key" : "not-counted",
    ...(formulas !== undefined ? { formulas } : {}),
  });
}
