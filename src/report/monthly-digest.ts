/**
 * The monthly digest: the month that just ended, for the person who reports monthly. Its
 * figures are OpenQR Monthly's (calendar months of OpenQR's UTC days), built from parts
 * (chat-message.ts) that each chat renders and escapes. Unknown is not zero: a change is
 * given only between months the archive holds whole, and only over the codes that have both.
 */
import { groupThousands } from "../shared/numbers.ts";
import { bold, type ChatMessage, type Inline, italic, link, outside } from "./chat-message.ts";
import { MIN_MOVER_PREVIOUS_WEEK, percent } from "./daily-digest.ts";
import { addMonths } from "./monthly-months.ts";

const MAX_TOP_CODES = 5;
const MAX_MOVERS = 3;
const MAX_GROUPS = 10;
/** Small months make big percentages: a mover needs this many scans in the month before. */
export const MIN_MOVER_PREVIOUS_MONTH = MIN_MOVER_PREVIOUS_WEEK;
/** Codes with no group, on the group line. */
export const NO_GROUP = "(no group)";

/** One code's month, as OpenQR Monthly holds it. */
export interface MonthlyDigestCode {
  slug: string;
  /** The group the user gave the code, or "". */
  group: string;
  /** The month's scans: null when the archive holds none of its days. */
  scans: number | null;
  /** Whether the archive holds every day of the month for the code. */
  complete: boolean;
  /** The month before's scans, when that month is held whole; else null. */
  previous: number | null;
  /** The same month a year before, when held whole; else null. */
  lastYear: number | null;
}

