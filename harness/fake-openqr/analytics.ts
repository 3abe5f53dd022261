/** Builds the body of `GET /v1/dynamic/{id}/scans`, field for field as the published guide shows it (docs/openqr-api.md). */
import { lifetimeTotal, scansOnDay } from "./data.ts";
import { dayNumberOf } from "./dates.ts";
import type { DayScans, FakeCode, Plan } from "./types.ts";

export const MAX_ANALYTICS_DAYS = 365;
export const DEFAULT_ANALYTICS_DAYS = 30;
const BREAKDOWN_LIMIT = 8;
const TRAILING_DAYS = 7;

export interface Ranked {
  value: string;
  n: number;
}

export interface ScansBody {
  id: string;
  slug: string;
  short_url: string;
  destination: string;
  scans: { total: number; last7: number; topCountry: string | null; topDevice: string | null };
  analytics: {
    days_window: number;
    total: number;
    window_total: number;
    daily: Array<{ day: string; n: number }>;
    by_country: Ranked[];
    by_device?: Ranked[];
    by_referrer?: Ranked[];
  };
}

/** The window the server honours: the request, capped by the plan. */
export function honouredDays(requested: number, plan: Plan): number {
  return Math.min(requested, plan.analyticsDays ?? MAX_ANALYTICS_DAYS);
}

/** Top entries by count, ties broken by value so output is stable. */
function topEntries(counts: Map<string, number>): Ranked[] {
  return [...counts]
    .map(([value, n]) => ({ value, n }))
    .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, BREAKDOWN_LIMIT);
}

function addInto(target: Map<string, number>, parts: Record<string, number>): void {
  for (const [value, n] of Object.entries(parts)) target.set(value, (target.get(value) ?? 0) + n);
}

export function buildScansBody(
  seed: number,
  nowMs: number,
  code: FakeCode,
  days: number,
  plan: Plan,
): ScansBody {
  const today = dayNumberOf(nowMs);
  // Today's bucket holds the scans so far; every total below counts them alike.
  const window: DayScans[] = [];
  for (let day = today - days + 1; day <= today; day++) window.push(scansOnDay(seed, code, day, nowMs));

  const countries = new Map<string, number>();
  const devices = new Map<string, number>();
  const referrers = new Map<string, number>();
  for (const day of window) {
    addInto(countries, day.byCountry);
    addInto(devices, day.byDevice);
    addInto(referrers, day.byReferrer);
  }
  const byCountry = topEntries(countries);
  const byDevice = topEntries(devices);

  let last7 = 0;
  for (let day = today - TRAILING_DAYS + 1; day <= today; day++) {
    last7 += scansOnDay(seed, code, day, nowMs).n;
  }
  const total = lifetimeTotal(seed, code, nowMs);

  return {
    id: code.id,
    slug: code.slug,
    short_url: code.short_url,
    destination: code.destination,
    scans: {
      total,
      last7,
      // Tops rank the same window as the breakdowns, so they always agree with by_country[0].
      topCountry: byCountry[0]?.value ?? null,
      topDevice: byDevice[0]?.value ?? null,
    },
    analytics: {
      days_window: days,
      total,
      window_total: window.reduce((acc, day) => acc + day.n, 0),
      daily: window.map(({ day, n }) => ({ day, n })),
      by_country: byCountry,
      // Plans without detailed analytics omit these keys entirely rather than sending [].
      ...(plan.detailed ? { by_device: byDevice, by_referrer: topEntries(referrers) } : {}),
    },
  };
}
