/**
 * The whole Summary sheet after a run (its layout: summary-rows.ts). A code the run
 * refreshed gets its new numbers; one that failed or waited keeps its previous numbers
 * with its new status; codes the run did not cover are kept, marked or dropped as
 * accounts.ts decides. The code rows come back as data too, for the Slack digest.
 */
import { accountLabel, uncoveredFate } from "./accounts.ts";
import { type ColumnFormat, formatsByName } from "./block-formats.ts";
import type { CodeInsight } from "./code-insights.ts";
import type { CodeResult } from "./code-outcomes.ts";
import { compareText } from "./daily-archive.ts";
import { literal, numberOf, textOf, toWidth, type WritableRow, widthOf } from "./sheet-cells.ts";
import {
  cellIndex,
  insightCells,
  type KnownRow,
  knownRows,
  refreshedCells,
  SERIES_FORMATS,
  SERIES_HEADER,
  SUMMARY_COLUMNS,
  SUMMARY_FORMATS,
  SUMMARY_HEADER,
  setCells,
} from "./summary-rows.ts";
import {
  type RowState,
  STATUS_DELETED,
  STATUS_UNLISTED,
  stateOfOutcome,
  stateOfStatus,
  statusText,
} from "./summary-status.ts";
import { currentCodeIds, type StatedRow, totalRow } from "./summary-total.ts";

export interface SummaryInput {
  /** The sheet as read, header first ([] for a new sheet). */
  existing: readonly WritableRow[];
  /** The codes the settings cover, with what this run did to each. */
  codes: readonly CodeResult[];
  /** True when the settings cover every code: a code of this account that is no longer listed was deleted. */
  allCodes: boolean;
  /** /v1/me's created_at for this run's key (null: unknown, so nothing is judged deleted): see accounts.ts. */
  accountCreatedAt: string | null;
  runAt: Date;
  /** Dates (midnight in the spreadsheet's zone) of every day the responses hold. */
  dayDates: Readonly<Record<string, Date>>;
  /** The chart's complete days, oldest first, and the fleet's scans on them for a set of codes (null: not known). */
  series: {
    dates: readonly Date[];
    totalsOf: (codeIds: ReadonlySet<string>) => ReadonlyArray<number | null>;
  };
  /** Week over week and trend of each code in scope, from the merged archive. */
  insights: Readonly<Record<string, CodeInsight>>;
}

/** A code row after the run, as data. */
export interface SummaryCode {
  codeId: string;
  slug: string;
  lifetime: number | null;
  topCountry: string;
  topReferrer: string;
  state: RowState;
  /** This run covered the code (refreshed, failed or waiting in it); false for a row kept from earlier runs. */
  covered: boolean;
}

export interface SummaryTable {
  table: WritableRow[];
  width: number;
  /** The chart's data, columns A:B: the series header's row (0-based, as in `table`) and its rows, header included. */
  chartRows: { start: number; numRows: number };
  /** The code rows: table rows 1..codeRowCount; the total row follows them. */
  codeRowCount: number;
  /** Number formats of the code rows, the total row and the series' days. */
  formats: ColumnFormat[];
  /** The code rows in the sheet's order. */
  codes: SummaryCode[];
}

const at = cellIndex;

interface BuiltRow extends StatedRow {
  covered: boolean;
}

/** The code rows this run covers, in its order (a code given twice, once). */
function coveredRows(
  input: SummaryInput,
  previous: Readonly<Record<string, KnownRow>>,
  account: string | null,
  width: number,
): BuiltRow[] {
  const rows: BuiltRow[] = [];
  const inScope: Record<string, true> = {};
  for (const { codeId, outcome } of input.codes) {
    if (inScope[codeId]) continue;
    inScope[codeId] = true;
    const cells = toWidth(previous[codeId]?.cells ?? [literal(codeId)], width);
    if (outcome.kind === "refreshed") {
      setCells(cells, refreshedCells(outcome.response, input.dayDates));
      cells[at("Refreshed at")] = input.runAt;
    }
    setCells(cells, insightCells(input.insights[codeId]));
    cells[at("Status")] = literal(statusText(outcome));
    // Listed by this account, or read with its key: the code is this account's.
    if (account !== null && (input.allCodes || outcome.kind === "refreshed")) {
      cells[at("Account")] = literal(account);
    }
    rows.push({ cells, state: stateOfOutcome(outcome), covered: true });
  }
  return rows;
}

