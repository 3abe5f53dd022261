/**
 * Posts a message to the user's Slack incoming webhook. The URL is a secret like the API
 * key: it appears in no message, log or return value; a failure is described by the HTTP
 * status and Slack's one-word reason only.
 */
import type { SlackPayload } from "../report/slack-render.ts";
import { isQuotaStop } from "../shared/platform-signals.ts";
import { type ChatPost, failedPost, passesByItself, posted } from "./chat-post.ts";

const ADVICE_BY_STATUS: Record<number, string> = {
  400: "Slack refused the message",
  403: "Slack does not allow posting to this channel",
  404: "the webhook was revoked or its channel is gone: save a new webhook URL in Settings",
  410: "the channel is archived: save a webhook for another channel in Settings",
  429: "Slack is limiting posts; the next scheduled run tries again",
};

export function postToSlack(webhookUrl: string, message: SlackPayload): ChatPost {
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(webhookUrl, {
      method: "post",
      contentType: "application/json",
      payload: JSON.stringify(message),
      muteHttpExceptions: true,
      followRedirects: false,
    });
  } catch (error) {
    // The platform's own words are never shown: they may quote the webhook URL, a secret.
    const why = isQuotaStop(error, "urlfetch")
      ? "Apps Script's daily URL fetch quota is used up; the next scheduled run tries again"
      : "could not reach Slack (network error); the next scheduled run tries again";
    return failedPost("slack", why, true);
  }
  const status = response.getResponseCode();
  if (status >= 200 && status < 300) return posted("slack");
  // Slack answers errors with one short word such as no_service; nothing else is repeated.
  const word = /^[a-z_]{1,40}$/.exec(response.getContentText("UTF-8").trim())?.[0];
  const advice =
    ADVICE_BY_STATUS[status] ??
    (status >= 500
      ? "Slack had a server error; the next scheduled run tries again"
      : "Slack refused the message");
  return failedPost("slack", `HTTP ${status}${word ? ` ${word}` : ""}: ${advice}`, passesByItself(status));
}
