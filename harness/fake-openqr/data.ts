/**
 * Seeded, deterministic codes and scans. A day's scans derive only from (seed, code id, day),
 * so moving "now" forward shifts the window without rewriting the past. Each scan of a day
 * has a time of day too, so today's count is the part of the day's scans that happened by
 * "now", and grows through the day as the real API's does.
 */
import { DAY_MS, dayNumberOf, dayNumberOfIso, isoDay, isWeekend } from "./dates.ts";
import { hexId, poisson, randomFor } from "./prng.ts";
import type { CodeStatus, DayScans, FakeCode, FakeCodeInput, ScanProfile } from "./types.ts";

export const SHORT_URL_BASE = "https://oqr.to/";

// Relative weights; more than 8 countries and referrers so the top-8 cap is visible.
const UK_AUDIENCE = { GB: 70, IE: 8, US: 6, FR: 3, DE: 3, ES: 2, NL: 2, IT: 1, CA: 1, AU: 1, Unknown: 3 };
const TOURIST_AUDIENCE = { GB: 30, US: 18, FR: 12, DE: 11, ES: 8, IE: 5, NL: 5, IT: 4, JP: 3, Unknown: 4 };
const US_AUDIENCE = { US: 34, GB: 16, DE: 10, CA: 8, FR: 6, AU: 5, NL: 4, IN: 4, BR: 3, Unknown: 4 };
const PHONES = { mobile: 88, tablet: 6, desktop: 3, Unknown: 3 };
const MIXED_DEVICES = { mobile: 62, desktop: 28, tablet: 7, Unknown: 3 };
// Short links pasted into emails get clicked on desktops more than scanned.
const EMAIL_DEVICES = { desktop: 55, mobile: 36, tablet: 6, Unknown: 3 };
const PRINT_REFERRERS = { Direct: 92, "google.com": 3, "t.co": 1, "instagram.com": 2, "facebook.com": 2 };
const SOCIAL_REFERRERS = {
  Direct: 48,
  "instagram.com": 14,
  "t.co": 9,
  "facebook.com": 9,
  "google.com": 7,
  "l.messenger.com": 4,
  "linkedin.com": 3,
  "reddit.com": 2,
  "bing.com": 2,
  "duckduckgo.com": 1,
  "news.ycombinator.com": 1,
};

interface CodeTemplate {
  slug: string;
  label: string | null;
  destination: string;
  status: CodeStatus;
  ageDays: number;
  profile: ScanProfile;
}

function template(
  slug: string,
  label: string | null,
  destination: string,
  ageDays: number,
  meanDaily: number,
  extra: Partial<ScanProfile> & { status?: CodeStatus } = {},
): CodeTemplate {
  const { status = "active", ...profile } = extra;
  return {
    slug,
    label,
    destination,
    status,
    ageDays,
    profile: {
      meanDaily,
      weekendFactor: 1,
      countryWeights: UK_AUDIENCE,
      deviceWeights: PHONES,
      referrerWeights: PRINT_REFERRERS,
      ...profile,
    },
  };
}

