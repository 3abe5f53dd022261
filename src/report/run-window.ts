/**
 * The days a run works with: the fleet series' days (as many as the window the API honoured,
 * ending with the last complete UTC day: today's count is still filling up), and every day
 * that needs a Date in the sheets.
 */
import type { ScansResponse } from "../openqr/schema.ts";
import { type DayToDate, daysEnding, lastCompleteDay } from "../shared/days.ts";

export interface RunWindow {
  /** The last complete UTC day at the run's start: the day trends and the digest judge. */
  day: string;
  /** The chart's days, oldest first. */
  seriesDays: string[];
  /** Every day of the series and of the responses, once each. */
  days: string[];
}

/** `days`: the settings' window, used when no response says what the API honoured. */
export function runWindow(responses: readonly ScansResponse[], days: number, startedAt: number): RunWindow {
  const honoured =
    responses.reduce((most, response) => Math.max(most, response.analytics.days_window), 0) || days;
  const day = lastCompleteDay(startedAt);
  const seriesDays = daysEnding(day, honoured);
  const fetchedDays = responses.flatMap((response) => response.analytics.daily.map((bucket) => bucket.day));
  const seen: Record<string, true> = {};
  const unique: string[] = [];
  for (const each of [...seriesDays, ...fetchedDays]) {
    if (seen[each]) continue;
    seen[each] = true;
    unique.push(each);
  }
  return { day, seriesDays, days: unique };
}

/** Each day's Date, made by `dayToDate` (midnight in the spreadsheet's zone). */
export function datesByDay(days: readonly string[], dayToDate: DayToDate): Record<string, Date> {
  const dates = dayToDate(days);
  const byDay: Record<string, Date> = {};
  days.forEach((day, index) => {
    byDay[day] = dates[index]!;
  });
  return byDay;
}
