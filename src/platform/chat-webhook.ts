/**
 * Posts a format-neutral message to the user's chat destination, rendered for its kind:
 * the digests, the alerts and any later message go through here. A chat space takes about
 * a message a second (docs/chat-webhooks.md), so a post that follows another in the same
 * execution waits out the rest of that second: a run may post its day's digest, its month's
 * and a recovery one after another.
 */
import type { ChatMessage } from "../report/chat-message.ts";
import { renderForGoogleChat } from "../report/google-chat-render.ts";
import { renderForSlack } from "../report/slack-render.ts";
import type { ChatDestination } from "../settings/chat-webhook.ts";
import type { ChatPost } from "./chat-post.ts";
import { postToGoogleChat } from "./google-chat-webhook.ts";
import { postToSlack } from "./slack-webhook.ts";

export const CHAT_POST_SPACING_MS = 1_100;
/** When this execution last posted (module state lives for one execution). */
let lastPostAt: number | null = null;

export function postToChat(destination: ChatDestination, message: ChatMessage): ChatPost {
  if (lastPostAt !== null) {
    const wait = lastPostAt + CHAT_POST_SPACING_MS - Date.now();
    if (wait > 0) Utilities.sleep(wait);
  }
  try {
    return post(destination, message);
  } finally {
    lastPostAt = Date.now();
  }
}

function post(destination: ChatDestination, message: ChatMessage): ChatPost {
  return destination.kind === "google-chat"
    ? postToGoogleChat(destination.url, renderForGoogleChat(message))
    : postToSlack(destination.url, renderForSlack(message));
}
