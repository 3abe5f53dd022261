/**
 * Whether the sidebar warns that the reports are stale: the last successful refresh is older
 * than twice the viewer's schedule's interval (hourly 2 h, every 6 h 12 h, daily 48 h; off:
 * never), or none succeeded while the last run failed. Pure: the server hands in what it read.
 */
import type { LastRun, Schedule, StaleReport } from "../shared/settings.ts";

const HOUR_MS = 3_600_000;

/** How old the last success may be before the banner shows, by schedule (null: never). */
export const STALE_AFTER_MS: Record<Schedule, number | null> = {
  off: null,
  hourly: 2 * HOUR_MS,
  every6h: 12 * HOUR_MS,
  daily: 48 * HOUR_MS,
};

export function staleReport(
  schedule: Schedule,
  lastSuccess: string | null,
  lastRun: LastRun | null,
  now: number,
): StaleReport | null {
  const limit = STALE_AFTER_MS[schedule];
  if (limit === null) return null;
  const failedLast = lastRun !== null && !lastRun.ok;
  const stale = lastSuccess === null ? failedLast : now - Date.parse(lastSuccess) > limit;
  if (!stale) return null;
  return { lastSuccess, reason: failedLast ? lastRun.message : "" };
}
