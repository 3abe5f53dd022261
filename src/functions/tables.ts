/**
 * Pure table builders: validated OpenQR responses in, 2-D cell arrays out.
 * Day cells are Dates made by the caller's `dayToDate` so they show the API's day in the
 * spreadsheet's time zone.
 */
import { breakdownOf, type Dimension, summarizeCode } from "../openqr/code-summary.ts";
import type { CodeRow, ScansResponse } from "../openqr/schema.ts";
import type { Cell } from "../shared/cell.ts";
import type { DayToDate } from "../shared/days.ts";

export type Table = Cell[][];

/** OPENQR_SUMMARY's columns. */
export const OPENQR_SUMMARY_HEADER: readonly string[] = [
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

/** OPENQR_CODES's columns. */
export const OPENQR_CODES_HEADER: readonly string[] = [
  "Id",
  "Slug",
  "Short URL",
  "Destination",
  "Label",
  "Status",
  "Created",
];

/**
 * Day, then one column per code (headed by its slug). Without `range` the days are the
 * responses' and a day a code lacks counts 0; with a range's days, each of them is a row and
 * a day a code's response lacks is blank (unknown).
 */
export function scansTable(
  responses: readonly ScansResponse[],
  dayToDate: DayToDate,
  range: readonly string[] | null = null,
): Table {
  const countsByCode = responses.map(countsByDay);
  const days = range ?? unionOfDays(responses);
  const missing: Cell = range ? "" : 0;
  const dates = dayToDate(days);
  const header: Cell[] = ["Day", ...(responses.length === 1 ? ["Scans"] : responses.map((r) => r.slug))];
  return [
    header,
    ...days.map((day, row) => [dates[row]!, ...countsByCode.map((counts) => counts[day] ?? missing)]),
  ];
}

/** Day and Scans: each day's scans added up over the codes; a day is as in `scansTable`, blank if any code lacks it in a range. */
export function rollupTable(
  responses: readonly ScansResponse[],
  dayToDate: DayToDate,
  range: readonly string[] | null = null,
): Table {
  const days = range ?? unionOfDays(responses);
  const sums = sumsByDay(responses, days, range !== null);
  const dates = dayToDate(days);
  return [["Day", "Scans"], ...days.map((_, row): Cell[] => [dates[row]!, sums[row]!])];
}

export function countsByDay(response: ScansResponse): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const bucket of response.analytics.daily) counts[bucket.day] = bucket.n;
  return counts;
}

/** Each day's sum over the responses; with `strict`, blank where any response lacks the day. */
export function sumsByDay(
  responses: readonly ScansResponse[],
  days: readonly string[],
  strict: boolean,
): Cell[] {
  const counts = responses.map(countsByDay);
  return days.map((day) => {
    let sum = 0;
    for (const code of counts) {
      const n = code[day];
      if (n === undefined && strict) return "";
      sum += n ?? 0;
    }
    return sum;
  });
}

export function unionOfDays(responses: readonly ScansResponse[]): string[] {
  const seen: Record<string, true> = {};
  for (const response of responses) for (const bucket of response.analytics.daily) seen[bucket.day] = true;
  // ISO days sort as text.
  return Object.keys(seen).sort();
}

export function summaryTable(responses: readonly ScansResponse[], dayToDate: DayToDate): Table {
  const summaries = responses.map(summarizeCode);
  const busyDays = summaries.map((code) => code.busiestDay).filter((day) => day !== "");
  const dateOf: Record<string, Date> = {};
  dayToDate(busyDays).forEach((date, index) => {
    dateOf[busyDays[index]!] = date;
  });
  const rows = summaries.map((code): Cell[] => [
    code.slug,
    code.shortUrl,
    code.destination,
    code.lifetime,
    code.last7,
    code.windowTotal,
    code.windowDays,
    code.topCountry,
    code.topDevice,
    code.topReferrer,
    code.busiestDay === "" ? "" : dateOf[code.busiestDay]!,
    code.busiestScans,
  ]);
  return [[...OPENQR_SUMMARY_HEADER], ...rows];
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

/** Lifetime totals in the shape of the ids given; blank ids stay blank. */
export function totalsTable(
  grid: ReadonlyArray<ReadonlyArray<string | null>>,
  totalOf: (id: string) => number,
): Table {
  return grid.map((row) => row.map((id) => (id === null ? "" : totalOf(id))));
}

export function codesTable(codes: readonly CodeRow[], toDate: (iso: string) => Date | string): Table {
  return [
    [...OPENQR_CODES_HEADER],
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
