/**
 * The refresh's entry points: refreshReports (the user's clock trigger) and refreshNow
 * (the menu item and the sidebar button). Both run the same refresh under the document
 * lock, record its report for the sidebar, and never let a failure lose sheet data: a run
 * that cannot go ahead (no key, lock busy, authorization needed) changes no sheet.
 */

import { postToChat } from "../platform/chat-webhook.ts";
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
import {
  deleteDigestDay,
  readChatWebhook,
  readDigestDay,
  writeDigestDay,
  writeLastRun,
} from "../platform/settings-store.ts";
import { todayIn } from "../platform/spreadsheet-time.ts";
import { dailyDigest } from "../report/daily-digest.ts";
import type { FleetDigest } from "../report/digest-data.ts";
import { completedRun, failedRun, type RunTiming } from "../report/run-report.ts";
import { SETTINGS_PATH } from "../shared/addon-menu.ts";
import { messageOf } from "../shared/platform-signals.ts";
import { CHAT_LABELS, type LastRun, type SlackOutcome } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { loggedRun } from "../sheets/run-log-sheet.ts";
import { NO_KEY_MESSAGE } from "./formula-data.ts";
import { withScheduledFormulas } from "./formula-refresh.ts";
import { type RefreshResult, refreshSheets } from "./refresh-run.ts";
import { asSidebarCall, failureMessage } from "./user-call.ts";

export const REFRESH_BUSY = "A refresh is already running in this spreadsheet; try again in a minute.";
export const AUTHORIZATION_NEEDED = `Scheduled refreshes are paused: the add-on needs your permission again. Open ${SETTINGS_PATH} once to grant it.`;
/** "Tried briefly": a second run waiting minutes for the first would only run out of time. */
const LOCK_TRY_MS = 2000;
/**
 * Apps Script stops a run at 6 minutes. A chat post may wait out UrlFetch's 60 s timeout,
 * so none starts after this much of a run: a run killed mid-post would record no report,
 * and the digest the chat did receive would be posted again by the next run.
 */
export const SLACK_LATEST_START_MS = 290_000;
export const SLACK_TOO_LATE = "this run had too little time left to post; the next scheduled run tries again";
export const SLACK_STORAGE_FULL =
  "not posted: Apps Script's storage for the add-on is full (500 KB), so the day's digest could not be marked as sent. Remove the add-on's schedule or webhook in spreadsheets you no longer use";

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
    const paused = failedRun(timing(), AUTHORIZATION_NEEDED);
    if (documentPropertiesOrNull() !== null) return recorded(paused);
    return keptForSchedule(home.spreadsheetId, paused);
  }
  const spreadsheet = activeSpreadsheetOrNull();
  const here = spreadsheet === null ? null : spreadsheet.getId();
  if (here !== null && home.spreadsheetId !== null && here !== home.spreadsheetId) {
    return keptForSchedule(home.spreadsheetId, failedRun(timing(), SCHEDULE_IN_OTHER_FILE));
  }
  const document = spreadsheet === null ? null : openDocument(spreadsheet);
  if (document === null || here === null) {
    return keptForSchedule(home.spreadsheetId ?? here, failedRun(timing(), SCHEDULE_WITHOUT_DOCUMENT));
  }
  // A trigger saved before ids were remembered is adopted by the file it runs in.
  if (home.spreadsheetId === null && triggerId !== null && rememberedTriggerId(here) === null)
    rememberTrigger(here, triggerId);
  if (home.failureKept) clearScheduleFailure(here);
  return runRefresh("scheduled", document, startedAt);
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
function runRefresh(trigger: Trigger, { spreadsheet, lock }: OpenDocument, startedAt: number): LastRun {
  const timing = timingFrom(startedAt, trigger);
  if (!lock.tryLock(LOCK_TRY_MS)) return loggedRun(spreadsheet, recorded(failedRun(timing(), REFRESH_BUSY)));

  const key = readOwnKey();
  let outcome: { result: RefreshResult } | { failure: string };
  try {
    outcome =
      key === null ? { failure: NO_KEY_MESSAGE } : { result: refreshSheets(spreadsheet, key, startedAt) };
  } catch (error) {
    outcome = { failure: failureMessage(error, key) };
  } finally {
    lock.releaseLock();
  }
  if ("failure" in outcome) return loggedRun(spreadsheet, recorded(failedRun(timing(), outcome.failure)));
  // Posted after the lock is released: the sheets are written, and the chat may be slow.
  const slack = slackStep(spreadsheet, trigger, outcome.result.digest, startedAt);
  const report = completedRun(timing(), outcome.result.tally, slack);
  // Last: a pass stopped by the time limit loses nothing (its formulas are journaled).
  const final =
    trigger === "scheduled" ? withScheduledFormulas(report, { spreadsheet, lock }, startedAt) : report;
  // The run log after the report is recorded: its failure only adds a note.
  return loggedRun(spreadsheet, recorded(final));
}

function recorded(report: LastRun): LastRun {
  writeLastRun(report);
  return report;
}

/** The day's digest, to Slack or Google Chat: on the first scheduled run of each day in the sheet's zone. */
function slackStep(
  spreadsheet: Spreadsheet,
  trigger: Trigger,
  digest: FleetDigest,
  startedAt: number,
): SlackOutcome {
  const spreadsheetId = spreadsheet.getId();
  const destination = readChatWebhook(spreadsheetId);
  if (destination === null) return { status: "not-due", why: "no webhook saved" };
  const chat = destination.kind;
  if (trigger === "manual")
    return { status: "not-due", why: `manual refreshes do not post to ${CHAT_LABELS[chat]}` };
  const today = todayIn(spreadsheet.getSpreadsheetTimeZone());
  if (readDigestDay(spreadsheetId) === today)
    return { status: "not-due", why: "today's digest was already posted" };
  // Before the day is kept, so the next run tries again.
  if (Date.now() - startedAt > SLACK_LATEST_START_MS) return { status: "failed", chat, why: SLACK_TOO_LATE };
  // The day is kept before posting: a digest whose day could not be kept would go out again every run.
  try {
    writeDigestDay(spreadsheetId, today);
  } catch {
    return { status: "failed", chat, why: SLACK_STORAGE_FULL };
  }
  const post = postToChat(
    destination,
    dailyDigest({ ...digest, spreadsheetName: spreadsheet.getName(), spreadsheetUrl: spreadsheet.getUrl() }),
  );
  // A failure that may pass by itself leaves the day open: the next scheduled run posts it.
  if (post.retry) deleteDigestDay(spreadsheetId);
  return post.outcome;
}
