/**
 * A chat message in Google Chat's text formatting (docs/chat-webhooks.md): `*bold*`,
 * `_italic_`, `<url|label>`, emoji as characters. Every string is neutralised for Chat: the
 * angle brackets become look-alikes (‹ ›), so text can form no link and no mention such as
 * `<users/all>` whether or not Chat decodes HTML entities; `*`, `_`, `~` and the backtick
 * become look-alikes too, so a slug cannot turn the rest of a line bold or into code; and an
 * `&` that would begin an entity (`&lt;`) becomes ＆. Other text is left as it is.
 */
import { utf8Length } from "../shared/numbers.ts";
import { type ChatMessage, type ChatSyntax, type Icon, joinWithinLimit, renderLine } from "./chat-message.ts";

/** Google Chat refuses a message over 32,000 bytes; a digest stays well below. */
export const GOOGLE_CHAT_TEXT_LIMIT_BYTES = 24_000;

/** What a Google Chat incoming webhook is posted (JSON). */
export interface GoogleChatPayload {
  text: string;
}

const LOOK_ALIKES: Record<string, string> = {
  "<": "‹",
  ">": "›",
  "*": "∗",
  _: "ˍ",
  "~": "∼",
  "`": "ˋ",
};

export const googleChatText = (text: string): string =>
  text.replace(/&(?=#?\w+;)/g, "＆").replace(/[<>*_~`]/g, (character) => LOOK_ALIKES[character]!);

const GOOGLE_CHAT_ICONS: Record<Icon, string> = {
  rising: "📈",
  falling: "📉",
  warning: "⚠️",
  recovered: "✅",
};

const GOOGLE_CHAT: ChatSyntax = {
  text: googleChatText,
  bold: (inner) => `*${inner}*`,
  italic: (inner) => `_${inner}_`,
  link: (url, label) => `<${url}|${label}>`,
  icon: (name) => GOOGLE_CHAT_ICONS[name],
};

export function renderForGoogleChat(message: ChatMessage): GoogleChatPayload {
  const lines = message.lines.map((line) => renderLine(line, GOOGLE_CHAT));
  return { text: joinWithinLimit(lines, utf8Length, GOOGLE_CHAT_TEXT_LIMIT_BYTES) };
}
