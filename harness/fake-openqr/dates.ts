/** UTC calendar days as integers (days since 1970-01-01), the API's day boundary. */

export const DAY_MS = 86_400_000;

export function dayNumberOf(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/** "YYYY-MM-DD" for a day number. */
export function isoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of "YYYY-MM-DD" or of a full ISO timestamp. */
export function dayNumberOfIso(iso: string): number {
  return dayNumberOf(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
