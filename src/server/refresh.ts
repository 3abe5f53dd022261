/**
 * The refresh's entry points: refreshReports (the user's clock trigger) and refreshNow
 * (the menu item and the sidebar button). Both run the same refresh under the document
 * lock, record its report for the sidebar, and never let a failure lose sheet data: a run
 * that cannot go ahead (no key, lock busy, authorization needed) changes no sheet.
 */

import { redactKey } from "../openqr/api-key.ts";
import { SETTINGS_PATH } from "../openqr/errors.ts";
import { readOwnKey } from "../platform/key-store.ts";
import {
  deleteDigestDay,
  readDigestDay,
  readSlackWebhook,
  writeDigestDay,
  writeLastRun,
} from "../platform/settings-store.ts";
import { postToSlack, worthRetrying } from "../platform/slack-webhook.ts";
import { completedRun, failedRun, type RunTiming } from "../report/run-report.ts";
import { slackDigest } from "../report/slack-digest.ts";
import type { LastRun, SlackOutcome } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { NO_KEY_MESSAGE } from "./formula-data.ts";
import { type FleetDigest, type RefreshResult, refreshSheets } from "./refresh-run.ts";
import { asSidebarCall, userMessage } from "./user-call.ts";

export const REFRESH_BUSY = "A refresh is already running in this spreadsheet; try again in a minute.";
export const AUTHORIZATION_NEEDED = `Scheduled refreshes are paused: the add-on needs your permission again. Open ${SETTINGS_PATH} once to grant it.`;
/** "Tried briefly": a second run waiting minutes for the first would only run out of time. */
const LOCK_TRY_MS = 2000;
/**
 * Apps Script stops a run at 6 minutes. A Slack post may wait out UrlFetch's 60 s timeout,
 * so none starts after this much of a run: a run killed mid-post would record no report,
 * and the digest Slack did receive would be posted again by the next run.
 */
export const SLACK_LATEST_START_MS = 290_000;
export const SLACK_TOO_LATE = "this run had too little time left to post; the next scheduled run tries again";
export const SLACK_STORAGE_FULL =
  "not posted: Apps Script's storage for the add-on is full (500 KB), so the day's digest could not be marked as sent. Remove the add-on's schedule or Slack webhook in spreadsheets you no longer use";

type Trigger = LastRun["trigger"];
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The clock trigger's handler. It has no one to show an error to: the report is recorded instead. */
export function refreshReports(_event?: GoogleAppsScript.Events.TimeDriven): void {
  const report = runRefresh("scheduled");
  if (report) console.log(`OpenQR scheduled refresh: ${report.message}`);
}

export function refreshNow(): LastRun {
  // The menu's item too: there the mark is invisible.
  return asSidebarCall(() => {
    const report = runRefresh("manual");
    if (report === null) throw new UserError("Open a spreadsheet to refresh its OpenQR reports.");
    SpreadsheetApp.getActiveSpreadsheet().toast(toastText(report), "OpenQR");
    return report;
  }, readOwnKey);
}

function toastText(report: LastRun): string {
  if (!report.ok) return report.message;
  const failed = report.failed > 0 ? `, ${report.failed} failed` : "";
  const waiting = report.skippedForTime > 0 ? `, ${report.skippedForTime} waiting` : "";
  return `Refreshed ${report.refreshed} ${report.refreshed === 1 ? "code" : "codes"}${failed}${waiting}.`;
}

function authorizationRequired(): boolean {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  return info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
}

/** One run, recorded; null when there is no spreadsheet to refresh (logged). */
function runRefresh(trigger: Trigger): LastRun | null {
  const startedAt = Date.now();
  const timing = (): RunTiming => ({ finishedAt: Date.now(), trigger, durationMs: Date.now() - startedAt });
  // A trigger keeps firing after a grant expires, and fails at the first call needing it.
  if (trigger === "scheduled" && authorizationRequired())
    return recorded(failedRun(timing(), AUTHORIZATION_NEEDED));
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) {
    console.error("OpenQR refresh: no active spreadsheet in this run, so there is nothing to refresh.");
    return null;
  }
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_TRY_MS)) return recorded(failedRun(timing(), REFRESH_BUSY));

  const key = readOwnKey();
  let outcome: { result: RefreshResult } | { failure: string };
  try {
    outcome =
      key === null ? { failure: NO_KEY_MESSAGE } : { result: refreshSheets(spreadsheet, key, startedAt) };
  } catch (error) {
    const message = userMessage(error, key);
    if (!(error instanceof UserError))
      console.error(redactKey(error instanceof Error ? (error.stack ?? message) : message, key));
    outcome = { failure: message };
  } finally {
    lock.releaseLock();
  }
  if ("failure" in outcome) return recorded(failedRun(timing(), outcome.failure));
  // Posted after the lock is released: the sheets are written, and Slack may be slow.
  const slack = slackStep(spreadsheet, trigger, outcome.result.digest, startedAt);
  return recorded(completedRun(timing(), outcome.result.tally, slack));
}

function recorded(report: LastRun): LastRun {
  writeLastRun(report);
  return report;
}

/** The day's digest: on the first scheduled run of each day in the spreadsheet's zone. */
function slackStep(
  spreadsheet: Spreadsheet,
  trigger: Trigger,
  digest: FleetDigest,
  startedAt: number,
): SlackOutcome {
  const spreadsheetId = spreadsheet.getId();
  const webhook = readSlackWebhook(spreadsheetId);
  if (webhook === null) return { status: "not-due", why: "no Slack webhook saved" };
  if (trigger === "manual") return { status: "not-due", why: "manual refreshes do not post to Slack" };
  const today = Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
  if (readDigestDay(spreadsheetId) === today)
    return { status: "not-due", why: "today's digest was already posted" };
  // "tries again": worthRetrying keeps the day open for the next run.
  if (Date.now() - startedAt > SLACK_LATEST_START_MS) return { status: "failed", why: SLACK_TOO_LATE };
  // The day is kept before posting: a digest whose day could not be kept would go out again every run.
  try {
    writeDigestDay(spreadsheetId, today);
  } catch {
    return { status: "failed", why: SLACK_STORAGE_FULL };
  }
  const outcome = postToSlack(
    webhook,
    slackDigest({ ...digest, spreadsheetName: spreadsheet.getName(), spreadsheetUrl: spreadsheet.getUrl() }),
  );
  if (worthRetrying(outcome)) deleteDigestDay(spreadsheetId);
  return outcome;
}
