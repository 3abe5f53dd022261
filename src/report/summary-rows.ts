/**
 * The OpenQR Summary sheet's layout: one row per code, a total row for the fleet, and below
 * them the fleet's daily totals that the sheet's one chart draws. Its columns and their
 * number formats are declared here, by name; each code's row as a run reads it back too.
 *
 * The Refreshed at column doubles as the run's memory of which codes are stalest, so a
 * fleet too big for one run is covered by the next runs, stalest first, without a
 * property per code.
 */
import { summarizeCode } from "../openqr/code-summary.ts";
import type { ScansResponse } from "../openqr/schema.ts";
import { CHANGE_FORMAT, COUNT_FORMAT, DAY_FORMAT, TIME_FORMAT } from "./block-formats.ts";
import type { CodeInsight } from "./code-insights.ts";
import { instantOf, literal, textOf, type WritableCell, type WritableRow } from "./sheet-cells.ts";

export const SUMMARY_HEADER = [
  "Code ID",
  "Slug",
  "Short URL",
  "Destination",
  "Lifetime",
  "Last 7 days",
  "Last 7 full days",
  "Previous 7 full days",
  "Change",
  "Trend",
  "Window total",
  "Window (days)",
  "Top country",
  "Top device",
  "Top referrer",
  "Busiest day",
  "Refreshed at",
  "Status",
  // Layout 2 (see layout-migration.ts): columns are only ever appended here.
  "Account",
  // Layout 3: the user's to fill in (code-groups.ts); the add-on carries it with its code.
  "Group",
] as const;
export type SummaryColumn = (typeof SUMMARY_HEADER)[number];
export const SUMMARY_COLUMNS = SUMMARY_HEADER.length;
/**
 * Where the cells the user fills in begin: `Group` and the user's own columns. The add-on
 * never writes them, it only moves them with their code's row, formulas as R1C1 (sheet-cells.ts).
 */
export const SUMMARY_USER_CELLS_FROM = SUMMARY_HEADER.indexOf("Group");

/** The number formats of the code rows and the total row. */
export const SUMMARY_FORMATS: Readonly<Partial<Record<SummaryColumn, string>>> = {
  Lifetime: COUNT_FORMAT,
  "Last 7 days": COUNT_FORMAT,
  "Last 7 full days": COUNT_FORMAT,
  "Previous 7 full days": COUNT_FORMAT,
  Change: CHANGE_FORMAT,
  "Window total": COUNT_FORMAT,
  "Busiest day": DAY_FORMAT,
  "Refreshed at": TIME_FORMAT,
};

export const TOTAL_LABEL = "Total";
/** The chart's series, below the total row, under a header of its own. */
export const SERIES_HEADER = ["Day", "Fleet scans"] as const;
export const SERIES_FORMATS: Readonly<Partial<Record<(typeof SERIES_HEADER)[number], string>>> = {
  Day: DAY_FORMAT,
  "Fleet scans": COUNT_FORMAT,
};

/** A column's index in a row (0-based). */
export function cellIndex(name: SummaryColumn): number {
  return SUMMARY_HEADER.indexOf(name);
}

/** A column's number as the sheet shows it (1-based, A = 1), for readers of the sheet such as tests. */
export function columnOf(name: SummaryColumn): number {
  return cellIndex(name) + 1;
}

/** The cells a fresh response sets, by column. */
export function refreshedCells(
  response: ScansResponse,
  dayDates: Readonly<Record<string, Date>>,
): Partial<Record<SummaryColumn, WritableCell>> {
  const code = summarizeCode(response);
  return {
    "Code ID": literal(response.id),
    Slug: literal(code.slug),
    "Short URL": literal(code.shortUrl),
    Destination: literal(code.destination),
    Lifetime: code.lifetime,
    "Last 7 days": code.last7,
    "Window total": code.windowTotal,
    "Window (days)": code.windowDays,
    "Top country": literal(code.topCountry),
    "Top device": literal(code.topDevice),
    "Top referrer": literal(code.topReferrer),
    "Busiest day": code.busiestDay === "" ? "" : dayDates[code.busiestDay]!,
  };
}

export function insightCells(insight: CodeInsight | undefined): Partial<Record<SummaryColumn, WritableCell>> {
  const week = insight?.week;
  return {
    "Last 7 full days": week?.last ?? "",
    "Previous 7 full days": week?.previous ?? "",
    Change: week?.change ?? "",
    Trend: insight ? literal(insight.judgement.trend) : "",
  };
}

export function setCells(cells: WritableRow, values: Partial<Record<SummaryColumn, WritableCell>>): void {
  for (const name of Object.keys(values) as SummaryColumn[]) cells[cellIndex(name)] = values[name]!;
}

/** A code's row as the sheet holds it. */
export interface KnownRow {
  codeId: string;
  cells: WritableRow;
}

/** The code rows of the sheet as read (header first), in order; a code listed twice, twice. */
export function knownRows(existing: readonly WritableRow[]): KnownRow[] {
  const rows: KnownRow[] = [];
  for (const cells of existing.slice(1)) {
    const first = textOf(cells[0]);
    if (first === "" || first === TOTAL_LABEL) continue;
    if (first === SERIES_HEADER[0] && textOf(cells[1]) === SERIES_HEADER[1]) break;
    rows.push({ codeId: first, cells: cells.slice() });
  }
  return rows;
}

/** When each code was last refreshed, from the sheet as read (null: never, or unreadable). */
export function refreshedAtByCode(existing: readonly WritableRow[]): Record<string, number | null> {
  const refreshed: Record<string, number | null> = {};
  // The last row of a code listed twice decides, as it always has.
  for (const row of knownRows(existing))
    refreshed[row.codeId] = instantOf(row.cells[cellIndex("Refreshed at")]);
  return refreshed;
}

/** Each code's Account cell, from the sheet as read. */
export function accountByCode(existing: readonly WritableRow[]): Record<string, string> {
  const accounts: Record<string, string> = {};
  // The first row of a code listed twice: the one the Summary keeps.
  for (const row of knownRows(existing)) accounts[row.codeId] ??= textOf(row.cells[cellIndex("Account")]);
  return accounts;
}

/** Each code's Slug cell, from the sheet as read. */
export function slugByCode(existing: readonly WritableRow[]): Record<string, string> {
  const slugs: Record<string, string> = {};
  // As the run report always named them: the last row of a code listed twice.
  for (const row of knownRows(existing)) slugs[row.codeId] = textOf(row.cells[cellIndex("Slug")]);
  return slugs;
}
