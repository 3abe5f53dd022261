/**
 * The OpenQR Breakdown sheet as data: per code, the window's top values for country,
 * device and referrer. A refreshed code's rows are replaced; every other code's rows (a
 * failed one, one not refreshed this run) stay as they were.
 */
import { DIMENSIONS, type Dimension, NOT_IN_PLAN } from "../openqr/code-summary.ts";
import type { BreakdownEntry, ScansResponse } from "../openqr/schema.ts";
import { COUNT_FORMAT } from "./block-formats.ts";
import { compareText } from "./daily-archive.ts";
import { isBlankRow, literal, numberOf, textOf, toWidth, type WritableRow, widthOf } from "./sheet-cells.ts";

export const BREAKDOWN_HEADER = ["Code ID", "Slug", "Dimension", "Value", "Scans", "Window (days)"] as const;
/** The number formats of its rows (every row after the header). */
export const BREAKDOWN_FORMATS: Readonly<Partial<Record<(typeof BREAKDOWN_HEADER)[number], string>>> = {
  Scans: COUNT_FORMAT,
};
const BREAKDOWN_COLUMNS = BREAKDOWN_HEADER.length;

/** One refreshed code's breakdowns; a dimension the plan omits is undefined. */
export interface CodeBreakdown {
  codeId: string;
  slug: string;
  windowDays: number;
  byDimension: Record<Dimension, readonly BreakdownEntry[] | undefined>;
}

/** A refreshed code's breakdowns, as its response holds them. */
export function codeBreakdown(response: ScansResponse): CodeBreakdown {
  const { analytics } = response;
  return {
    codeId: response.id,
    slug: response.slug,
    windowDays: analytics.days_window,
    byDimension: {
      country: analytics.by_country,
      device: analytics.by_device,
      referrer: analytics.by_referrer,
    },
  };
}

interface BreakdownRow {
  codeId: string;
  slug: string;
  dimension: string;
  value: string;
  scans: number | null;
  /** The API's order within a code's dimension (kept rows: their order in the sheet). */
  rank: number;
  cells: WritableRow;
}

function dimensionRank(dimension: string): number {
  const index = DIMENSIONS.indexOf(dimension as Dimension);
  return index < 0 ? DIMENSIONS.length : index;
}

function compareRows(a: BreakdownRow, b: BreakdownRow): number {
  return (
    compareText(a.slug, b.slug) ||
    compareText(a.codeId, b.codeId) ||
    dimensionRank(a.dimension) - dimensionRank(b.dimension) ||
    a.rank - b.rank
  );
}

const keyOf = (codeId: string, dimension: string, value: string) =>
  `${codeId}\u0000${dimension}\u0000${value}`;

export function mergeBreakdown(
  existing: readonly WritableRow[],
  refreshed: readonly CodeBreakdown[],
): { table: WritableRow[]; width: number } {
  const width = widthOf(existing, BREAKDOWN_COLUMNS);
  const header =
    existing.length > 0 ? toWidth(existing[0]!, width) : toWidth(BREAKDOWN_HEADER.map(literal), width);
  const replaced: Record<string, true> = {};
  for (const code of refreshed) replaced[code.codeId] = true;

  const unreadable: WritableRow[] = [];
  const rows: BreakdownRow[] = [];
  // The user's own columns of a replaced row, found again by (code, dimension, value).
  const extrasOf: Record<string, WritableRow> = {};
  for (const row of existing.slice(1)) {
    const cells = toWidth(row, width);
    if (isBlankRow(cells)) continue;
    const codeId = textOf(cells[0]);
    const parsed: BreakdownRow = {
      codeId,
      slug: textOf(cells[1]),
      dimension: textOf(cells[2]),
      value: textOf(cells[3]),
      scans: numberOf(cells[4]),
      rank: rows.length,
      cells,
    };
    if (codeId === "") unreadable.push(cells);
    else if (replaced[codeId]) extrasOf[keyOf(codeId, parsed.dimension, parsed.value)] = cells;
    else rows.push(parsed);
  }

  for (const code of refreshed) {
    for (const dimension of DIMENSIONS) {
      const entries = code.byDimension[dimension];
      const values: Array<{ value: string; scans: number | "" }> =
        entries === undefined
          ? [{ value: NOT_IN_PLAN, scans: "" }]
          : entries.map((entry) => ({ value: entry.value, scans: entry.n }));
      values.forEach(({ value, scans }, rank) => {
        const previous = extrasOf[keyOf(code.codeId, dimension, value)];
        const cells = previous ? previous.slice() : toWidth([], width);
        cells[0] = literal(code.codeId);
        cells[1] = literal(code.slug);
        cells[2] = literal(dimension);
        cells[3] = literal(value);
        cells[4] = scans;
        cells[5] = code.windowDays;
        rows.push({
          codeId: code.codeId,
          slug: code.slug,
          dimension,
          value,
          scans: scans === "" ? null : scans,
          rank,
          cells,
        });
      });
    }
  }
  rows.sort(compareRows);
  return { table: [header, ...unreadable, ...rows.map((row) => row.cells)], width };
}
