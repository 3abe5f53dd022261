/**
 * A chat message in Slack's mrkdwn (docs/chat-webhooks.md): `*bold*`, `_italic_`,
 * `<url|label>`, emoji by their short names. Every string is escaped for Slack (&, <, >,
 * only those three), so text cannot form a link or ping anyone.
 */
import {
  type ChatMessage,
  type ChatSyntax,
  flattenOutside,
  type Icon,
  joinWithinLimit,
  renderLine,
} from "./chat-message.ts";

/** Slack refuses text over 40,000 characters; a digest stays well below. */
export const SLACK_TEXT_LIMIT = 30_000;

/** What a Slack incoming webhook is posted (JSON). */
export interface SlackPayload {
  text: string;
}

export const slackText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Text from outside as the digest shows it in Slack: on one line, clipped, escaped. */
export const slackEscape = (text: string, maxChars?: number): string =>
  slackText(flattenOutside(text, maxChars));

const SLACK_ICONS: Record<Icon, string> = {
  rising: ":chart_with_upwards_trend:",
  falling: ":chart_with_downwards_trend:",
  warning: ":warning:",
  recovered: ":white_check_mark:",
};

const SLACK: ChatSyntax = {
  text: slackText,
  bold: (inner) => `*${inner}*`,
  italic: (inner) => `_${inner}_`,
  link: (url, label) => `<${url}|${label}>`,
  icon: (name) => SLACK_ICONS[name],
};

export function renderForSlack(message: ChatMessage): SlackPayload {
  const lines = message.lines.map((line) => renderLine(line, SLACK));
  return { text: joinWithinLimit(lines, (text) => text.length, SLACK_TEXT_LIMIT) };
}
