/**
 * A scheduled run's alert step (docs/alerts.md): the streak kept for this user and
 * spreadsheet decides (src/report/schedule-alerts.ts) whether its failure, or its recovery,
 * goes to the user's chat webhook. Called for scheduled runs only, never for a custom
 * function or a manual run. Never fails the run: what came of it is returned for the report.
 */
import { readAlertState, timeInZone, writeAlertState } from "../platform/alert-memory.ts";
import { postToChat } from "../platform/chat-webhook.ts";
import { readChatWebhook } from "../platform/settings-store.ts";
import { scheduleAlert } from "../report/schedule-alert-message.ts";
import { type AlertState, alertStep, markAlerted } from "../report/schedule-alerts.ts";
import { messageOf } from "../shared/platform-signals.ts";
import type { LastRun, SlackOutcome } from "../shared/settings.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Why an alert could not go out while the grant has lapsed: UrlFetch needs the grant too. */
export const ALERT_NEEDS_PERMISSION =
  "not posted: without the add-on's permission Apps Script cannot reach the webhook; the sidebar shows the failure";
export const ALERT_STORAGE_FULL =
  "not posted: Apps Script's storage for the add-on is full (500 KB), so the alert could not be remembered";

export interface AlertContext {
  spreadsheetId: string;
  /** Null when the run could not open the spreadsheet. */
  spreadsheet: Spreadsheet | null;
  /** The spreadsheet's time zone (asked only when a message is written). */
  timeZone: () => string;
  /** False when too little of the run's time is left to wait on a webhook. */
  mayPost: boolean;
}

/** The report with what came of its alert (unchanged when none was due). */
export function withScheduleAlert(report: LastRun, context: AlertContext): LastRun {
  try {
    const alert = alertFor(report, context);
    return alert === null ? report : { ...report, alert };
  } catch (error) {
    // The run's own report matters more than its alert: it is kept, and the log says why.
    console.error(`OpenQR schedule alert: not posted (${messageOf(error)})`);
    return report;
  }
}

function alertFor(report: LastRun, context: AlertContext): SlackOutcome | null {
  const { spreadsheetId } = context;
  const now = Date.parse(report.time);
  const before = readAlertState(spreadsheetId);
  const outcome = report.ok
    ? ({ ok: true } as const)
    : ({ ok: false, cause: report.failure?.cause ?? "other" } as const);
  const step = alertStep(before, outcome, now);
  if (step.post === null) {
    if (step.state !== before) writeAlertState(spreadsheetId, step.state);
    return null;
  }
  const destination = readChatWebhook(spreadsheetId);
  const keep = (state: AlertState | null): boolean => {
    try {
      writeAlertState(spreadsheetId, state);
      return true;
    } catch {
      return false;
    }
  };
  if (destination === null) {
    keep(step.state);
    return { status: "not-due", why: "no webhook saved" };
  }
  const chat = destination.kind;
  if (step.post.kind === "failure" && step.post.cause === "authorization") {
    // Not marked as alerted: once permission is granted, the streak ends or alerts.
    keep(step.state);
    return { status: "failed", chat, why: ALERT_NEEDS_PERMISSION };
  }
  if (!context.mayPost) {
    // The streak as it was, plus this run: the next run posts what is due.
    if (step.state !== null) keep(step.state);
    return {
      status: "failed",
      chat,
      why: "this run had too little time left to post; the next scheduled run tries again",
    };
  }
  // Kept as told before posting, so a run stopped mid-post does not tell it twice.
  const told = step.state === null ? null : markAlerted(step.state, now);
  if (!keep(told)) return { status: "failed", chat, why: ALERT_STORAGE_FULL };
  const spreadsheet = context.spreadsheet;
  const post = postToChat(
    destination,
    scheduleAlert({
      post: step.post,
      spreadsheetName: spreadsheet === null ? null : spreadsheet.getName(),
      spreadsheetUrl:
        spreadsheet === null
          ? `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`
          : spreadsheet.getUrl(),
      sinceText: timeInZone(step.post.since, context.timeZone()),
    }),
  );
  // A failure that may pass by itself leaves the message due: the next scheduled run posts it.
  if (post.retry) keep(step.state === null ? before : step.state);
  return post.outcome;
}