// Labels include text a spreadsheet must not treat as markup or a formula ("+44…", quotes, <>, &).
const TEMPLATES: CodeTemplate[] = [
  template("spring-sale", "Spring sale posters", "https://example.com/spring/live", 95, 24, {
    referrerWeights: SOCIAL_REFERRERS,
  }),
  template(
    "menu-table-4",
    'Café menu — "Table 4" <upstairs> & bar',
    "https://example.com/menu?table=4&lang=en",
    420,
    6,
    {
      weekendFactor: 2.2,
    },
  ),
  template("flyer-a5", "A5 flyer (print run 2)", "https://example.com/flyer", 160, 4, { weekendFactor: 0.5 }),
  template("festival-gate", "Summer festival gate", "https://tickets.example.com/festival/entry", 48, 380, {
    countryWeights: TOURIST_AUDIENCE,
    weekendFactor: 1.6,
  }),
  template("business-card", null, "https://example.com/about/sam", 610, 1.2, {
    deviceWeights: MIXED_DEVICES,
    weekendFactor: 0.3,
  }),
  template("product-manual", "Manual: model X200", "https://support.example.com/x200/manual.pdf", 300, 15, {
    countryWeights: US_AUDIENCE,
    deviceWeights: MIXED_DEVICES,
  }),
  template("shop-window", "Shop window display", "https://example.com/shop?utm_source=window", 75, 9, {
    countryWeights: TOURIST_AUDIENCE,
    weekendFactor: 1.4,
  }),
  template("feedback-form", "Customer feedback", "https://forms.example.com/f/feedback", 230, 3),
  template("wifi-guest", null, "https://example.com/wifi", 33, 7, { weekendFactor: 1.3 }),
  template("winter-promo-2024", "Winter promo 2024 (ended)", "https://example.com/winter", 800, 0.3, {
    status: "paused",
  }),
  template("bus-stop-poster", "+44 hotline poster", "https://example.com/call-us", 130, 18, {
    referrerWeights: SOCIAL_REFERRERS,
  }),
  template("newsletter-signup", "Newsletter signup", "https://example.com/newsletter", 12, 5, {
    deviceWeights: EMAIL_DEVICES,
    referrerWeights: SOCIAL_REFERRERS,
  }),
  template("menu-table-7", "Café menu — Table 7", "https://example.com/menu?table=7&lang=en", 419, 5, {
    weekendFactor: 2.2,
  }),
  template("conference-badge", "Conference badge", "https://example.com/talks/2026", 21, 11, {
    deviceWeights: MIXED_DEVICES,
  }),
];

function codeFromTemplate(seed: number, index: number, todayMs: number, source: CodeTemplate): FakeCode {
  const random = randomFor(seed, "code", index);
  const id = hexId(random);
  const createdMs = (dayNumberOf(todayMs) - source.ageDays) * DAY_MS + Math.floor(random() * DAY_MS);
  return {
    id,
    slug: source.slug,
    short_url: SHORT_URL_BASE + source.slug,
    destination: source.destination,
    label: source.label,
    status: source.status,
    created_at: new Date(Math.floor(createdMs / 1000) * 1000).toISOString(),
    profile: source.profile,
  };
}

/** The seeded codes: the templates first, then plain "campaign-N" codes if more are asked for. */
export function seedCodes(seed: number, nowMs: number, count: number): FakeCode[] {
  const codes: FakeCode[] = [];
  for (let index = 0; index < count; index++) {
    const random = randomFor(seed, "extra", index);
    const source =
      TEMPLATES[index] ??
      template(
        `campaign-${index + 1}`,
        `Campaign ${index + 1}`,
        `https://example.com/c/${index + 1}`,
        2 + Math.floor(random() * 500),
        Math.round(random() * 300) / 10,
      );
    codes.push(codeFromTemplate(seed, index, nowMs, source));
  }
  return codes;
}

/** A code built for a test: chosen fields kept, the rest defaulted (created now, 5 scans a day). */
export function codeFromInput(seed: number, serial: number, nowMs: number, input: FakeCodeInput): FakeCode {
  const random = randomFor(seed, "added", serial);
  const id = input.id ?? hexId(random);
  const slug = input.slug ?? `added-${serial}`;
  return {
    id,
    slug,
    short_url: SHORT_URL_BASE + slug,
    destination: input.destination ?? `https://example.com/added/${serial}`,
    label: input.label === undefined ? `Added code ${serial}` : input.label,
    status: input.status ?? "active",
    created_at: input.created_at ?? new Date(nowMs).toISOString(),
    profile: {
      meanDaily: 5,
      weekendFactor: 1,
      countryWeights: UK_AUDIENCE,
      deviceWeights: PHONES,
      referrerWeights: PRINT_REFERRERS,
      ...input.profile,
    },
    ...(input.fixedDaily ? { fixedDaily: { ...input.fixedDaily } } : {}),
  };
}

