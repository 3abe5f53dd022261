/**
 * The daily Slack digest: the OpenQR guide's "scheduled Slack summary" (docs/openqr-api.md)
 * for a whole fleet in one message. Strings from outside (slugs, referrers, the file's
 * name) are escaped for Slack's mrkdwn (&, <, >: docs/slack-webhooks.md), so they render
 * as plain text and cannot form a link or ping anyone.
 */
import { clipText } from "../shared/clip.ts";
import { groupThousands } from "../shared/numbers.ts";

export const MAX_DIGEST_CODES = 10;
const MAX_NAME_CHARS = 80;

export interface DigestCode {
  slug: string;
  /** Scans on the digest's day. */
  dayScans: number;
  /** Scans over the 7 days ending with the digest's day. */
  weekScans: number;
  lifetime: number;
  topCountry: string;
  topReferrer: string;
}

/** A code whose last complete day was a spike or a drop (see trends.ts). */
export interface DigestAlert {
  slug: string;
  trend: "spike" | "drop";
  scans: number;
  /** The baseline's median day. */
  typical: number;
}

/** A code's week-over-week change (the Summary's Change column). */
export interface DigestMover {
  slug: string;
  change: number;
  /** Scans in the previous full week: small weeks make big percentages, so movers need 50. */
  previous: number;
}

export const MIN_MOVER_PREVIOUS_WEEK = 50;
const MAX_MOVERS = 3;

export interface DigestInput {
  spreadsheetName: string;
  spreadsheetUrl: string;
  /** The last complete UTC day (YYYY-MM-DD). */
  day: string;
  codes: readonly DigestCode[];
  /** Codes whose numbers are from an earlier run (failed or waiting in this one). */
  notRefreshed: number;
  alerts: readonly DigestAlert[];
  movers: readonly DigestMover[];
}

export interface SlackMessage {
  text: string;
}

/**
 * Slack's three control characters, escaped; line breaks and control characters flattened;
 * bidi embeddings, overrides and isolates dropped (an unclosed U+202E would show the rest of
 * the line, numbers included, backwards); long text clipped without splitting an emoji.
 */
export function slackEscape(text: string, maxChars = MAX_NAME_CHARS): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: flattening them is the point.
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
  const short = clipText(flat, maxChars);
  return short.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** +35% / −20%: whole percents, with a sign. */
export function percent(change: number): string {
  const rounded = Math.round(change * 100);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${groupThousands(Math.abs(rounded))}%`;
}

const plural = (n: number, one: string, many: string) => `${groupThousands(n)} ${n === 1 ? one : many}`;

export function slackDigest(input: DigestInput): SlackMessage {
  const { codes, day } = input;
  const total = (pick: (code: DigestCode) => number) => codes.reduce((sum, code) => sum + pick(code), 0);
  const lines = [
    `*OpenQR daily digest* · <${input.spreadsheetUrl}|${slackEscape(input.spreadsheetName)}>`,
    `*${plural(
      total((c) => c.dayScans),
      "scan",
      "scans",
    )}* on ${day} (UTC) · ` +
      `${groupThousands(total((c) => c.weekScans))} over the 7 days to ${day} · ` +
      `${groupThousands(total((c) => c.lifetime))} lifetime · ${plural(codes.length, "code", "codes")}`,
  ];
  for (const alert of input.alerts) {
    const icon = alert.trend === "spike" ? ":chart_with_upwards_trend:" : ":chart_with_downwards_trend:";
    lines.push(
      `${icon} Alert: *${slackEscape(alert.slug)}* had a ${alert.trend}: ${plural(alert.scans, "scan", "scans")} on ${day}; a typical day is ${groupThousands(alert.typical)}.`,
    );
  }
  const movers = input.movers
    .filter((mover) => mover.previous >= MIN_MOVER_PREVIOUS_WEEK)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_MOVERS);
  if (movers.length > 0) {
    const listed = movers.map((mover) => `*${slackEscape(mover.slug)}* ${percent(mover.change)}`).join(" · ");
    lines.push(`Movers (week over week, full days): ${listed}`);
  }
  const top = codes
    .filter((code) => code.dayScans > 0)
    .sort((a, b) => b.dayScans - a.dayScans || b.lifetime - a.lifetime || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_DIGEST_CODES);
  if (top.length === 0) {
    lines.push(`No code was scanned on ${day}.`);
  } else {
    lines.push(`Top ${top.length === 1 ? "code" : `${top.length} codes`} on ${day}:`);
    top.forEach((code, index) => {
      lines.push(
        `${index + 1}. *${slackEscape(code.slug)}*: ${groupThousands(code.dayScans)} · ` +
          `7 days ${groupThousands(code.weekScans)} · lifetime ${groupThousands(code.lifetime)} · ` +
          `top country ${slackEscape(code.topCountry || "none")} · top referrer ${slackEscape(code.topReferrer || "none")}`,
      );
    });
  }
  if (input.notRefreshed > 0) {
    lines.push(
      `_${plural(input.notRefreshed, "code was", "codes were")} not refreshed in this run; ` +
        `${input.notRefreshed === 1 ? "its numbers are" : "their numbers are"} from an earlier run._`,
    );
  }
  return { text: lines.join("\n") };
}
