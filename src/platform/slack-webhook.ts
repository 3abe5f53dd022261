/** Posts a message to the user's Slack incoming webhook (docs/slack-webhooks.md). */
import type { SlackPayload } from "../report/slack-render.ts";
import { type ChatPost, type ChatReplies, postJson } from "./chat-post.ts";

const SLACK: ChatReplies = {
  kind: "slack",
  contentType: "application/json",
  adviceByStatus: {
    400: "Slack refused the message",
    403: "Slack does not allow posting to this channel",
    404: "the webhook was revoked or its channel is gone: save a new webhook URL in Settings",
    410: "the channel is archived: save a webhook for another channel in Settings",
    429: "Slack is limiting posts; the next scheduled run tries again",
  },
  // Slack answers errors with one short word such as no_service; nothing else is repeated.
  wordOf: (body) => /^[a-z_]{1,40}$/.exec(body.trim())?.[0] ?? null,
};

export function postToSlack(webhookUrl: string, message: SlackPayload): ChatPost {
  return postJson(webhookUrl, message, SLACK);
}
