/**
 * One post to a chat webhook (Slack's or Google Chat's), and what it came to: `outcome` in
 * words for the run report, and whether its failure may pass by itself (a rate limit, a
 * server error, the network, the day's fetch quota), so callers decide by `retry`, never by
 * the wording of `outcome.why`. The webhook URL is a secret like the API key: it appears in
 * no message, log or return value; a failure is told by the HTTP status and the chat's own
 * short error word only (docs/chat-webhooks.md).
 */
import { isQuotaStop } from "../shared/platform-signals.ts";
import { CHAT_LABELS, type ChatKind, type SlackOutcome } from "../shared/settings.ts";

export interface ChatPost {
  outcome: SlackOutcome;
  retry: boolean;
}

/** How one kind of chat takes a post and answers it. */
export interface ChatReplies {
  kind: ChatKind;
  contentType: string;
  /** What to do about a status, where the chat's documentation says what it means. */
  adviceByStatus: Readonly<Record<number, string>>;
  /** The chat's short error word in a reply body (no_service, PERMISSION_DENIED), or null. */
  wordOf(body: string): string | null;
}

/** Statuses whose failure may pass by itself: a rate limit and server errors. */
const passesByItself = (status: number): boolean => status === 429 || status >= 500;

export function postJson(webhookUrl: string, payload: unknown, replies: ChatReplies): ChatPost {
  const chat = replies.kind;
  const label = CHAT_LABELS[chat];
  const failed = (why: string, retry: boolean): ChatPost => ({
    outcome: { status: "failed", chat, why },
    retry,
  });
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(webhookUrl, {
      method: "post",
      contentType: replies.contentType,
      payload: JSON.stringify(payload),
      muteHttpExceptions: true,
      followRedirects: false,
    });
  } catch (error) {
    // The platform's own words are never shown: they may quote the webhook URL, a secret.
    return failed(
      isQuotaStop(error, "urlfetch")
        ? "Apps Script's daily URL fetch quota is used up; the next scheduled run tries again"
        : `could not reach ${label} (network error); the next scheduled run tries again`,
      true,
    );
  }
  const status = response.getResponseCode();
  if (status >= 200 && status < 300) return { outcome: { status: "posted", chat }, retry: false };
  const word = replies.wordOf(response.getContentText("UTF-8"));
  const advice =
    replies.adviceByStatus[status] ??
    (status >= 500
      ? `${label} had a server error; the next scheduled run tries again`
      : `${label} refused the message`);
  return failed(`HTTP ${status}${word ? ` ${word}` : ""}: ${advice}`, passesByItself(status));
}
