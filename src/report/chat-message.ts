/**
 * A chat message in format-neutral parts: lines of text, bold, italics, a link, an icon and
 * text from outside (slugs, referrers, the file's name). Each kind of chat renders it in
 * its own syntax (slack-render.ts, google-chat-render.ts), so the digest, and any later
 * message, is written once. Every string is text, never markup: the renderers escape all of
 * it, so only these parts can make formatting, and only the add-on makes parts.
 */
import { clipText } from "../shared/clip.ts";

/** Text from outside is clipped to this many characters: a slug is not a paragraph. */
export const MAX_OUTSIDE_CHARS = 80;

export type Icon = "rising" | "falling" | "warning" | "recovered";

export type Inline =
  /** The add-on's own words. */
  | string
  /** Text from outside: flattened to one line and clipped, then escaped like any text. */
  | { outside: string }
  | { bold: Inline[] }
  | { italic: Inline[] }
  /** A link the add-on made (the spreadsheet's own URL); the label is escaped like any text. */
  | { link: string; label: Inline[] }
  | { icon: Icon };

export interface ChatMessage {
  lines: Inline[][];
}

export const outside = (text: string): Inline => ({ outside: text });
export const bold = (...parts: Inline[]): Inline => ({ bold: parts });
export const italic = (...parts: Inline[]): Inline => ({ italic: parts });
export const link = (url: string, ...label: Inline[]): Inline => ({ link: url, label });
export const icon = (name: Icon): Inline => ({ icon: name });

/**
 * Text from outside on one line: line breaks and control characters become spaces; bidi
 * embeddings, overrides and isolates go (an unclosed U+202E would show the rest of the line,
 * numbers included, backwards); long text is clipped without splitting an emoji.
 */
export function flattenOutside(text: string, maxChars = MAX_OUTSIDE_CHARS): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: flattening them is the point.
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
  return clipText(flat, maxChars);
}

/** A link target safe to put inside `<url|label>`: https, no space, bracket or bar. */
export function isPlainLink(url: string): boolean {
  return /^https:\/\/[^\s<>|]+$/.test(url);
}

/** How one kind of chat writes each part; `text` escapes a string for it. */
export interface ChatSyntax {
  text(text: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  link(url: string, label: string): string;
  icon(name: Icon): string;
}

export function renderLine(parts: readonly Inline[], syntax: ChatSyntax): string {
  return parts.map((part) => renderInline(part, syntax)).join("");
}

function renderInline(part: Inline, syntax: ChatSyntax): string {
  if (typeof part === "string") return syntax.text(part);
  if ("outside" in part) return syntax.text(flattenOutside(part.outside));
  if ("bold" in part) return syntax.bold(renderLine(part.bold, syntax));
  if ("italic" in part) return syntax.italic(renderLine(part.italic, syntax));
  if ("link" in part) {
    const label = renderLine(part.label, syntax);
    return isPlainLink(part.link) ? syntax.link(part.link, label) : label;
  }
  return syntax.icon(part.icon);
}

/**
 * The rendered lines joined, keeping whole lines while they fit `limit` (in the chat's own
 * measure) and then saying how many were left out: a message over the chat's limit would
 * be refused as a whole.
 */
export function joinWithinLimit(
  lines: readonly string[],
  measure: (text: string) => number,
  limit: number,
): string {
  const sizes = lines.map((line, index) => measure(line) + (index > 0 ? 1 : 0));
  let kept = 0;
  let used = 0;
  while (kept < lines.length && used + sizes[kept]! <= limit) used += sizes[kept++]!;
  if (kept === lines.length) return lines.join("\n");
  const note = (left: number) =>
    `(${left} more ${left === 1 ? "line" : "lines"} left out: the message would be too long)`;
  while (kept > 0 && used + 1 + measure(note(lines.length - kept)) > limit) used -= sizes[--kept]!;
  return [...lines.slice(0, kept), note(lines.length - kept)].join("\n");
}
