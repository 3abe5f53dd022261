/**
 * The daily digest's data after a run (daily-digest.ts writes the message): this user's
 * codes as the run left the Summary, and their scans from the merged archive, on the last
 * complete UTC day and the 7 days ending with it.
 */
import { daysEnding } from "../shared/days.ts";
import type { CodeInsight } from "./code-insights.ts";
import { countsByCode, type DailyEntry } from "./daily-archive.ts";
import type { DigestAlert, DigestInput, DigestMover } from "./daily-digest.ts";
import type { SummaryCode } from "./summary-table.ts";

/** The digest, less the file's name and link (added when it is posted). */
export type FleetDigest = Omit<DigestInput, "spreadsheetName" | "spreadsheetUrl">;

export interface FleetDigestInput {
  /** The Summary's code rows in its order; the digest tells of those this run covered (this user's account). */
  codes: readonly SummaryCode[];
  entries: readonly DailyEntry[];
  insights: Readonly<Record<string, CodeInsight>>;
  /** The last complete UTC day. */
  day: string;
  /** Codes whose numbers are from an earlier run (failed or waiting in this one). */
  notRefreshed: number;
  /** Each code's group (groupsByCode in code-groups.ts). */
  groups: ReadonlyMap<string, string>;
}

export function fleetDigest(input: FleetDigestInput): FleetDigest {
  const { day } = input;
  const week = daysEnding(day, 7);
  const counts = countsByCode(input.entries, week);
  const codes = input.codes.filter((code) => code.covered);
  const alerts: DigestAlert[] = [];
  const movers: DigestMover[] = [];
  for (const { codeId, slug } of codes) {
    const insight = input.insights[codeId];
    if (!insight) continue;
    const { trend, scans, typical } = insight.judgement;
    if ((trend === "spike" || trend === "drop") && scans !== null && typical !== null) {
      alerts.push({ slug, trend, scans, typical });
    }
    const { change, previous } = insight.week;
    if (change !== null && previous !== null) movers.push({ slug, change, previous });
  }
  return {
    day,
    notRefreshed: input.notRefreshed,
    alerts,
    movers,
    codes: codes.map((code) => {
      const perDay = counts[code.codeId] ?? {};
      const group = input.groups.get(code.codeId);
      return {
        ...(group === undefined ? {} : { group }),
        slug: code.slug,
        dayScans: perDay[day] ?? 0,
        weekScans: week.reduce((sum, d) => sum + (perDay[d] ?? 0), 0),
        lifetime: code.lifetime ?? 0,
        topCountry: code.topCountry,
        topReferrer: code.topReferrer,
      };
    }),
  };
}
