/**
 * The refresh's entry points: refreshReports (the user's clock trigger) and refreshNow
 * (the menu item and the sidebar button). Both run the same refresh under the document
 * lock, record its report for the sidebar, and never let a failure lose sheet data: a run
 * that cannot go ahead (no key, lock busy, authorization needed) changes no sheet.
 */

import { writeLastSuccess } from "../platform/alert-memory.ts";
import {
  activeSpreadsheetOrNull,
  documentLock,
  documentPropertiesOrNull,
  type OpenDocument,
  openDocument,
} from "../platform/document-services.ts";
import { readOwnKey } from "../platform/key-store.ts";
import { authorizationLapsed } from "../platform/platform-errors.ts";
import {
  clearScheduleFailure,
  keepScheduleFailure,
  rememberedTriggerId,
  rememberTrigger,
  triggerHome,
} from "../platform/schedule-memory.ts";
import { writeLastRun } from "../platform/settings-store.ts";
import { spreadsheetTimeZone } from "../platform/spreadsheet-time.ts";
import { completedRun, failedRun, type RunTiming } from "../report/run-report.ts";
import { SETTINGS_PATH } from "../shared/addon-menu.ts";
import { messageOf } from "../shared/platform-signals.ts";
import type { FailureCause, LastRun } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { loggedRun } from "../sheets/run-log-sheet.ts";
import { dailyDigestStep, monthlyDigestStep, SLACK_LATEST_START_MS } from "./digest-step.ts";
import { failureCauseOf } from "./failure-cause.ts";
import { NO_KEY_MESSAGE } from "./formula-data.ts";
import { withScheduledFormulas } from "./formula-refresh.ts";
import { type RefreshResult, refreshSheets } from "./refresh-run.ts";
import { withScheduleAlert } from "./schedule-alert.ts";
import { asSidebarCall, failureMessage } from "./user-call.ts";

export const REFRESH_BUSY = "A refresh is already running in this spreadsheet; try again in a minute.";
export const AUTHORIZATION_NEEDED = `Scheduled refreshes are paused: the add-on needs your permission again. Open ${SETTINGS_PATH} once to grant it.`;
/** "Tried briefly": a second run waiting minutes for the first would only run out of time. */
const LOCK_TRY_MS = 2000;

/** The schedule ran without the spreadsheet (the platform may not give a clock trigger its document). */
export const SCHEDULE_WITHOUT_DOCUMENT =
  "The scheduled refresh could not open this spreadsheet: Apps Script ran it without access to the file, so nothing was refreshed. Use Refresh now; if this keeps happening, turn the schedule off.";
/** The schedule ran in another file than the one it was saved in. */
export const SCHEDULE_IN_OTHER_FILE =
  "The schedule saved for this spreadsheet ran in another file, so nothing was refreshed. Save the schedule again in Settings to recreate it.";

type Trigger = LastRun["trigger"];
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The clock trigger's handler. It has no one to show an error to: the report is recorded instead. */
export function refreshReports(event?: GoogleAppsScript.Events.TimeDriven): void {
  const triggerId = typeof event?.triggerUid === "string" ? event.triggerUid : null;
  const report = scheduledRefresh(triggerId, Date.now());
  if (report) console.log(`OpenQR scheduled refresh: ${report.message}`);
}

export function refreshNow(): LastRun {
  // The menu's item too: there the mark is invisible.
  return asSidebarCall(() => {
    const spreadsheet = activeSpreadsheetOrNull();
    if (spreadsheet === null) throw new UserError("Open a spreadsheet to refresh its OpenQR reports.");
    const report = runRefresh("manual", { spreadsheet, lock: documentLock() }, Date.now());
    spreadsheet.toast(toastText(report), "OpenQR");
    return report;
  }, readOwnKey);
}

function toastText(report: LastRun): string {
  if (!report.ok) return report.message;
  const failed = report.failed > 0 ? `, ${report.failed} failed` : "";
  const waiting = report.skippedForTime > 0 ? `, ${report.skippedForTime} waiting` : "";
  return `Refreshed ${report.refreshed} ${report.refreshed === 1 ? "code" : "codes"}${failed}${waiting}.`;
}

const timingFrom = (startedAt: number, trigger: Trigger) => (): RunTiming => ({
  finishedAt: Date.now(),
  trigger,
  durationMs: Date.now() - startedAt,
});

/**
 * A run of the user's clock trigger. Its unique id tells which spreadsheet it was saved
 * in; a run that finds no document, or another file, refreshes nothing and keeps its
 * failure in the user's properties, where that spreadsheet's sidebar shows it. Null when
 * there is nowhere to record it (logged).
 */
