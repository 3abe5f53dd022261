/**
 * What the archive says about each code after a run: week over week, and the last complete
 * day's trend (trends.ts), from the merged OpenQR Daily, so days before a free plan's 7-day
 * window count too.
 */
import { daysEnding } from "../shared/days.ts";
import { countsByCode, type DailyEntry } from "./daily-archive.ts";
import { BASELINE_DAYS, type DayJudgement, judgeDay, type WeekOverWeek, weekOverWeek } from "./trends.ts";

export interface CodeInsight {
  week: WeekOverWeek;
  judgement: DayJudgement;
}

/** Each code's first day with scans among the entries. */
function firstScannedDays(entries: readonly DailyEntry[]): Record<string, string> {
  const firstScanned: Record<string, string> = {};
  for (const entry of entries) {
    const first = firstScanned[entry.codeId];
    if ((entry.scans ?? 0) > 0 && (first === undefined || entry.day < first))
      firstScanned[entry.codeId] = entry.day;
  }
  return firstScanned;
}

/**
 * The insights of the codes given, judged on `day` (the run's last complete UTC day). The
 * entries are the archive's rows the run read: at least the window and the trend's baseline
 * (daily-tail.ts firstDayNeeded). A code's history starts on its creation day when the list
 * gave it (`createdDays`), else on its first scanned day in those rows: a code silent since
 * before them counts from its next scan, an approximation the README states.
 */
export function insightsOf(
  entries: readonly DailyEntry[],
  codeIds: readonly string[],
  createdDays: Readonly<Record<string, string>>,
  day: string,
): Record<string, CodeInsight> {
  const counts = countsByCode(entries, daysEnding(day, BASELINE_DAYS + 1));
  const firstScanned = firstScannedDays(entries);
  const insights: Record<string, CodeInsight> = {};
  for (const codeId of codeIds) {
    const perDay = counts[codeId] ?? {};
    const start = { created: createdDays[codeId] ?? null, firstScanned: firstScanned[codeId] ?? null };
    insights[codeId] = { week: weekOverWeek(perDay, day), judgement: judgeDay(perDay, day, start) };
  }
  return insights;
}
