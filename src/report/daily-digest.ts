/**
 * The daily digest: the guide's "scheduled Slack summary" for a whole fleet in one message,
 * built from format-neutral parts (chat-message.ts) and rendered for Slack or Google Chat
 * when posted. Strings from outside (slugs, referrers, the file's name) are marked as such,
 * so each renderer shows them as plain text that cannot form a link or ping anyone.
 */
import { groupThousands } from "../shared/numbers.ts";
import { bold, type ChatMessage, type Inline, icon, italic, link, outside } from "./chat-message.ts";
import { groupLines } from "./digest-groups.ts";

export const MAX_DIGEST_CODES = 10;

export interface DigestCode {
  slug: string;
  /** Scans on the digest's day. */
  dayScans: number;
  /** Scans over the 7 days ending with the digest's day. */
  weekScans: number;
  lifetime: number;
  topCountry: string;
  topReferrer: string;
  /** The code's group in the Summary (code-groups.ts); absent for none. */
  group?: string;
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

/** +35% / −20%: whole percents, with a sign. */
export function percent(change: number): string {
  const rounded = Math.round(change * 100);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${groupThousands(Math.abs(rounded))}%`;
}

const plural = (n: number, one: string, many: string) => `${groupThousands(n)} ${n === 1 ? one : many}`;

export function dailyDigest(input: DigestInput): ChatMessage {
  const { codes, day } = input;
  const total = (pick: (code: DigestCode) => number) => codes.reduce((sum, code) => sum + pick(code), 0);
  const dayScans = plural(
    total((c) => c.dayScans),
    "scan",
    "scans",
  );
  const lines: Inline[][] = [
    [bold("OpenQR daily digest"), " · ", link(input.spreadsheetUrl, outside(input.spreadsheetName))],
    [
      bold(dayScans),
      ` on ${day} (UTC) · ${groupThousands(total((c) => c.weekScans))} over the 7 days to ${day} · ` +
        `${groupThousands(total((c) => c.lifetime))} lifetime · ${plural(codes.length, "code", "codes")}`,
    ],
  ];
  lines.push(...groupLines(codes, day));
  for (const alert of input.alerts) {
    lines.push([
      icon(alert.trend === "spike" ? "rising" : "falling"),
      " Alert: ",
      bold(outside(alert.slug)),
      ` had a ${alert.trend}: ${plural(alert.scans, "scan", "scans")} on ${day}; a typical day is ${groupThousands(alert.typical)}.`,
    ]);
  }
  const movers = input.movers
    .filter((mover) => mover.previous >= MIN_MOVER_PREVIOUS_WEEK)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_MOVERS);
  if (movers.length > 0) {
    const listed: Inline[] = ["Movers (week over week, full days): "];
    movers.forEach((mover, index) => {
      if (index > 0) listed.push(" · ");
      listed.push(bold(outside(mover.slug)), ` ${percent(mover.change)}`);
    });
    lines.push(listed);
  }
  const top = codes
    .filter((code) => code.dayScans > 0)
    .sort((a, b) => b.dayScans - a.dayScans || b.lifetime - a.lifetime || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_DIGEST_CODES);
  if (top.length === 0) {
    lines.push([`No code was scanned on ${day}.`]);
  } else {
    lines.push([`Top ${top.length === 1 ? "code" : `${top.length} codes`} on ${day}:`]);
    top.forEach((code, index) => {
      lines.push([
        `${index + 1}. `,
        bold(outside(code.slug)),
        `: ${groupThousands(code.dayScans)} · 7 days ${groupThousands(code.weekScans)} · ` +
          `lifetime ${groupThousands(code.lifetime)} · top country `,
        outside(code.topCountry || "none"),
        " · top referrer ",
        outside(code.topReferrer || "none"),
      ]);
    });
  }
  if (input.notRefreshed > 0) {
    lines.push([
      italic(
        `${plural(input.notRefreshed, "code was", "codes were")} not refreshed in this run; ` +
          `${input.notRefreshed === 1 ? "its numbers are" : "their numbers are"} from an earlier run.`,
      ),
    ]);
  }
  return { lines };
}
