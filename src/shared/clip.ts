/**
 * Shortening text for a cell, a report or a message without breaking a character: strings
 * are UTF-16, and an emoji is two code units (a surrogate pair), so a plain slice can leave
 * half of one, which shows as "�" or makes the text invalid for JSON consumers such as Slack.
 */

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** The first `length` code units of `text`, one fewer when that would split a surrogate pair. */
export function safeSlice(text: string, length: number): string {
  if (length <= 0) return "";
  if (text.length <= length) return text;
  return isHighSurrogate(text.charCodeAt(length - 1)) ? text.slice(0, length - 1) : text.slice(0, length);
}

/** `text` in at most `max` code units, ending with "…" when it had to be shortened. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${safeSlice(text, max - 1)}…` : text;
}