/** The earlier rows of codes this run does not cover: kept, marked deleted or unlisted, or dropped. */
function uncoveredRows(
  input: SummaryInput,
  previous: Readonly<Record<string, KnownRow>>,
  account: string | null,
  width: number,
): BuiltRow[] {
  const covered: Record<string, true> = {};
  for (const { codeId } of input.codes) covered[codeId] = true;
  const rows: BuiltRow[] = [];
  for (const codeId of Object.keys(previous)) {
    if (covered[codeId]) continue;
    const cells = toWidth(previous[codeId]!.cells, width);
    const kept = stateOfStatus(textOf(cells[at("Status")]));
    const row = { account: textOf(cells[at("Account")]), deleted: kept === "deleted" };
    const fate = uncoveredFate(row, account, input.allCodes);
    if (fate === "drop") continue;
    if (fate === "deleted") cells[at("Status")] = literal(STATUS_DELETED);
    if (fate === "unlisted") cells[at("Status")] = literal(STATUS_UNLISTED);
    rows.push({ cells, state: fate === "keep" ? kept : fate, covered: false });
  }
  return rows;
}

function codeOf({ cells, state, covered }: BuiltRow): SummaryCode {
  return {
    codeId: textOf(cells[at("Code ID")]),
    slug: textOf(cells[at("Slug")]),
    lifetime: numberOf(cells[at("Lifetime")]),
    topCountry: textOf(cells[at("Top country")]),
    topReferrer: textOf(cells[at("Top referrer")]),
    state,
    covered,
  };
}

/** The whole Summary sheet after this run. */
export function buildSummary(input: SummaryInput): SummaryTable {
  const { existing, series } = input;
  const account = input.accountCreatedAt === null ? null : accountLabel(input.accountCreatedAt);
  const width = widthOf(existing, SUMMARY_COLUMNS);
  const header =
    existing.length > 0 ? toWidth(existing[0]!, width) : toWidth(SUMMARY_HEADER.map(literal), width);
  const previous: Record<string, KnownRow> = {};
  for (const row of knownRows(existing)) previous[row.codeId] ??= row;

  const rows = [
    ...coveredRows(input, previous, account, width),
    ...uncoveredRows(input, previous, account, width),
  ];
  const totals = series.totalsOf(currentCodeIds(rows));
  rows.sort(
    (a, b) =>
      compareText(textOf(a.cells[1]), textOf(b.cells[1])) ||
      compareText(textOf(a.cells[0]), textOf(b.cells[0])),
  );
  const table: WritableRow[] = [
    header,
    ...rows.map((row) => row.cells),
    totalRow(rows, { dates: series.dates, totals }, input.runAt, width),
    toWidth([], width),
    toWidth(SERIES_HEADER.map(literal), width),
  ];
  const chartStart = table.length - 1;
  series.dates.forEach((date, index) => {
    table.push(toWidth([date, totals[index] ?? ""], width));
  });
  keepCellsBeside(existing, table, rows.length + 1);
  return {
    table,
    width,
    chartRows: { start: chartStart, numRows: series.dates.length + 1 },
    codeRowCount: rows.length,
    formats: [
      ...formatsByName(SUMMARY_HEADER, SUMMARY_FORMATS, 1, rows.length + 1),
      ...formatsByName(SERIES_HEADER, SERIES_FORMATS, chartStart + 1, table.length - 1),
    ],
    codes: rows.map(codeOf),
  };
}

/**
 * Below the code rows the layout is ours and moves as the fleet grows; cells the user put
 * beside those rows, right of the Summary's columns, stay in their place.
 */
function keepCellsBeside(existing: readonly WritableRow[], table: WritableRow[], fromRow: number): void {
  for (let index = fromRow; index < table.length; index++) {
    const before = existing[index];
    const row = table[index]!;
    if (!before) continue;
    for (let column = SUMMARY_COLUMNS; column < row.length; column++) row[column] = before[column] ?? "";
  }
}
