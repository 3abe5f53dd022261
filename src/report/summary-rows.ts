/**
 * The OpenQR Summary sheet as data: one row per code, a total row for the fleet, and
 * below them the fleet's daily totals that the sheet's one chart draws.
 *
 * The Refreshed at column doubles as the run's memory of which codes are stalest, so a
 * fleet too big for one run is covered by the next runs, stalest first, without a
 * property per code. A code that failed or waited keeps its previous numbers.
 */
import { summarizeCode } from "../openqr/code-summary.ts";
import type { ScansResponse } from "../openqr/schema.ts";
import { accountLabel, STATUS_UNLISTED, uncoveredFate } from "./accounts.ts";
import { compareText } from "./daily-archive.ts";
import {
  instantOf,
  literal,
  numberOf,
  textOf,
  toWidth,
  type WritableCell,
  type WritableRow,
  widthOf,
} from "./sheet-cells.ts";
import { fleetWeeks, knownSum, totalStatus } from "./summary-total.ts";
import type { DayJudgement, WeekOverWeek } from "./trends.ts";

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
] as const;
export type SummaryColumn = (typeof SUMMARY_HEADER)[number];
export const SUMMARY_COLUMNS = SUMMARY_HEADER.length;

/** 1-based column of a header, for number formats and reading rows back. */
export function columnOf(name: SummaryColumn): number {
  return SUMMARY_HEADER.indexOf(name) + 1;
}
const at = (name: SummaryColumn) => columnOf(name) - 1;

export const TOTAL_LABEL = "Total";
export const SERIES_HEADER: readonly string[] = ["Day", "Fleet scans"];

export const STATUS_OK = "ok";
export const STATUS_WAITING = "waiting: this run ran out of time; the next run refreshes it first";
export const STATUS_WAITING_QUOTA =
  "waiting: the daily URL fetch quota was reached; a run after it resets refreshes it first";
export const STATUS_DELETED = "deleted at OpenQR: its rows in OpenQR Daily are kept";

export type CodeOutcome =
  | { kind: "refreshed"; response: ScansResponse }
  | { kind: "failed"; reason: string }
  /** Not fetched: the run reached its time budget, or the daily URL fetch quota. */
  | { kind: "skipped"; why: "time" | "quota" };

/** What the archive says about a code after this run (see trends.ts). */
export interface CodeInsight {
  week: WeekOverWeek;
  judgement: DayJudgement;
}

