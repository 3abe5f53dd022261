/**
 * Posts a message to the user's Google Chat incoming webhook (docs/chat-webhooks.md). Its URL
 * carries a key and a token: a secret like Slack's, never repeated.
 */
import type { GoogleChatPayload } from "../report/google-chat-render.ts";
import { type ChatPost, type ChatReplies, postJson } from "./chat-post.ts";

const GOOGLE_CHAT: ChatReplies = {
  kind: "google-chat",
  contentType: "application/json; charset=UTF-8",
  adviceByStatus: {
    400: "Google Chat refused the message",
    403: "Google Chat does not let this webhook post (it was deleted, or webhooks are turned off for your organisation): save a new webhook URL in Settings",
    404: "the webhook or its space is gone: save a new webhook URL in Settings",
    429: "Google Chat is limiting posts; the next scheduled run tries again",
  },
  wordOf: statusWord,
};

export function postToGoogleChat(webhookUrl: string, message: GoogleChatPayload): ChatPost {
  return postJson(webhookUrl, message, GOOGLE_CHAT);
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