export interface MonthlyDigestInput {
  spreadsheetName: string;
  spreadsheetUrl: string;
  /** The month covered, "YYYY-MM". */
  month: string;
  codes: readonly MonthlyDigestCode[];
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-11" → "November 2026". */
export function monthName(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return `${MONTH_NAMES[number! - 1]} ${year}`;
}

const plural = (n: number, one: string, many: string) => `${groupThousands(n)} ${n === 1 ? one : many}`;

/** A change between two sums over the same codes, or null when no code has both or the base is 0. */
interface Comparison {
  change: number | null;
  /** Codes both months hold whole. */
  codes: number;
}

function compare(codes: readonly MonthlyDigestCode[], pick: (code: MonthlyDigestCode) => number | null) {
  let now = 0;
  let before = 0;
  let counted = 0;
  for (const code of codes) {
    const then = pick(code);
    if (!code.complete || code.scans === null || then === null) continue;
    now += code.scans;
    before += then;
    counted++;
  }
  return { change: counted > 0 && before > 0 ? now / before - 1 : null, codes: counted } satisfies Comparison;
}

/** " · +12% vs October 2026" (with "over 3 of 5 codes" when not every code has both months). */
function comparisonText(comparison: Comparison, against: string, total: number): string {
  if (comparison.change === null) return "";
  const scope = comparison.codes < total ? ` (${comparison.codes} of ${total} codes)` : "";
  return ` · ${percent(comparison.change)} vs ${against}${scope}`;
}

export function monthlyDigest(input: MonthlyDigestInput): ChatMessage {
  const { month } = input;
  const name = monthName(month);
  const previousName = monthName(addMonths(month, -1));
  const lastYearName = monthName(addMonths(month, -12));
  const codes = input.codes;
  const known = codes.filter((code) => code.scans !== null);
  const total = known.reduce((sum, code) => sum + code.scans!, 0);
  const lines: Inline[][] = [
    [
      bold(`OpenQR monthly digest: ${name}`),
      " · ",
      link(input.spreadsheetUrl, outside(input.spreadsheetName)),
    ],
  ];
  if (known.length === 0) {
    lines.push([
      `OpenQR Daily holds no day of ${name} (UTC days) for these codes, so there is nothing to report.`,
    ]);
    return { lines };
  }
  lines.push([
    bold(plural(total, "scan", "scans")),
    ` in ${name} (UTC days) · ${plural(codes.length, "code", "codes")}` +
      comparisonText(
        compare(codes, (code) => code.previous),
        previousName,
        codes.length,
      ) +
      comparisonText(
        compare(codes, (code) => code.lastYear),
        lastYearName,
        codes.length,
      ),
  ]);
  const partial = codes.filter((code) => code.scans !== null && !code.complete).length;
  if (partial > 0) {
    lines.push([
      italic(
        `${plural(partial, "code's month is", "codes' months are")} partly held in OpenQR Daily: ` +
          "counted as held, left out of the changes.",
      ),
    ]);
  }
  const groups = groupLine(codes);
  if (groups !== null) lines.push(groups);
  const movers = moverLine(codes, previousName);
  if (movers !== null) lines.push(movers);
  const top = known
    .filter((code) => code.scans! > 0)
    .sort((a, b) => b.scans! - a.scans! || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_TOP_CODES);
  if (top.length === 0) {
    lines.push([`No code was scanned in ${name}.`]);
  } else {
    lines.push([`Top ${top.length === 1 ? "code" : `${top.length} codes`} in ${name}:`]);
    top.forEach((code, index) => {
      const line: Inline[] = [`${index + 1}. `, bold(outside(code.slug)), `: ${groupThousands(code.scans!)}`];
      const vsPrevious = compare([code], (c) => c.previous).change;
      const vsLastYear = compare([code], (c) => c.lastYear).change;
      if (vsPrevious !== null) line.push(` · ${percent(vsPrevious)} vs ${previousName}`);
      if (vsLastYear !== null) line.push(` · ${percent(vsLastYear)} vs ${lastYearName}`);
      lines.push(line);
    });
  }
  return { lines };
}

/** Per-group totals, largest first, when any code has a group; codes without one as NO_GROUP. */
function groupLine(codes: readonly MonthlyDigestCode[]): Inline[] | null {
  if (!codes.some((code) => code.group !== "")) return null;
  const byGroup = new Map<string, MonthlyDigestCode[]>();
  for (const code of codes) {
    const members = byGroup.get(code.group) ?? [];
    members.push(code);
    byGroup.set(code.group, members);
  }
  const totals = [...byGroup].map(([group, members]) => ({
    group,
    scans: members.reduce((sum, code) => sum + (code.scans ?? 0), 0),
    known: members.some((code) => code.scans !== null),
    change: compare(members, (code) => code.previous),
    size: members.length,
  }));
  totals.sort((a, b) => b.scans - a.scans || (a.group < b.group ? -1 : 1));
  const line: Inline[] = ["Groups: "];
  totals.slice(0, MAX_GROUPS).forEach((total, index) => {
    if (index > 0) line.push(" · ");
    line.push(bold(total.group === "" ? NO_GROUP : outside(total.group)));
    line.push(` ${total.known ? groupThousands(total.scans) : "no days held"}`);
    // A group's change only when every member has both months whole.
    if (total.change.change !== null && total.change.codes === total.size)
      line.push(` (${percent(total.change.change)})`);
  });
  if (totals.length > MAX_GROUPS) line.push(` · ${totals.length - MAX_GROUPS} more`);
  return line;
}

/** The largest changes against the month before, among codes with enough scans then. */
function moverLine(codes: readonly MonthlyDigestCode[], previousName: string): Inline[] | null {
  const movers = codes
    .filter(
      (code) => code.complete && code.scans !== null && (code.previous ?? 0) >= MIN_MOVER_PREVIOUS_MONTH,
    )
    .map((code) => ({ slug: code.slug, change: code.scans! / code.previous! - 1 }))
    // Compared as the whole percents shown, so equal-looking changes fall back to the slug's order.
    .map((mover) => ({ ...mover, shown: Math.abs(Math.round(mover.change * 100)) }))
    .filter((mover) => mover.shown !== 0)
    .sort((a, b) => b.shown - a.shown || (a.slug < b.slug ? -1 : 1))
    .slice(0, MAX_MOVERS);
  if (movers.length === 0) return null;
  const line: Inline[] = [`Movers (vs ${previousName}): `];
  movers.forEach((mover, index) => {
    if (index > 0) line.push(" · ");
    line.push(bold(outside(mover.slug)), ` ${percent(mover.change)}`);
  });
  return line;
}

/**
 * The month a monthly digest is due for at an instant, or null: the calendar month before
 * the spreadsheet's current one, once it has ended in UTC too (OpenQR's days are UTC days,
 * so east of UTC the first hours of a month wait for the last UTC day to end).
 */
export function dueMonth(localMonth: string, utcMonth: string): string | null {
  const covered = addMonths(localMonth, -1);
  return covered < utcMonth ? covered : null;
}
