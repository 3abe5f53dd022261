/**
 * Days, as OpenQR counts them and as a spreadsheet shows them. OpenQR's days are UTC
 * calendar days ("YYYY-MM-DD"); a run's last complete day is yesterday, since today is
 * still filling up. A day becomes a Date that a spreadsheet shows as that same day:
 * midnight in the spreadsheet's time zone (not the script's, not UTC).
 *
 * Zone offsets come from a function (Utilities.formatDate on the platform), which costs a
 * service call, so offsets are probed sparsely: a run of days whose ends share an offset
 * and that is shorter than any gap between two DST changes needs no probe inside it.
 */

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Shorter than the shortest gap between two offset changes in the tz database (about a month). */
const SAME_OFFSET_SPAN_DAYS = 16;

/** Days as Dates at midnight in the spreadsheet's zone, in the order given. */
export type DayToDate = (days: readonly string[]) => Date[];

export function parseIsoDay(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year!, month! - 1, date!);
}

export function isoDayOf(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/** The consecutive UTC days ending with `last`, oldest first. */
export function daysEnding(last: string, count: number): string[] {
  const end = parseIsoDay(last);
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) days.push(isoDayOf(end - back * DAY_MS));
  return days;
}

/** Whole days from `first` to `last`, both counted (at least 1). */
export function daysFrom(first: string, last: string): number {
  return Math.max(0, Math.round((parseIsoDay(last) - parseIsoDay(first)) / DAY_MS)) + 1;
}

/** The day after `day`. */
export function dayAfter(day: string): string {
  return isoDayOf(parseIsoDay(day) + DAY_MS);
}

/** The day before `day`. */
export function dayBefore(day: string): string {
  return isoDayOf(parseIsoDay(day) - DAY_MS);
}

/** The last complete UTC day at an instant: yesterday, since the API's today is still filling up. */
export function lastCompleteDay(instant: number): string {
  return isoDayOf(Math.floor(instant / DAY_MS) * DAY_MS - DAY_MS);
}

/** The UTC day nearest an instant: a Day cell's day for zones within 12 hours of UTC. */
export function nearestDay(instant: number): string {
  return isoDayOf(Math.round(instant / DAY_MS) * DAY_MS);
}

/** Minutes east of UTC in the spreadsheet's zone at an instant. */
export type OffsetAt = (instantMs: number) => number;

/** Midnight of each day in the zone, given as epoch ms, in the order given. */
export function zonedMidnights(days: readonly string[], offsetAt: OffsetAt): number[] {
  if (days.length === 0) return [];
  const offset = memoize(offsetAt);
  const utcMidnights = days.map(parseIsoDay);
  const sorted = utcMidnights
    .filter((day, index) => utcMidnights.indexOf(day) === index)
    .sort((a, b) => a - b);
  // One probe before and after, so every day has a neighbour on each side.
  const probes = [sorted[0]! - DAY_MS, ...sorted, sorted[sorted.length - 1]! + DAY_MS];
  const probeOffsets = sparseOffsets(probes, offset);

  const midnightOf: Record<number, number> = {};
  for (let i = 1; i < probes.length - 1; i++) {
    const [before, here, after] = [probeOffsets[i - 1], probeOffsets[i]!, probeOffsets[i + 1]];
    const steady =
      before === here && here === after && probes[i + 1]! - probes[i - 1]! <= SAME_OFFSET_SPAN_DAYS * DAY_MS;
    // With no offset change around the day, local midnight (within 14 h of UTC midnight) shares it.
    midnightOf[probes[i]!] = steady ? probes[i]! - here * MINUTE_MS : localMidnight(probes[i]!, here, offset);
  }
  return utcMidnights.map((utc) => midnightOf[utc]!);
}

/** Offsets at sorted instants, probing only where a change may hide. */
function sparseOffsets(instants: readonly number[], offset: OffsetAt): number[] {
  const result: number[] = new Array(instants.length);
  const fill = (from: number, to: number): void => {
    const first = offset(instants[from]!);
    const last = offset(instants[to]!);
    if (first === last && instants[to]! - instants[from]! <= SAME_OFFSET_SPAN_DAYS * DAY_MS) {
      for (let i = from; i <= to; i++) result[i] = first;
      return;
    }
    if (to - from <= 1) {
      result[from] = first;
      result[to] = last;
      return;
    }
    const middle = Math.floor((from + to) / 2);
    fill(from, middle);
    fill(middle, to);
  };
  fill(0, instants.length - 1);
  return result;
}

function memoize(offsetAt: OffsetAt): OffsetAt {
  const known: Record<number, number> = {};
  return (instant) => {
    const cached = known[instant];
    if (cached !== undefined) return cached;
    const found = offsetAt(instant);
    known[instant] = found;
    return found;
  };
}

/** The instant of local midnight, correct across a DST change at or near midnight. */
function localMidnight(utcMidnight: number, probedOffset: number, offset: OffsetAt): number {
  const guess = utcMidnight - probedOffset * MINUTE_MS;
  const actual = offset(guess);
  if (actual === probedOffset) return guess;
  const corrected = utcMidnight - actual * MINUTE_MS;
  // Where midnight itself is skipped (a spring-forward at 00:00), take the first instant of the day.
  return offset(corrected) === actual ? corrected : guess;
}

/** Parses "+0100" / "-0530" (Utilities.formatDate's "Z") into minutes east of UTC. */
export function parseZoneOffset(text: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Unrecognised time-zone offset "${text}"`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