function scheduledRefresh(triggerId: string | null, startedAt: number): LastRun | null {
  const timing = timingFrom(startedAt, "scheduled");
  const home = triggerHome(triggerId);
  // A trigger keeps firing after a grant expires, and fails at the first call needing it.
  if (authorizationLapsed() === true) {
    const paused = alerted(
      failedRun(timing(), AUTHORIZATION_NEEDED, "authorization"),
      home.spreadsheetId,
      null,
    );
    if (documentPropertiesOrNull() !== null) return recorded(paused);
    return keptForSchedule(home.spreadsheetId, paused);
  }
  const spreadsheet = activeSpreadsheetOrNull();
  const here = spreadsheet === null ? null : spreadsheet.getId();
  if (here !== null && home.spreadsheetId !== null && here !== home.spreadsheetId) {
    const elsewhere = failedRun(timing(), SCHEDULE_IN_OTHER_FILE, "document-unavailable");
    return keptForSchedule(home.spreadsheetId, alerted(elsewhere, home.spreadsheetId, null));
  }
  const document = spreadsheet === null ? null : openDocument(spreadsheet);
  if (document === null || here === null) {
    const fileless = failedRun(timing(), SCHEDULE_WITHOUT_DOCUMENT, "document-unavailable");
    return keptForSchedule(home.spreadsheetId ?? here, alerted(fileless, home.spreadsheetId ?? here, null));
  }
  // A trigger saved before ids were remembered is adopted by the file it runs in.
  if (home.spreadsheetId === null && triggerId !== null && rememberedTriggerId(here) === null)
    rememberTrigger(here, triggerId);
  if (home.failureKept) clearScheduleFailure(here);
  return runRefresh("scheduled", document, startedAt, here);
}

/** A scheduled run's report with its alert step (src/server/schedule-alert.ts) done, when its file is known. */
function alerted(
  report: LastRun,
  spreadsheetId: string | null,
  spreadsheet: Spreadsheet | null,
  startedAt?: number,
): LastRun {
  if (spreadsheetId === null) return report;
  const timeZone = () =>
    spreadsheet === null ? spreadsheetTimeZone() : spreadsheet.getSpreadsheetTimeZone();
  const mayPost = startedAt === undefined || Date.now() - startedAt <= SLACK_LATEST_START_MS;
  return withScheduleAlert(report, { spreadsheetId, spreadsheet, timeZone, mayPost });
}

/** Keeps a scheduled run's failure for its spreadsheet in the user's properties. */
function keptForSchedule(spreadsheetId: string | null, report: LastRun): LastRun | null {
  if (spreadsheetId === null) {
    console.error(`OpenQR scheduled refresh: ${report.message} (no spreadsheet is known for this trigger)`);
    return null;
  }
  try {
    keepScheduleFailure(spreadsheetId, report);
  } catch (error) {
    // Thrown on, so the execution fails visibly; the log says what could not be kept.
    console.error(
      `OpenQR scheduled refresh: ${report.message} (not kept for the sidebar: ${messageOf(error)})`,
    );
    throw error;
  }
  return report;
}

/** One run in an open document, recorded in its properties. */
function runRefresh(
  trigger: Trigger,
  { spreadsheet, lock }: OpenDocument,
  startedAt: number,
  /** The spreadsheet's id, when the caller has asked already. */
  knownId: string | null = null,
): LastRun {
  const timing = timingFrom(startedAt, trigger);
  // Only the schedule alerts (never a manual run, never a custom function). The run log
  // comes after the report is recorded: its failure only adds a note.
  // Asked once, and only when a step needs it (a busy manual run needs none).
  let id = knownId;
  const idOf = () => (id ??= spreadsheet.getId());
  const reported = (report: LastRun) =>
    loggedRun(
      spreadsheet,
      recorded(trigger === "scheduled" ? alerted(report, idOf(), spreadsheet, startedAt) : report),
    );
  if (!lock.tryLock(LOCK_TRY_MS)) return reported(failedRun(timing(), REFRESH_BUSY, "busy"));

  const key = readOwnKey();
  let outcome: { result: RefreshResult } | { failure: string; cause: FailureCause };
  try {
    outcome =
      key === null
        ? { failure: NO_KEY_MESSAGE, cause: "no-key" }
        : { result: refreshSheets(spreadsheet, key, startedAt) };
  } catch (error) {
    outcome = { failure: failureMessage(error, key), cause: failureCauseOf(error) };
  } finally {
    lock.releaseLock();
  }
  if ("failure" in outcome) return reported(failedRun(timing(), outcome.failure, outcome.cause));
  // Posted after the lock is released: the sheets are written, and the chat may be slow.
  const slack = dailyDigestStep(spreadsheet, idOf(), trigger, outcome.result.digest, startedAt);
  const monthly = monthlyDigestStep(spreadsheet, idOf(), trigger, outcome.result.monthlyDigest, startedAt);
  const completed = completedRun(timing(), outcome.result.tally, slack);
  const report = monthly === null ? completed : { ...completed, monthlyDigest: monthly };
  // Last: a pass stopped by the time limit loses nothing (its formulas are journaled).
  return reported(
    trigger === "scheduled" ? withScheduledFormulas(report, { spreadsheet, lock }, startedAt) : report,
  );
}

function recorded(report: LastRun): LastRun {
  writeLastRun(report);
  if (report.ok) writeLastSuccess(report.time);
  return report;
}