export interface SummaryInput {
  /** The sheet as read, header first ([] for a new sheet). */
  existing: readonly WritableRow[];
  /** The codes the settings cover, with what this run did to each. */
  codes: ReadonlyArray<{ codeId: string; outcome: CodeOutcome }>;
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

export interface SummaryTable {
  table: WritableRow[];
  width: number;
  /** The chart's data: 1-based first row (the series header) and rows, columns A:B. */
  chartRows: { row: number; numRows: number };
  /** Rows 1-based of the code rows and the total row, for number formats. */
  codeRowCount: number;
}

/** A code's previous row, as the sheet holds it. */
interface KnownRow {
  codeId: string;
  cells: WritableRow;
}

/** When each code was last refreshed, from the sheet as read (null: never, or unreadable). */
export function refreshedAtByCode(existing: readonly WritableRow[]): Record<string, number | null> {
  const refreshed: Record<string, number | null> = {};
  for (const row of codeRows(existing)) {
    refreshed[row.codeId] = instantOf(row.cells[at("Refreshed at")]);
  }
  return refreshed;
}

/** Each code's Account cell, from the sheet as read. */
export function accountByCode(existing: readonly WritableRow[]): Record<string, string> {
  const accounts: Record<string, string> = {};
  for (const row of codeRows(existing)) accounts[row.codeId] ??= textOf(row.cells[at("Account")]);
  return accounts;
}

function codeRows(existing: readonly WritableRow[]): KnownRow[] {
  const rows: KnownRow[] = [];
  for (const cells of existing.slice(1)) {
    const first = textOf(cells[0]);
    if (first === "" || first === TOTAL_LABEL) continue;
    if (first === SERIES_HEADER[0] && textOf(cells[1]) === SERIES_HEADER[1]) break;
    rows.push({ codeId: first, cells: cells.slice() });
  }
  return rows;
}

/** The cells a fresh response sets, by column. */
function refreshedCells(
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

function insightCells(insight: CodeInsight | undefined): Partial<Record<SummaryColumn, WritableCell>> {
  const week = insight?.week;
  return {
    "Last 7 full days": week?.last ?? "",
    "Previous 7 full days": week?.previous ?? "",
    Change: week?.change ?? "",
    Trend: insight ? literal(insight.judgement.trend) : "",
  };
}

function setCells(cells: WritableRow, values: Partial<Record<SummaryColumn, WritableCell>>): void {
  for (const name of Object.keys(values) as SummaryColumn[]) cells[at(name)] = values[name]!;
}

function statusOf(outcome: CodeOutcome): string {
  if (outcome.kind === "refreshed") return STATUS_OK;
  if (outcome.kind === "skipped") return outcome.why === "quota" ? STATUS_WAITING_QUOTA : STATUS_WAITING;
  return `failed: ${outcome.reason}`;
}

/** A column's sum over the rows that have a number in it: blank when none has. */
function sum(rows: readonly WritableRow[], column: SummaryColumn): number | "" {
  return knownSum(rows.map((row) => numberOf(row[at(column)]))) ?? "";
}

/** The whole Summary sheet after this run. */
export function buildSummary(input: SummaryInput): SummaryTable {
  const { existing, runAt, dayDates, series } = input;
  const account = input.accountCreatedAt === null ? null : accountLabel(input.accountCreatedAt);
  const width = widthOf(existing, SUMMARY_COLUMNS);
  const header =
    existing.length > 0 ? toWidth(existing[0]!, width) : toWidth(SUMMARY_HEADER.map(literal), width);
  const previous: Record<string, KnownRow> = {};
  for (const row of codeRows(existing)) previous[row.codeId] ??= row;

  const inScope: Record<string, true> = {};
  const rows: WritableRow[] = [];
  for (const { codeId, outcome } of input.codes) {
    if (inScope[codeId]) continue;
    inScope[codeId] = true;
    const cells = toWidth(previous[codeId]?.cells ?? [literal(codeId)], width);
    if (outcome.kind === "refreshed") {
      setCells(cells, refreshedCells(outcome.response, dayDates));
      cells[at("Refreshed at")] = runAt;
    }
    setCells(cells, insightCells(input.insights[codeId]));
    cells[at("Status")] = literal(statusOf(outcome));
    // Listed by this account, or read with its key: the code is this account's.
    if (account !== null && (input.allCodes || outcome.kind === "refreshed")) {
      cells[at("Account")] = literal(account);
    }
    rows.push(cells);
  }
  for (const codeId of Object.keys(previous)) {
    if (inScope[codeId]) continue;
    const cells = toWidth(previous[codeId]!.cells, width);
    const status = textOf(cells[at("Status")]);
    const row = { account: textOf(cells[at("Account")]), deleted: status === STATUS_DELETED };
    const fate = uncoveredFate(row, account, input.allCodes);
    if (fate === "drop") continue;
    if (fate === "deleted") cells[at("Status")] = literal(STATUS_DELETED);
    if (fate === "unlisted") cells[at("Status")] = literal(STATUS_UNLISTED);
    rows.push(cells);
  }
  // Every account's codes not known gone: the same Total and chart whichever account's run wrote them.
  const current = rows.filter((row) => isCurrent(textOf(row[at("Status")])));
  const totals = series.totalsOf(new Set(current.map((row) => textOf(row[0]))));
  rows.sort((a, b) => compareText(textOf(a[1]), textOf(b[1])) || compareText(textOf(a[0]), textOf(b[0])));

  const busiest = totals.reduce<number>(
    (best, n, index) => (n !== null && n > (totals[best] ?? 0) ? index : best),
    -1,
  );
  // The weeks as the rows hold them: this run's codes just set, other accounts' as their runs left them.
  const weeks = fleetWeeks(
    current.map((row) => ({
      last: numberOf(row[at("Last 7 full days")]),
      previous: numberOf(row[at("Previous 7 full days")]),
      change: null,
    })),
  );
  const totalRow = toWidth([literal(TOTAL_LABEL)], width);
  setCells(totalRow, {
    Slug: literal(`${current.length} ${current.length === 1 ? "code" : "codes"}`),
    Lifetime: sum(current, "Lifetime"),
    "Last 7 days": sum(current, "Last 7 days"),
    "Last 7 full days": weeks.last ?? "",
    "Previous 7 full days": weeks.previous ?? "",
    Change: weeks.change ?? "",
    "Window total": sum(current, "Window total"),
    "Busiest day": busiest >= 0 ? series.dates[busiest]! : "",
    "Refreshed at": runAt,
    Status: literal(totalStatus(statusCounts(current.map((row) => textOf(row[at("Status")]))), weeks)),
  });

  const table: WritableRow[] = [
    header,
    ...rows,
    totalRow,
    toWidth([], width),
    toWidth(SERIES_HEADER.map(literal), width),
  ];
  const chartFirstRow = table.length;
  series.dates.forEach((date, index) => {
    table.push(toWidth([date, totals[index] ?? ""], width));
  });
  keepCellsBeside(existing, table, rows.length + 1);
  return {
    table,
    width,
    chartRows: { row: chartFirstRow, numRows: series.dates.length + 1 },
    codeRowCount: rows.length,
  };
}

function isCurrent(status: string): boolean {
  return status !== STATUS_DELETED && status !== STATUS_UNLISTED;
}

/** Over every current row, whichever account's run last wrote it. */
function statusCounts(statuses: readonly string[]): { ok: number; failed: number; waiting: number } {
  return {
    ok: statuses.filter((status) => status === STATUS_OK).length,
    failed: statuses.filter((status) => status.startsWith("failed: ")).length,
    waiting: statuses.filter((status) => status.startsWith("waiting: ")).length,
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
