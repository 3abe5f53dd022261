/**
 * The custom functions. Each validates its arguments before touching the network, reads
 * through the cache, and returns a 2-D array that spills into the sheet.
 */
import { idGrid, idsOfGrid, parseDays, parseDimension, parseIds, uniqueIds } from "../functions/arguments.ts";
import {
  checkPlanWindow,
  fetchDaysOf,
  openqrToday,
  parseWindow,
  rangeDays,
  type ScanWindow,
} from "../functions/date-range.ts";
import { groupRollupTable, parseGroups } from "../functions/groups.ts";
import {
  breakdownTable,
  codesTable,
  rollupTable,
  scansTable,
  summaryTable,
  type Table,
  totalsTable,
} from "../functions/tables.ts";
import { breakdownOf } from "../openqr/code-summary.ts";
import type { ScansResponse } from "../openqr/schema.ts";
import { readFormulaKey } from "../platform/key-store.ts";
import { dayOfDateIn, spreadsheetTimeZone } from "../platform/spreadsheet-time.ts";
import { MAX_CELL_CHARS } from "../report/sheet-cells.ts";
import { clipText } from "../shared/clip.ts";
import type { DayToDate } from "../shared/days.ts";
import { UserError } from "../shared/user-error.ts";
import { type FormulaData, formulaData } from "./formula-data.ts";
import { asUserCall } from "./user-call.ts";

const asFormula = (work: () => Table): Table => asUserCall(() => fitCells(work()), readFormulaKey);

/** A text longer than a cell holds would fail the whole formula: it is clipped instead, with "…". */
function fitCells(table: Table): Table {
  return table.map((row) =>
    row.map((cell) => (typeof cell === "string" ? clipText(cell, MAX_CELL_CHARS) : cell)),
  );
}

/** The ids' scans over `days`, laid out by one of the table builders, Days in the sheet's zone. */
function scansFormula(
  id: unknown,
  days: unknown,
  build: (responses: ScansResponse[], dayToDate: DayToDate) => Table,
): Table {
  return asFormula(() => {
    const ids = uniqueIds(parseIds(id));
    const window = parseDays(days);
    const data = formulaData();
    return build(data.scans(ids, window), data.dayToDate);
  });
}

/** A window argument's days: a date cell is read in the spreadsheet's zone, today is OpenQR's (UTC). */
function windowOf(daysOrStart: unknown, end: unknown): ScanWindow {
  let dayOfDate: ((date: Date) => string) | undefined;
  return parseWindow(daysOrStart, end, {
    today: openqrToday(Date.now()),
    dayOfDate: (date) => {
      dayOfDate ??= dayOfDateIn(spreadsheetTimeZone());
      return dayOfDate(date);
    },
  });
}

/** The ids' scans over a number of days or a date range; a range is cut from the trailing window that holds it. */
function windowScans(
  ids: readonly string[],
  window: ScanWindow,
): { responses: ScansResponse[]; data: FormulaData } {
  const data = formulaData();
  const from = window.kind === "range" ? window.start : undefined;
  const responses = data.scans(ids, fetchDaysOf(window), from);
  checkPlanWindow(window, responses);
  return { responses, data };
}

export function OPENQR_SCANS(id: unknown, days_or_start: unknown, end: unknown): Table {
  return asFormula(() => {
    const ids = uniqueIds(parseIds(id));
    const window = windowOf(days_or_start, end);
    const { responses, data } = windowScans(ids, window);
    return scansTable(responses, data.dayToDate, rangeDays(window));
  });
}

/** OPENQR_SCANS's data (and cache entries), summed by day over the unique ids, or by group. */
export function OPENQR_ROLLUP(id: unknown, days_or_start: unknown, end: unknown, groups: unknown): Table {
  return asFormula(() => {
    const grid = idGrid(id);
    const ids = uniqueIds(idsOfGrid(grid));
    const window = windowOf(days_or_start, end);
    const groupOf = parseGroups(groups, grid);
    const { responses, data } = windowScans(ids, window);
    const range = rangeDays(window);
    if (groupOf === null) return rollupTable(responses, data.dayToDate, range);
    return groupRollupTable(
      responses,
      ids.map((code) => groupOf[code]!),
      data.dayToDate,
      range,
    );
  });
}

export function OPENQR_SUMMARY(id: unknown, days: unknown): Table {
  return scansFormula(id, days, summaryTable);
}

export function OPENQR_BREAKDOWN(id: unknown, dimension: unknown, days: unknown): Table {
  return asFormula(() => {
    const ids = uniqueIds(parseIds(id));
    const chosen = parseDimension(dimension);
    const window = parseDays(days);
    const responses = formulaData().scans(ids, window);
    const withheld = responses.filter((response) => breakdownOf(response, chosen) === undefined)[0];
    if (withheld) {
      throw new UserError(
        `Your OpenQR plan does not include ${chosen} breakdowns (code "${withheld.slug}"). ` +
          `"country" works on every plan; ${chosen} needs a plan with detailed analytics.`,
      );
    }
    return breakdownTable(responses, chosen);
  });
}

export function OPENQR_TOTAL(id: unknown): Table {
  return asFormula(() => {
    const grid = idGrid(id);
    const ids = uniqueIds(idsOfGrid(grid));
    const responses = formulaData().scans(ids, 1);
    const totals: Record<string, number> = {};
    ids.forEach((code, index) => {
      totals[code] = responses[index]!.scans.total;
    });
    return totalsTable(grid, (code) => totals[code]!);
  });
}

export function OPENQR_CODES(): Table {
  return asFormula(() =>
    codesTable(formulaData().codes(), (iso) => {
      const created = new Date(iso);
      return Number.isNaN(created.getTime()) ? iso : created;
    }),
  );
}
