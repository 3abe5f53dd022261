/**
 * Posts a message to the user's Google Chat incoming webhook (docs/chat-webhooks.md). The
 * URL, key and token included, is a secret like the API key: it appears in no message, log
 * or return value; a failure is described by the HTTP status and Google's status word only.
 */
import type { GoogleChatPayload } from "../report/google-chat-render.ts";
import { isQuotaStop } from "../shared/platform-signals.ts";
import { type ChatPost, failedPost, passesByItself, posted } from "./chat-post.ts";

const ADVICE_BY_STATUS: Record<number, string> = {
  400: "Google Chat refused the message",
  403: "Google Chat does not let this webhook post (it was deleted, or webhooks are turned off for your organisation): save a new webhook URL in Settings",
  404: "the webhook or its space is gone: save a new webhook URL in Settings",
  429: "Google Chat is limiting posts; the next scheduled run tries again",
};

export function postToGoogleChat(webhookUrl: string, message: GoogleChatPayload): ChatPost {
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(webhookUrl, {
      method: "post",
      contentType: "application/json; charset=UTF-8",
      payload: JSON.stringify(message),
      muteHttpExceptions: true,
      followRedirects: false,
    });
  } catch (error) {
    // The platform's own words are never shown: they may quote the webhook URL, a secret.
    const why = isQuotaStop(error, "urlfetch")
      ? "Apps Script's daily URL fetch quota is used up; the next scheduled run tries again"
      : "could not reach Google Chat (network error); the next scheduled run tries again";
    return failedPost("google-chat", why, true);
  }
  const status = response.getResponseCode();
  if (status >= 200 && status < 300) return posted("google-chat");
  const word = statusWord(response.getContentText("UTF-8"));
  const advice =
    ADVICE_BY_STATUS[status] ??
    (status >= 500
      ? "Google Chat had a server error; the next scheduled run tries again"
      : "Google Chat refused the message");
  return failedPost(
    "google-chat",
    `HTTP ${status}${word ? ` ${word}` : ""}: ${advice}`,
    passesByItself(status),
  );
}

/**
 * Google's status word (PERMISSION_DENIED) from its JSON error; its message is not repeated:
 * it is English prose that may change, and could quote the request.
 */
function statusWord(body: string): string | null {
  try {
    const status = (JSON.parse(body) as { error?: { status?: unknown } } | null)?.error?.status;
    return typeof status === "string" && /^[A-Z_]{1,40}$/.test(status) ? status : null;
  } catch {
    return null;
  }
}
