/**
 * The Summary's Total row, honest about what it does not know: a sum over codes that are all
 * unknown is blank, never 0, and the fleet's weeks compare the same codes in both weeks.
 */
import { literal, numberOf, textOf, toWidth, type WritableCell, type WritableRow } from "./sheet-cells.ts";
import { cellIndex, type SummaryColumn, TOTAL_LABEL } from "./summary-rows.ts";
import { isCurrent, type RowState, stateCounts } from "./summary-status.ts";
import type { WeekOverWeek } from "./trends.ts";

export interface FleetWeeks {
  /** Scans over the last 7 full days of the codes covered; null when no code is covered. */
  last: number | null;
  previous: number | null;
  /** (last − previous) / previous; null when unknown or previous is 0. */
  change: number | null;
  /** How many codes both weeks are known for: the codes the sums cover. */
  covered: number;
  /** The codes in scope. */
  of: number;
}

/** Sums the values that are known; null when none is. */
export function knownSum(values: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

/**
 * The fleet's week over week over the codes whose two weeks are both known, so its change
 * compares like with like; a code with either week unknown is left out of both.
 */
export function fleetWeeks(weeks: ReadonlyArray<WeekOverWeek | undefined>): FleetWeeks {
  const known = weeks.filter(
    (week): week is WeekOverWeek => week !== undefined && week.last !== null && week.previous !== null,
  );
  const last = knownSum(known.map((week) => week.last));
  const previous = knownSum(known.map((week) => week.previous));
  const change = last === null || previous === null || previous === 0 ? null : (last - previous) / previous;
  return { last, previous, change, covered: known.length, of: weeks.length };
}

/** The Total row's Status: the run's counts, and how many codes its weeks cover when not all. */
export function totalStatus(
  counts: { ok: number; failed: number; waiting: number },
  weeks: Pick<FleetWeeks, "covered" | "of">,
): string {
  const waiting = counts.waiting > 0 ? `, ${counts.waiting} waiting` : "";
  const coverage = weeks.covered < weeks.of ? `; the weeks cover ${weeks.covered} of ${codes(weeks.of)}` : "";
  return `${counts.ok} ok, ${counts.failed} failed${waiting}${coverage}`;
}

const codes = (n: number) => `${n} ${n === 1 ? "code" : "codes"}`;

/** A code row of the Summary as built, with its state. */
export interface StatedRow {
  cells: WritableRow;
  state: RowState;
}

/**
 * The Total row over the current rows (every account's codes not known gone, so it is the
 * same whichever account's run wrote it), with the busiest of the chart's days.
 */
export function totalRow(
  rows: readonly StatedRow[],
  series: { dates: readonly Date[]; totals: ReadonlyArray<number | null> },
  runAt: Date,
  width: number,
): WritableRow {
  const current = rows.filter((row) => isCurrent(row.state));
  const cell = (row: StatedRow, name: SummaryColumn) => row.cells[cellIndex(name)];
  /** A column's sum over the rows that have a number in it: blank when none has. */
  const sum = (name: SummaryColumn) => knownSum(current.map((row) => numberOf(cell(row, name)))) ?? "";
  const { totals } = series;
  const busiest = totals.reduce<number>(
    (best, n, index) => (n !== null && n > (totals[best] ?? 0) ? index : best),
    -1,
  );
  // The weeks as the rows hold them: this run's codes just set, other accounts' as their runs left them.
  const weeks = fleetWeeks(
    current.map((row) => ({
      last: numberOf(cell(row, "Last 7 full days")),
      previous: numberOf(cell(row, "Previous 7 full days")),
      change: null,
    })),
  );
  const values: Partial<Record<SummaryColumn, WritableCell>> = {
    Slug: literal(codes(current.length)),
    Lifetime: sum("Lifetime"),
    "Last 7 days": sum("Last 7 days"),
    "Last 7 full days": weeks.last ?? "",
    "Previous 7 full days": weeks.previous ?? "",
    Change: weeks.change ?? "",
    "Window total": sum("Window total"),
    "Busiest day": busiest >= 0 ? series.dates[busiest]! : "",
    "Refreshed at": runAt,
    Status: literal(totalStatus(stateCounts(current.map((row) => row.state)), weeks)),
  };
  const total = toWidth([literal(TOTAL_LABEL)], width);
  for (const name of Object.keys(values) as SummaryColumn[]) total[cellIndex(name)] = values[name]!;
  return total;
}

/** The codes of the rows that count in the Total and the chart. */
export function currentCodeIds(rows: readonly StatedRow[]): Set<string> {
  return new Set(rows.filter((row) => isCurrent(row.state)).map((row) => textOf(row.cells[0])));
}
