/**
 * What the numbers mean: week over week on whole UTC days, and whether the last complete
 * day was a spike or a drop against the 28 days before it. A code created under 14 days
 * before that day is `new`; one whose known history is too short to judge is `learning`.
 *
 * Counts are over-dispersed (weekends, campaigns), so a day is judged with a negative-binomial
 * tail fitted to the baseline's mean and variance (Poisson when the variance is not larger
 * than the mean): a spike is a day whose upper tail probability is under 0.1% and that is at
 * least twice the baseline mean; a drop, a lower tail under 0.1% and at most half the mean.
 */
import { DAY_MS, daysEnding, parseIsoDay } from "../shared/days.ts";

/** The Trend column's words, each documented in the README's Insights. */
export const TRENDS = ["spike", "drop", "steady", "quiet", "new", "learning"] as const;
export type Trend = (typeof TRENDS)[number];

export const TAIL_THRESHOLD = 0.001;
export const SPIKE_RATIO = 2;
export const DROP_RATIO = 0.5;
export const BASELINE_DAYS = 28;
/** Fewer known complete days of history than this: `learning`, the archive cannot judge it yet. */
export const MIN_HISTORY_DAYS = 14;
/** Created fewer days than this before the judged day: `new`. */
export const NEW_CODE_DAYS = 14;
/** A baseline under one scan a day is too quiet to call a drop. */
export const QUIET_MEAN = 1;

export interface WeekOverWeek {
  /** Scans over the 7 complete days ending with the judged day; null when a day is missing. */
  last: number | null;
  /** The 7 days before those; null when a day is missing. */
  previous: number | null;
  /** (last − previous) / previous; null when either is unknown or previous is 0. */
  change: number | null;
}

export interface DayJudgement {
  trend: Trend;
  /** The judged day's scans, when known. */
  scans: number | null;
  /** The baseline's median day, when there is a baseline. */
  typical: number | null;
}

/** Sums a run of days, or null when any of them has no count. */
function sumOf(counts: Readonly<Record<string, number>>, days: readonly string[]): number | null {
  let total = 0;
  for (const day of days) {
    const n = counts[day];
    if (n === undefined) return null;
    total += n;
  }
  return total;
}

/** `day` is the last complete UTC day (yesterday). */
export function weekOverWeek(counts: Readonly<Record<string, number>>, day: string): WeekOverWeek {
  const fortnight = daysEnding(day, 14);
  const previous = sumOf(counts, fortnight.slice(0, 7));
  const last = sumOf(counts, fortnight.slice(7));
  const change = last === null || previous === null || previous === 0 ? null : (last - previous) / previous;
  return { last, previous, change };
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** log(a + b) from log a and log b, without overflow. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/** log P(X ≤ k) for a count model with this mean and variance (negative binomial, or Poisson). */
function logCdf(k: number, mean: number, variance: number): number {
  if (k < 0) return Number.NEGATIVE_INFINITY;
  const poisson = variance <= mean;
  const r = poisson ? 0 : (mean * mean) / (variance - mean);
  const logP = poisson ? 0 : Math.log(r / (r + mean));
  const log1mP = poisson ? 0 : Math.log(mean / (r + mean));
  let logPmf = poisson ? -mean : r * logP;
  let total = logPmf;
  for (let x = 1; x <= k; x++) {
    logPmf += poisson ? Math.log(mean / x) : Math.log((x - 1 + r) / x) + log1mP;
    total = logAdd(total, logPmf);
  }
  return Math.min(0, total);
}

export function upperTail(k: number, mean: number, variance: number): number {
  return k <= 0 ? 1 : -Math.expm1(logCdf(k - 1, mean, variance));
}

export function lowerTail(k: number, mean: number, variance: number): number {
  return Math.exp(logCdf(k, mean, variance));
}

/** Where a code's history can start, as far as the run knows. */
export interface CodeStart {
  /** Its creation day (UTC, from OpenQR's list), when the run listed the codes. */
  created: string | null;
  /** Its first day with scans in the archive, the history's start when the creation is unknown. */
  firstScanned: string | null;
}

/**
 * Judges `day` (the last complete UTC day) from the counts per day: `new` when the code was
 * created under 14 days before it, `learning` when fewer than 14 complete days of its history
 * (from its creation, else its first scan) are known, else against the 28 days before it.
 */
export function judgeDay(
  counts: Readonly<Record<string, number>>,
  day: string,
  start: CodeStart,
): DayJudgement {
  const scans = counts[day] ?? null;
  if (start.created !== null && parseIsoDay(day) - parseIsoDay(start.created) < NEW_CODE_DAYS * DAY_MS) {
    return { trend: "new", scans, typical: null };
  }
  const firstDay = start.created ?? start.firstScanned;
  const window = daysEnding(day, BASELINE_DAYS + 1).slice(0, BASELINE_DAYS);
  const baseline = window
    .filter((d) => (firstDay === null || d >= firstDay) && counts[d] !== undefined)
    .map((d) => counts[d]!);
  const historyDays = baseline.length + (scans === null ? 0 : 1);
  if (scans === null || historyDays < MIN_HISTORY_DAYS) return { trend: "learning", scans, typical: null };
  const mean = baseline.reduce((sum, n) => sum + n, 0) / baseline.length;
  const variance = baseline.reduce((sum, n) => sum + (n - mean) ** 2, 0) / Math.max(1, baseline.length - 1);
  const typical = median(baseline);
  const judged = (trend: Trend): DayJudgement => ({ trend, scans, typical });
  if (
    scans >= SPIKE_RATIO * Math.max(mean, QUIET_MEAN / 2) &&
    upperTail(scans, mean, variance) < TAIL_THRESHOLD
  ) {
    return judged("spike");
  }
  if (mean < QUIET_MEAN) return judged("quiet");
  if (scans <= DROP_RATIO * mean && lowerTail(scans, mean, variance) < TAIL_THRESHOLD) return judged("drop");
  return judged("steady");
}
