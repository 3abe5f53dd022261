/** Time-zone arithmetic on Node's Intl (the emulator runs in Node; the product code cannot). */

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local minus UTC
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const FIXED_OFFSET = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** A fixed "GMT+01:00"-style offset in minutes, or undefined for zone names. */
function fixedOffsetMinutes(timeZone: string): number | undefined {
  const match = FIXED_OFFSET.exec(timeZone.trim());
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (fixedOffsetMinutes(timeZone) !== undefined) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Java's TimeZone.getTimeZone falls back to GMT for unknown IDs; so do we. */
function effectiveZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : "UTC";
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

// Intl formatting dominates row-at-a-time writers (every typed date is converted), and the
// same instants recur: remembered per zone and instant, bounded.
const wallClocks = new Map<string, WallClock>();
const WALL_CLOCK_MEMO_LIMIT = 100_000;

export function wallClock(instant: number, timeZone: string): WallClock {
  const key = `${timeZone}|${instant}`;
  const known = wallClocks.get(key);
  if (known) return { ...known };
  const computed = computeWallClock(instant, timeZone);
  if (wallClocks.size >= WALL_CLOCK_MEMO_LIMIT) wallClocks.clear();
  wallClocks.set(key, computed);
  return { ...computed };
}

function computeWallClock(instant: number, timeZone: string): WallClock {
  const zone = effectiveZone(timeZone);
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) {
    const shifted = new Date(instant + fixed * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
      weekday: shifted.getUTCDay(),
      offsetMinutes: fixed,
    };
  }
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const millisecond = ((instant % 1000) + 1000) % 1000;
  const fields = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  const asUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  const offsetMinutes = Math.round((asUtc - (instant - millisecond)) / 60_000);
  return { ...fields, millisecond, weekday: WEEKDAYS.indexOf(parts.weekday ?? "Sun"), offsetMinutes };
}

export function offsetMinutesAt(instant: number, timeZone: string): number {
  return wallClock(instant, timeZone).offsetMinutes;
}

/** The instant at which the wall clock in `timeZone` reads the given local time. */
export function instantOf(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let instant = asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000;
  // A second pass settles instants near a DST change.
  instant = asUtc - offsetMinutesAt(instant, timeZone) * 60_000;
  return instant;
}

/** A short zone name ("GMT", "PST", "GMT+1") for the `z` pattern letter. */
export function shortZoneName(instant: number, timeZone: string): string {
  const zone = effectiveZone(timeZone);
  if (fixedOffsetMinutes(zone) !== undefined) return zone.toUpperCase().replace("UTC", "GMT");
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date(instant))
    .find((candidate) => candidate.type === "timeZoneName");
  return part?.value ?? "GMT";
}
