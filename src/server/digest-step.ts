/**
 * The chat digests a run posts after it has written the sheets: the day's, on the first
 * scheduled run of each day in the spreadsheet's time zone, and the month's, on the first
 * scheduled run of each month (once that month has ended in UTC too: OpenQR's days are UTC). The day (or month) is kept
 * before posting, so a digest is never posted twice; a failure that may pass by itself
 * (`retry`) leaves it open for the next scheduled run.
 */
import { postToChat } from "../platform/chat-webhook.ts";
import {
  type DigestPeriod,
  deleteDigestMark,
  readChatWebhook,
  readDigestMark,
  writeDigestMark,
} from "../platform/settings-store.ts";
import { todayIn } from "../platform/spreadsheet-time.ts";
import type { ChatMessage } from "../report/chat-message.ts";
import { dailyDigest } from "../report/daily-digest.ts";
import type { FleetDigest } from "../report/digest-data.ts";
import { dueMonth, monthlyDigest } from "../report/monthly-digest.ts";
import type { MonthlyDigestData } from "../report/monthly-digest-data.ts";
import type { ChatDestination } from "../settings/chat-webhook.ts";
import { CHAT_LABELS, type LastRun, type SlackOutcome } from "../shared/settings.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Apps Script stops a run at 6 minutes. A chat post may wait out UrlFetch's 60 s timeout,
 * so none starts after this much of a run: a run killed mid-post would record no report,
 * and the digest the chat did receive would be posted again by the next run.
 */
export const SLACK_LATEST_START_MS = 290_000;
export const SLACK_TOO_LATE = "this run had too little time left to post; the next scheduled run tries again";
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
  if (trigger === "manual")
    return { status: "not-due", why: `manual refreshes do not post to ${CHAT_LABELS[destination.kind]}` };
  const today = todayIn(spreadsheet.getSpreadsheetTimeZone());
  if (readDigestMark(spreadsheetId, "day") === today)
    return { status: "not-due", why: "today's digest was already posted" };
  return postOnce(
    { spreadsheetId, destination, period: "day", value: today, startedAt },
    SLACK_STORAGE_FULL,
    () =>
      dailyDigest({
        ...digest,
        spreadsheetName: spreadsheet.getName(),
        spreadsheetUrl: spreadsheet.getUrl(),
      }),
  );
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
): SlackOutcome | null {
  if (trigger === "manual" || data.codes.length === 0) return null;
  const destination = readChatWebhook(spreadsheetId);
  if (destination === null) return null;
  const localMonth = todayIn(spreadsheet.getSpreadsheetTimeZone()).slice(0, 7);
  const utcMonth = new Date().toISOString().slice(0, 7);
  if (dueMonth(localMonth, utcMonth) !== data.month || readDigestMark(spreadsheetId, "month") === data.month)
    return null;
  return postOnce(
    { spreadsheetId, destination, period: "month", value: data.month, startedAt },
    MONTHLY_STORAGE_FULL,
    () =>
      monthlyDigest({
        ...data,
        spreadsheetName: spreadsheet.getName(),
        spreadsheetUrl: spreadsheet.getUrl(),
      }),
  );
}

interface DueDigest {
  spreadsheetId: string;
  destination: ChatDestination;
  period: DigestPeriod;
  /** The day or month it is for, kept as posted. */
  value: string;
  startedAt: number;
}

/**
 * Posts a due digest once. Its period is kept before posting: a digest whose period could not
 * be kept would go out again every run. A failure that may pass by itself (`retry`) leaves the
 * period open, and so does a run with too little time left: the next scheduled run posts it.
 */
function postOnce(due: DueDigest, storageFull: string, message: () => ChatMessage): SlackOutcome {
  const chat = due.destination.kind;
  if (Date.now() - due.startedAt > SLACK_LATEST_START_MS)
    return { status: "failed", chat, why: SLACK_TOO_LATE };
  try {
    writeDigestMark(due.spreadsheetId, due.period, due.value);
  } catch {
    return { status: "failed", chat, why: storageFull };
  }
  const post = postToChat(due.destination, message());
  if (post.retry) deleteDigestMark(due.spreadsheetId, due.period);
  return post.outcome;
}
