/**
 * What one scans response says about its code, as one record: the OPENQR_SUMMARY formula
 * and the Summary sheet both lay it out, each in its own columns.
 */
import type { BreakdownEntry, ScansResponse } from "./schema.ts";

/** Shown where the plan leaves a breakdown out, so a blank is not mistaken for "none". */
export const NOT_IN_PLAN = "(not in plan)";

export type Dimension = "country" | "device" | "referrer";
/** The breakdowns, in the order the sheets list them. */
export const DIMENSIONS: readonly Dimension[] = ["country", "device", "referrer"];

export interface CodeSummary {
  slug: string;
  shortUrl: string;
  destination: string;
  /** Every scan the code has had. */
  lifetime: number;
  /** Scans in the trailing 7 days (OpenQR's own count). */
  last7: number;
  /** Scans in the window the server honoured, and its days. */
  windowTotal: number;
  windowDays: number;
  /** "" when nothing ranks; NOT_IN_PLAN where the plan leaves the breakdown out. */
  topCountry: string;
  topDevice: string;
  topReferrer: string;
  /** The window's busiest day (the earliest on a tie), "" when it had no scans, and its scans. */
  busiestDay: string;
  busiestScans: number;
}

/** A dimension's top values, or undefined when the plan omits it. */
export function breakdownOf(response: ScansResponse, dimension: Dimension): BreakdownEntry[] | undefined {
  const { analytics } = response;
  if (dimension === "country") return analytics.by_country;
  return dimension === "device" ? analytics.by_device : analytics.by_referrer;
}

/** The day with most scans (the earliest on a tie); none when the window has no scans. */
export function busiestDay(response: ScansResponse): { day: string; n: number } {
  let best = { day: "", n: 0 };
  for (const bucket of response.analytics.daily) if (bucket.n > best.n) best = bucket;
  return best;
}

const topValue = (entries: readonly BreakdownEntry[]) => entries[0]?.value ?? "";

export function summarizeCode(response: ScansResponse): CodeSummary {
  const { scans, analytics } = response;
  const busiest = busiestDay(response);
  return {
    slug: response.slug,
    shortUrl: response.short_url,
    destination: response.destination,
    lifetime: scans.total,
    last7: scans.last7,
    windowTotal: analytics.window_total,
    windowDays: analytics.days_window,
    topCountry: topValue(analytics.by_country) || (scans.topCountry ?? ""),
    topDevice:
      analytics.by_device === undefined ? (scans.topDevice ?? NOT_IN_PLAN) : topValue(analytics.by_device),
    topReferrer: analytics.by_referrer === undefined ? NOT_IN_PLAN : topValue(analytics.by_referrer),
    busiestDay: busiest.day,
    busiestScans: busiest.n,
  };
}
