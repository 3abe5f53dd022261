/**
 * What a Slack incoming webhook makes of a request body: the message text, or the short error
 * word Slack answers with (see docs/slack-webhooks.md).
 */

/** "Keep a message well under 40,000 characters": longer text is refused. */
export const MAX_TEXT_CHARACTERS = 40_000;
export const MAX_BLOCKS = 50;

export type PayloadVerdict = { ok: true; text: string } | { ok: false; error: string };

/** Parsed JSON, or undefined when the body is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** Every string under a "text" key, depth first (section text, context elements, fields...). */
function textsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) textsIn(item, out);
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "text" && typeof inner === "string") out.push(inner);
      else textsIn(inner, out);
    }
  }
  return out;
}

/** Checks a parsed JSON payload: `text` (non-empty) or Block Kit `blocks` carrying some text. */
export function judgePayload(json: unknown): PayloadVerdict {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    return { ok: false, error: "invalid_payload" };
  const { text, blocks } = json as { text?: unknown; blocks?: unknown };
  if (text !== undefined && typeof text !== "string") return { ok: false, error: "invalid_payload" };
  if (blocks !== undefined && (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > MAX_BLOCKS)) {
    return { ok: false, error: "invalid_blocks" };
  }
  const shown = text?.trim()
    ? text
    : textsIn(blocks)
        .filter((line) => line.trim() !== "")
        .join("\n");
  if (shown === "") return { ok: false, error: "no_text" };
  if (shown.length > MAX_TEXT_CHARACTERS) return { ok: false, error: "msg_too_long" };
  return { ok: true, text: shown };
}