/** How many scans a code has on one whole day. */
export function countOnDay(seed: number, code: FakeCode, dayNumber: number): number {
  if (code.fixedDaily) return code.fixedDaily[isoDay(dayNumber)] ?? 0;
  if (dayNumber < dayNumberOfIso(code.created_at)) return 0;
  const { meanDaily, weekendFactor } = code.profile;
  // A slow 8-week wave with a per-code phase, so charts are not flat noise.
  const phase = randomFor(seed, code.id, "phase")() * 2 * Math.PI;
  const wave = 1 + 0.35 * Math.sin((2 * Math.PI * dayNumber) / 56 + phase);
  const mean = meanDaily * wave * (isWeekend(dayNumber) ? weekendFactor : 1);
  return poisson(mean, randomFor(seed, code.id, dayNumber, "count"));
}

/**
 * Splits `total` across categories in proportion to jittered weights (largest remainder),
 * so the parts always sum to `total` and vary a little from day to day.
 */
function apportion(total: number, weights: Readonly<Record<string, number>>, random: () => number) {
  const parts: Record<string, number> = {};
  if (total === 0) return parts;
  const jittered = Object.entries(weights).map(([value, weight]) => ({
    value,
    weight: weight * (0.6 + 0.8 * random()),
  }));
  const sum = jittered.reduce((acc, entry) => acc + entry.weight, 0);
  const shares = jittered.map(({ value, weight }) => {
    const exact = (total * weight) / sum;
    return { value, whole: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((acc, share) => acc + share.whole, 0);
  for (const share of [...shares].sort((a, b) => b.fraction - a.fraction)) {
    if (left === 0) break;
    share.whole++;
    left--;
  }
  for (const share of shares) if (share.whole > 0) parts[share.value] = share.whole;
  return parts;
}

/**
 * How many of a day's `n` scans happened before `nowMs`: all of a past day's, none of a later
 * day's, and of today's those whose time of day (each scan's own, seeded, spread evenly over
 * the UTC day) is already past. The same scans keep the same times, so the count only grows.
 */
function happenedBy(seed: number, code: FakeCode, dayNumber: number, n: number, nowMs: number): number {
  const today = dayNumberOf(nowMs);
  if (dayNumber < today) return n;
  if (dayNumber > today) return 0;
  const elapsed = (nowMs - today * DAY_MS) / DAY_MS;
  const timeOfDay = randomFor(seed, code.id, dayNumber, "time");
  let count = 0;
  for (let scan = 0; scan < n; scan++) if (timeOfDay() < elapsed) count++;
  return count;
}

/** How many scans a code had on one day by `nowMs` (the whole day's, once it is over). */
export function countOnDayBy(seed: number, code: FakeCode, dayNumber: number, nowMs: number): number {
  return happenedBy(seed, code, dayNumber, countOnDay(seed, code, dayNumber), nowMs);
}

/** One day of one code by `nowMs`, with its full per-dimension split of the scans so far. */
export function scansOnDay(seed: number, code: FakeCode, dayNumber: number, nowMs: number): DayScans {
  const n = countOnDayBy(seed, code, dayNumber, nowMs);
  const random = randomFor(seed, code.id, dayNumber, "split");
  return {
    day: isoDay(dayNumber),
    n,
    byCountry: apportion(n, code.profile.countryWeights, random),
    byDevice: apportion(n, code.profile.deviceWeights, random),
    byReferrer: apportion(n, code.profile.referrerWeights, random),
  };
}

/** Every scan up to `nowMs`: the API's lifetime total (today's partial day included). */
export function lifetimeTotal(seed: number, code: FakeCode, nowMs: number): number {
  const today = dayNumberOf(nowMs);
  if (code.fixedDaily) {
    return Object.keys(code.fixedDaily)
      .filter((day) => dayNumberOfIso(day) <= today)
      .reduce((acc, day) => acc + countOnDayBy(seed, code, dayNumberOfIso(day), nowMs), 0);
  }
  let total = 0;
  for (let day = dayNumberOfIso(code.created_at); day < today; day++) {
    total += countOnDay(seed, code, day);
  }
  return total + countOnDayBy(seed, code, today, nowMs);
}

/** The account behind the demo key, older than every seeded code. */
export function accountCreatedAt(seed: number, nowMs: number): string {
  const random = randomFor(seed, "account");
  const createdMs = (dayNumberOf(nowMs) - 900) * DAY_MS + Math.floor(random() * DAY_MS);
  return new Date(Math.floor(createdMs / 1000) * 1000).toISOString();
}
