/**
 * Pure table builders: validated OpenQR responses in, 2-D cell arrays out.
 * Day cells are Dates made by the caller's `dayToDate` so they show the API's day in the
 * spreadsheet's time zone.
 */
import type { BreakdownEntry, CodeRow, ScansResponse } from "../openqr/schema.ts";
import type { DayToDate } from "../shared/days.ts";
import type { Dimension } from "./arguments.ts";

export type Cell = string | number | boolean | Date;
export type Table = Cell[][];

/** Shown where the plan leaves a breakdown out, so a blank is not mistaken for "none". */
export const NOT_IN_PLAN = "(not in plan)";

export const SUMMARY_HEADER: readonly string[] = [
  "Slug",
  "Short URL",
  "Destination",
  "Lifetime scans",
  "Last 7 days",
  "Window scans",
  "Days",
  "Top country",
  "Top device",
  "Top referrer",
  "Busiest day",
  "Busiest day scans",
];

export const CODES_HEADER: readonly string[] = [
  "Id",
  "Slug",
  "Short URL",
  "Destination",
  "Label",
  "Status",
  "Created",
];

/** Day, then one column per code (headed by its slug); a day a code lacks counts 0. */
export function scansTable(responses: readonly ScansResponse[], dayToDate: DayToDate): Table {
  const countsByCode = responses.map((response) => {
    const counts: Record<string, number> = {};
    for (const bucket of response.analytics.daily) counts[bucket.day] = bucket.n;
    return counts;
  });
  const days = unionOfDays(responses);
  const dates = dayToDate(days);
  const header: Cell[] = ["Day", ...(responses.length === 1 ? ["Scans"] : responses.map((r) => r.slug))];
  return [
    header,
    ...days.map((day, row) => [dates[row]!, ...countsByCode.map((counts) => counts[day] ?? 0)]),
  ];
}

/** Day and Scans: each day's scans added up over the codes; a day a code lacks counts 0. */
export function rollupTable(responses: readonly ScansResponse[], dayToDate: DayToDate): Table {
  const sums: Record<string, number> = {};
  for (const response of responses) {
    for (const bucket of response.analytics.daily) sums[bucket.day] = (sums[bucket.day] ?? 0) + bucket.n;
  }
  const days = unionOfDays(responses);
  const dates = dayToDate(days);
  return [["Day", "Scans"], ...days.map((day, row): Cell[] => [dates[row]!, sums[day]!])];
}

function unionOfDays(responses: readonly ScansResponse[]): string[] {
  const seen: Record<string, true> = {};
  for (const response of responses) for (const bucket of response.analytics.daily) seen[bucket.day] = true;
  // ISO days sort as text.
  return Object.keys(seen).sort();
}

export function summaryTable(responses: readonly ScansResponse[], dayToDate: DayToDate): Table {
  const busiest = responses.map(busiestDay);
  const busyDays = busiest.map((b) => b.day).filter((day) => day !== "");
  const dateOf: Record<string, Date> = {};
  dayToDate(busyDays).forEach((date, index) => {
    dateOf[busyDays[index]!] = date;
  });
  const rows = responses.map((response, index): Cell[] => {
    const { scans, analytics } = response;
    const top = busiest[index]!;
    return [
      response.slug,
      response.short_url,
      response.destination,
      scans.total,
      scans.last7,
      analytics.window_total,
      analytics.days_window,
      topValue(analytics.by_country) || (scans.topCountry ?? ""),
      analytics.by_device === undefined ? (scans.topDevice ?? NOT_IN_PLAN) : topValue(analytics.by_device),
      analytics.by_referrer === undefined ? NOT_IN_PLAN : topValue(analytics.by_referrer),
      top.day === "" ? "" : dateOf[top.day]!,
      top.n,
    ];
  });
  return [[...SUMMARY_HEADER], ...rows];
}

/** The day with most scans (the earliest on a tie); none when the window has no scans. */
export function busiestDay(response: ScansResponse): { day: string; n: number } {
  let best = { day: "", n: 0 };
  for (const bucket of response.analytics.daily) if (bucket.n > best.n) best = bucket;
  return best;
}

function topValue(entries: readonly BreakdownEntry[]): string {
  return entries[0]?.value ?? "";
}

export const DIMENSION_HEADERS: Record<Dimension, string> = {
  country: "Country",
  device: "Device",
  referrer: "Referrer",
};

/**
 * One code: [<Dimension>, "Scans"]. Several: one column per slug; a value outside a code's
 * top 8 is left blank, not 0, because OpenQR does not say how many it had.
 */
export function breakdownTable(responses: readonly ScansResponse[], dimension: Dimension): Table {
  const lists = responses.map((response) => breakdownOf(response, dimension) ?? []);
  const header: Cell[] = [
    DIMENSION_HEADERS[dimension],
    ...(responses.length === 1 ? ["Scans"] : responses.map((r) => r.slug)),
  ];
  const totals: Record<string, number> = {};
  const order: string[] = [];
  for (const list of lists) {
    for (const entry of list) {
      if (totals[entry.value] === undefined) order.push(entry.value);
      totals[entry.value] = (totals[entry.value] ?? 0) + entry.n;
    }
  }
  // Largest first; first-seen order breaks ties so the API's own order survives for one code.
  const values = order
    .map((value, index) => ({ value, index }))
    .sort((a, b) => totals[b.value]! - totals[a.value]! || a.index - b.index)
    .map((item) => item.value);
  const rows = values.map((value): Cell[] => [
    value,
    ...lists.map((list) => list.filter((entry) => entry.value === value)[0]?.n ?? ""),
  ]);
  return [header, ...rows];
}

export function breakdownOf(response: ScansResponse, dimension: Dimension): BreakdownEntry[] | undefined {
  const { analytics } = response;
  if (dimension === "country") return analytics.by_country;
  return dimension === "device" ? analytics.by_device : analytics.by_referrer;
}

/** Lifetime totals in the shape of the ids given; blank ids stay blank. */
export function totalsTable(
  grid: ReadonlyArray<ReadonlyArray<string | null>>,
  totalOf: (id: string) => number,
): Table {
  return grid.map((row) => row.map((id) => (id === null ? "" : totalOf(id))));
}

export function codesTable(codes: readonly CodeRow[], toDate: (iso: string) => Date | string): Table {
  return [
    [...CODES_HEADER],
    ...codes.map((code): Cell[] => [
      code.id,
      code.slug,
      code.short_url,
      code.destination,
      code.label ?? "",
      code.status,
      toDate(code.created_at),
    ]),
  ];
}
