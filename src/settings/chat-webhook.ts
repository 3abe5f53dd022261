/**
 * The chat webhook a user may save for the digest: a Slack or a Google Chat incoming
 * webhook (docs/chat-webhooks.md). Its kind is told by its URL, so one stored value is the
 * whole destination. The URL is a secret: no message here repeats it, or any part of it.
 */
import { CHAT_LABELS, type ChatKind, FIELD_LABELS } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";

export const SLACK_WEBHOOK_PREFIX = "https://hooks.slack.com/services/";
export const GOOGLE_CHAT_WEBHOOK_PREFIX = "https://chat.googleapis.com/v1/spaces/";
/** Both kinds' URLs are under 300 characters; a longer one is not a webhook (and 9 KB would not store). */
export const MAX_WEBHOOK_URL_CHARS = 500;
/** The query parameters a Google Chat webhook takes; Google's API refuses any other. */
export const GOOGLE_CHAT_PARAMETERS = ["key", "token", "threadKey", "messageReplyOption"] as const;

/** Where the digest goes: the saved webhook and its kind. */
export interface ChatDestination {
  kind: ChatKind;
  url: string;
}

/** The kind of a saved webhook (validated when saved), or null for anything else. */
export function chatKindOf(url: string): ChatKind | null {
  if (url.indexOf(SLACK_WEBHOOK_PREFIX) === 0) return "slack";
  if (url.indexOf(GOOGLE_CHAT_WEBHOOK_PREFIX) === 0) return "google-chat";
  return null;
}

/** The destination a stored webhook URL names, or null for none (or anything else). */
export function chatDestinationOf(url: string | null): ChatDestination | null {
  if (url === null) return null;
  const kind = chatKindOf(url);
  return kind === null ? null : { kind, url };
}

const label = FIELD_LABELS.slackWebhookUrl;
const EITHER_KIND =
  `${label} must be a Slack webhook (${SLACK_WEBHOOK_PREFIX}…) or a Google Chat webhook ` +
  `(${GOOGLE_CHAT_WEBHOOK_PREFIX}…/messages?key=…&token=…), or empty to remove it.`;
const COPY_CHAT_AGAIN = "copy the whole URL again from the space's Apps & integrations › Webhooks.";

/** The URL to save ("" removes the saved one); a UserError naming the field otherwise. */
export function validateWebhookUrl(url: unknown): string {
  const text = typeof url === "string" ? url.trim() : null;
  if (text === "") return "";
  if (text === null) throw new UserError(EITHER_KIND);
  if (text.length > MAX_WEBHOOK_URL_CHARS) {
    throw new UserError(
      `${label} is too long for a webhook (${text.length} characters; Slack's and Google Chat's are under 300). Copy it again.`,
    );
  }
  if (text.indexOf(SLACK_WEBHOOK_PREFIX) === 0) {
    const path = text.slice(SLACK_WEBHOOK_PREFIX.length);
    if (path !== "" && /^[\w/-]+$/.test(path)) return text;
    throw new UserError(EITHER_KIND);
  }
  if (text.indexOf(GOOGLE_CHAT_WEBHOOK_PREFIX) === 0) return validGoogleChatUrl(text);
  throw new UserError(EITHER_KIND);
}

/** https://chat.googleapis.com/v1/spaces/{space}/messages?key=…&token=…[&threadKey=…] */
function validGoogleChatUrl(text: string): string {
  const shape = /^https:\/\/chat\.googleapis\.com\/v1\/spaces\/[\w-]+\/messages(?:\?([^#\s]*))?$/.exec(text);
  if (shape === null) throw new UserError(EITHER_KIND);
  const seen: string[] = [];
  for (const pair of (shape[1] ?? "").split("&")) {
    if (pair === "") continue;
    const [name = "", value = ""] = pair.split("=", 2);
    const known = (GOOGLE_CHAT_PARAMETERS as readonly string[]).indexOf(name) >= 0;
    if (!known || seen.indexOf(name) >= 0 || !/^[\w.~%+-]+$/.test(value)) {
      throw new UserError(
        `${label} has a parameter a ${CHAT_LABELS["google-chat"]} webhook does not take: ${COPY_CHAT_AGAIN}`,
      );
    }
    seen.push(name);
  }
  if (seen.indexOf("key") < 0 || seen.indexOf("token") < 0) {
    throw new UserError(
      `${label} lacks the key and token of a ${CHAT_LABELS["google-chat"]} webhook: ${COPY_CHAT_AGAIN}`,
    );
  }
  return text;
}
