/**
 * The Summary's Total row, honest about what it does not know: a sum over codes that are all
 * unknown is blank, never 0, and the fleet's weeks compare the same codes in both weeks.
 */
import type { WeekOverWeek } from "./trends.ts";

export interface FleetWeeks {
  /** Scans over the last 7 full days of the codes covered; null when no code is covered. */
  last: number | null;
  previous: number | null;
  /** (last − previous) / previous; null when unknown or previous is 0. */
  change: number | null;
  /** How many codes both weeks are known for: the codes the sums cover. */
  covered: number;
  /** The codes in scope. */
  of: number;
}

/** Sums the values that are known; null when none is. */
export function knownSum(values: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

/**
 * The fleet's week over week over the codes whose two weeks are both known, so its change
 * compares like with like; a code with either week unknown is left out of both.
 */
export function fleetWeeks(weeks: ReadonlyArray<WeekOverWeek | undefined>): FleetWeeks {
  const known = weeks.filter(
    (week): week is WeekOverWeek => week !== undefined && week.last !== null && week.previous !== null,
  );
  const last = knownSum(known.map((week) => week.last));
  const previous = knownSum(known.map((week) => week.previous));
  const change = last === null || previous === null || previous === 0 ? null : (last - previous) / previous;
  return { last, previous, change, covered: known.length, of: weeks.length };
}

/** The Total row's Status: the run's counts, and how many codes its weeks cover when not all. */
export function totalStatus(
  counts: { ok: number; failed: number; waiting: number },
  weeks: Pick<FleetWeeks, "covered" | "of">,
): string {
  const waiting = counts.waiting > 0 ? `, ${counts.waiting} waiting` : "";
  const coverage = weeks.covered < weeks.of ? `; the weeks cover ${weeks.covered} of ${codes(weeks.of)}` : "";
  return `${counts.ok} ok, ${counts.failed} failed${waiting}${coverage}`;
}

const codes = (n: number) => `${n} ${n === 1 ? "code" : "codes"}`;
