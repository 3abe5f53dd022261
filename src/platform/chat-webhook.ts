/**
 * Posts a format-neutral message to the user's chat destination, rendered for its kind:
 * the digest now, and any later message, go through here.
 */
import type { ChatMessage } from "../report/chat-message.ts";
import { renderForGoogleChat } from "../report/google-chat-render.ts";
import { renderForSlack } from "../report/slack-render.ts";
import type { ChatDestination } from "../settings/chat-webhook.ts";
import type { ChatPost } from "./chat-post.ts";
import { postToGoogleChat } from "./google-chat-webhook.ts";
import { postToSlack } from "./slack-webhook.ts";

export function postToChat(destination: ChatDestination, message: ChatMessage): ChatPost {
  return destination.kind === "google-chat"
    ? postToGoogleChat(destination.url, renderForGoogleChat(message))
    : postToSlack(destination.url, renderForSlack(message));
}
