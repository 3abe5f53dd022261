/**
 * What a Google Chat incoming webhook makes of a request (docs/chat-webhooks.md): the
 * message, or Google's JSON error. Where Google's documentation leaves a rule open, the
 * fake takes the stricter reading: the body must say it is UTF-8 JSON, unknown fields and
 * query parameters are refused, and HTML entities are decoded before mentions are found.
 */
import { Buffer } from "node:buffer";

/** "A message (text or card) is at most 32,000 bytes". */
export const MAX_MESSAGE_BYTES = 32_000;
/** The message fields a webhook accepts (Google's API refuses unknown names). */
export const MESSAGE_FIELDS = ["text", "cardsV2", "thread", "fallbackText", "accessoryWidgets"] as const;
/** The query parameters a webhook URL may carry. */
export const QUERY_PARAMETERS = ["key", "token", "threadKey", "messageReplyOption"] as const;

/** Google's status word for each HTTP status its APIs answer with. */
export const STATUS_WORDS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export interface GoogleError {
  code: number;
  message: string;
  status: string;
}

export type PayloadVerdict = { ok: true; text: string } | { ok: false; error: GoogleError };

export function googleError(code: number, message: string): GoogleError {
  return { code, message, status: STATUS_WORDS[code] ?? (code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION") };
}

/** Parsed JSON, or undefined when the body is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** `application/json; charset=UTF-8`: JSON, and said to be UTF-8. */
export function isUtf8JsonContentType(contentType: string | undefined): boolean {
  const [type, ...parameters] = (contentType ?? "").split(";").map((part) => part.trim().toLowerCase());
  return type === "application/json" && parameters.some((p) => p === "charset=utf-8");
}

/** Checks a parsed message: known fields only, some text or a card, at most 32,000 bytes. */
export function judgePayload(json: unknown): PayloadVerdict {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, error: googleError(400, "Invalid JSON payload received. Expected an object.") };
  }
  const unknown = Object.keys(json).find((name) => !(MESSAGE_FIELDS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return {
      ok: false,
      error: googleError(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`),
    };
  }
  const { text, cardsV2 } = json as { text?: unknown; cardsV2?: unknown };
  if (text !== undefined && typeof text !== "string") {
    return { ok: false, error: googleError(400, "Invalid value at 'message.text' (TYPE_STRING)") };
  }
  const hasCards = Array.isArray(cardsV2) && cardsV2.length > 0;
  if ((text ?? "").trim() === "" && !hasCards) {
    return { ok: false, error: googleError(400, "Message cannot be empty. Discarding empty message.") };
  }
  const bytes =
    Buffer.byteLength(text ?? "", "utf8") + (hasCards ? Buffer.byteLength(JSON.stringify(cardsV2)) : 0);
  if (bytes > MAX_MESSAGE_BYTES) {
    return { ok: false, error: googleError(400, `Message too long: ${bytes} bytes, the limit is 32,000.`) };
  }
  return { ok: true, text: text ?? "" };
}

/**
 * What Chat's text formatting makes of a message: the links and mentions its angle-bracket
 * syntax forms. (A URL written out in full may also be made clickable by Chat; it then shows
 * exactly where it goes, so it is not counted here.)
 */
export interface Formatting {
  /** Link targets, from `<url|label>` and `<url>`. */
  links: string[];
  /** Mentioned users, from `<users/all>` and `<users/ID>`. */
  mentions: string[];
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** HTML entities decoded (unverified whether Chat does: the fake assumes the worse case). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function formattingOf(text: string): Formatting {
  const decoded = decodeEntities(text);
  const links: string[] = [];
  const mentions: string[] = [];
  for (const [, inside] of decoded.matchAll(/<([^<>]+)>/g)) {
    const target = inside!.split("|")[0]!.trim();
    if (/^users\//.test(target)) mentions.push(target);
    else if (/^(https?|mailto):/i.test(target)) links.push(target);
  }
  return { links, mentions };
}
