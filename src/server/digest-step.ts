/**
 * The chat digests a run posts after it has written the sheets: the day's, on the first
 * scheduled run of each day in the spreadsheet's time zone, and the month's, on the first
 * scheduled run of each month (once that month has ended in UTC too: OpenQR's days are UTC). The day (or month) is kept
 * before posting, so a digest is never posted twice; a failure that may pass by itself
 * (`retry`) leaves it open for the next scheduled run.
 */
import { postToChat } from "../platform/chat-webhook.ts";
import {
  deleteDigestDay,
  deleteDigestMonth,
  readChatWebhook,
  readDigestDay,
  readDigestMonth,
  writeDigestDay,
  writeDigestMonth,
} from "../platform/settings-store.ts";
import { todayIn } from "../platform/spreadsheet-time.ts";
import { dailyDigest } from "../report/daily-digest.ts";
import type { FleetDigest } from "../report/digest-data.ts";
import { dueMonth, monthlyDigest } from "../report/monthly-digest.ts";
import type { MonthlyDigestData } from "../report/monthly-digest-data.ts";
import { CHAT_LABELS, type LastRun, type SlackOutcome } from "../shared/settings.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Apps Script stops a run at 6 minutes. A chat post may wait out UrlFetch's 60 s timeout,
 * so none starts after this much of a run: a run killed mid-post would record no report,
 * and the digest the chat did receive would be posted again by the next run.
 */
export const SLACK_LATEST_START_MS = 290_000;
export const SLACK_TOO_LATE = "this run had too little time left to post; the next scheduled run tries again";
/** A chat space takes about a message a second (docs/chat-webhooks.md): a second post waits this long. */
export const CHAT_POST_SPACING_MS = 1_100;
export const MONTHLY_STORAGE_FULL =
  "not posted: Apps Script's storage for the add-on is full (500 KB), so the month's digest could not be marked as sent. Remove the add-on's schedule or webhook in spreadsheets you no longer use";
export const SLACK_STORAGE_FULL =
  "not posted: Apps Script's storage for the add-on is full (500 KB), so the day's digest could not be marked as sent. Remove the add-on's schedule or webhook in spreadsheets you no longer use";

/** The day's digest, to Slack or Google Chat: on the first scheduled run of each day in the sheet's zone. */
export function dailyDigestStep(
  spreadsheet: Spreadsheet,
  spreadsheetId: string,
  trigger: LastRun["trigger"],
  digest: FleetDigest,
  startedAt: number,
): SlackOutcome {
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

/**
 * The month's digest, or null when none is due: a manual run, no webhook, a month whose
 * digest already went out, or a month OpenQR Monthly holds no row of.
 */
export function monthlyDigestStep(
  spreadsheet: Spreadsheet,
  spreadsheetId: string,
  trigger: LastRun["trigger"],
  data: MonthlyDigestData,
  startedAt: number,
  /** The day's digest was just sent to the same webhook. */
  afterAnotherPost: boolean,
): SlackOutcome | null {
  if (trigger === "manual" || data.codes.length === 0) return null;
  const destination = readChatWebhook(spreadsheetId);
  if (destination === null) return null;
  const localMonth = todayIn(spreadsheet.getSpreadsheetTimeZone()).slice(0, 7);
  const utcMonth = new Date().toISOString().slice(0, 7);
  if (dueMonth(localMonth, utcMonth) !== data.month || readDigestMonth(spreadsheetId) === data.month)
    return null;
  const chat = destination.kind;
  if (Date.now() - startedAt > SLACK_LATEST_START_MS) return { status: "failed", chat, why: SLACK_TOO_LATE };
  try {
    writeDigestMonth(spreadsheetId, data.month);
  } catch {
    return { status: "failed", chat, why: MONTHLY_STORAGE_FULL };
  }
  if (afterAnotherPost) Utilities.sleep(CHAT_POST_SPACING_MS);
  const post = postToChat(
    destination,
    monthlyDigest({ ...data, spreadsheetName: spreadsheet.getName(), spreadsheetUrl: spreadsheet.getUrl() }),
  );
  if (post.retry) deleteDigestMonth(spreadsheetId);
  return post.outcome;
}
