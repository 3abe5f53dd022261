/**
 * One refresh of the report sheets, once the entry point has the spreadsheet, the lock and
 * the key: list the codes, fetch them stalest first within the time budget, then merge and
 * write the Daily, Breakdown and Summary sheets (of OpenQR Daily only the last rows the run
 * needs, src/report/daily-tail.ts), after checking the spreadsheet has room for the writes,
 * and keep the Summary's chart. Rows are planned by the pure modules in src/report.
 */
import { OpenQRClient } from "../openqr/client.ts";
import { OpenQRError } from "../openqr/errors.ts";
import { REFRESH_RETRY } from "../openqr/retry.ts";
import type { ScansResponse } from "../openqr/schema.ts";
import { markLayout } from "../platform/layout-mark.ts";
import { readReportSettings, readSheetIds, writeSheetIds } from "../platform/settings-store.ts";
import { dayToDateIn } from "../platform/spreadsheet-time.ts";
import { readTailFingerprint, writeTailFingerprint } from "../platform/tail-store.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { accountLabel, belongsElsewhere } from "../report/accounts.ts";
import { planBlockWrites } from "../report/block-write.ts";
import { BREAKDOWN_HEADER, type CodeBreakdown, mergeBreakdown } from "../report/breakdown-rows.ts";
import {
  countsByCode,
  DAILY_COLUMNS,
  DAILY_HEADER,
  type DailyEntry,
  dayReader,
  daysEnding,
  fleetTotals,
  isoDayOf,
  mergeDaily,
  readDailyRow,
} from "../report/daily-archive.ts";
import type { DigestAlert, DigestInput, DigestMover } from "../report/daily-digest.ts";
import {
  fingerprintOf,
  firstDayNeeded,
  OUT_OF_ORDER_NOTE,
  planDailyWrite,
  tailNeed,
} from "../report/daily-tail.ts";
import { headerAt } from "../report/layout-migration.ts";
import { columnsMovedMessage, dailyRowsShifted, headerMoved } from "../report/own-columns.ts";
import { stalestFirst } from "../report/refresh-order.ts";
import type { RunTally } from "../report/run-report.ts";
import { numberOf, textOf, type WritableRow } from "../report/sheet-cells.ts";
import {
  accountByCode,
  buildSummary,
  type CodeInsight,
  type CodeOutcome,
  columnOf,
  refreshedAtByCode,
  STATUS_DELETED,
  SUMMARY_COLUMNS,
  type SummaryColumn,
} from "../report/summary-rows.ts";
import { BASELINE_DAYS, judgeDay, weekOverWeek } from "../report/trends.ts";
import type { ReportSettings } from "../settings/defaults.ts";
import type { RunFailure } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { NO_DAILY, readDaily } from "../sheets/daily-sheet.ts";
import { migrateLayouts, readLayouts } from "../sheets/layout-version.ts";
import {
  createReportSheet,
  findReportSheets,
  namesInTheWay,
  REPORT_SHEET_KINDS,
  REPORT_SHEET_NAMES,
  type ReportSheetKind,
  sheetsById,
} from "../sheets/report-sheets.ts";
import { readTable, sizeOf, writeBlocks } from "../sheets/sheet-table.ts";
import { ensureSummaryChart } from "../sheets/summary-chart.ts";
import { checkRoom } from "./room-check.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Apps Script stops a run at 6 minutes: no new batch starts after 4.5, leaving time to write. */
export const FETCH_BUDGET_MS = 270_000;
const DAY_MS = 86_400_000;
const DAY_FORMAT = "yyyy-mm-dd";
const TIME_FORMAT = "yyyy-mm-dd hh:mm";
const COUNT_FORMAT = "#,##0";
const CHANGE_FORMAT = "+0%;-0%;0%";

export type FleetDigest = Omit<DigestInput, "spreadsheetName" | "spreadsheetUrl">;

export interface RefreshResult {
  tally: RunTally;
  /** What the digest would say after this run (the file's name and link are added when it is posted). */
  digest: FleetDigest;
}

export function refreshSheets(spreadsheet: Spreadsheet, key: string, startedAt: number): RefreshResult {
  const settings = readReportSettings();
  const remembered = readSheetIds();
  const byId = remembered === null ? null : sheetsById(spreadsheet, remembered);
  const found: Record<ReportSheetKind, Sheet | null> = byId ?? findReportSheets(spreadsheet);
  const blocked = namesInTheWay(spreadsheet, found);
  if (blocked.length > 0) throw nameInTheWay(blocked);

  const layouts = readLayouts(found, byId === null ? null : remembered);
  // An earlier layout is read and checked as it is; it is migrated only once the run is sure to write.
  const summaryHeader = headerAt("summary", layouts.summary);
  let summaryBefore = found.summary ? readTable(found.summary, summaryHeader.length) : [];
  checkOwnColumns(found.summary, summaryBefore, summaryHeader);
  const fetched = fetchCodes(key, settings, summaryBefore, startedAt);
  const window = windowOf(fetched.refreshed, settings.days, startedAt, spreadsheet.getSpreadsheetTimeZone());
  const idOf = (kind: ReportSheetKind) =>
    byId && remembered ? remembered[kind] : (found[kind]?.getSheetId() ?? null);
  const ids = { daily: idOf("daily"), breakdown: idOf("breakdown"), summary: idOf("summary") };
  // Read after the fetch (a user may edit while it runs), and checked before anything is written.
  const dayOf = dayReader(window.dayDates);
  const firstDay = firstDayNeeded(Object.keys(window.dayDates), lastCompleteDay(startedAt));
  const dailyRead =
    found.daily && ids.daily !== null
      ? readDaily(
          found.daily,
          ids.daily,
          tailNeed(firstDay, window.seriesDays[window.seriesDays.length - 1]!, fetched.codeIds.length),
          readTailFingerprint(),
          dayOf,
        )
      : NO_DAILY;
  const breakdownBefore = found.breakdown ? readTable(found.breakdown, BREAKDOWN_HEADER.length) : [];
  checkOwnColumns(found.daily, dailyRead.table, DAILY_HEADER);
  checkOwnColumns(found.breakdown, breakdownBefore, BREAKDOWN_HEADER);
  const notes = missingSheetNotes(found, settings.days);
  if (dailyRead.outOfOrder) notes.push(OUT_OF_ORDER_NOTE);
  // An earlier layout is migrated only now that the run is sure to write (the Summary read again after).
  if (migrateLayouts(found, layouts) && found.summary)
    summaryBefore = readTable(found.summary, SUMMARY_COLUMNS);

  // Everything is planned first, so a run that cannot fit writes nothing.
  const archive = mergeDaily(
    dailyRead.table,
    fetched.refreshed.map(({ codeId, response }) => ({
      codeId,
      slug: response.slug,
      daily: response.analytics.daily,
    })),
    window.dayDates,
  );
  const dailyWrite = planDailyWrite(dailyRead, archive);
  const breakdown = mergeBreakdown(
    breakdownBefore,
    fetched.refreshed.map(({ codeId, response }) => breakdownOf(codeId, response)),
  );
  const breakdownBlocks = planBlockWrites(breakdownBefore, breakdown.table, breakdown.width);
  // The archive's entries are the rows read: the window and the trend's baseline at least (firstDayNeeded).
  const insights = insightsOf(archive.entries, fetched, startedAt);
  const summary = buildSummary({
    existing: summaryBefore,
    codes: fetched.codes,
    allCodes: settings.codes === "all",
    accountCreatedAt: fetched.accountCreatedAt,
    runAt: new Date(startedAt),
    dayDates: window.dayDates,
    series: {
      dates: window.seriesDays.map((day) => window.dayDates[day]!),
      totalsOf: (codeIds) => fleetTotals(archive.entries, window.seriesDays, codeIds),
    },
    insights,
  });
  const codeRowsEnd = summary.codeRowCount + 1;
  // The code rows and the chart's series below them change apart: two blocks.
  const summaryBlocks = planBlockWrites(summaryBefore, summary.table, summary.width, [
    summary.codeRowCount + 2,
  ]);
  const room = checkRoom(
    spreadsheet,
    ids,
    { daily: dailyWrite.blocks, breakdown: breakdownBlocks, summary: summaryBlocks },
    fetched.codeIds.length,
  );
  if (room.note !== null) notes.push(room.note);

  // The Summary first: it is what a user opens the file for.
  const summarySheet = found.summary ?? createReportSheet(spreadsheet, "summary", SUMMARY_COLUMNS);
  const sheets = {
    summary: summarySheet,
    daily: found.daily ?? createReportSheet(spreadsheet, "daily", DAILY_COLUMNS),
    breakdown: found.breakdown ?? createReportSheet(spreadsheet, "breakdown", BREAKDOWN_HEADER.length),
  };
  // Creating a sheet activates it; show the Summary instead.
  if (!found.summary || !found.daily || !found.breakdown) spreadsheet.setActiveSheet(summarySheet);
  const sheetIds = {
    daily: ids.daily ?? sheets.daily.getSheetId(),
    breakdown: ids.breakdown ?? sheets.breakdown.getSheetId(),
    summary: ids.summary ?? sheets.summary.getSheetId(),
  };
  if (byId === null) writeSheetIds(sheetIds);
  if (!layouts.marked) markLayout(sheetIds);
  const sizes = {
    daily: room.sizes.daily ?? sizeOf(sheets.daily),
    breakdown: room.sizes.breakdown ?? sizeOf(sheets.breakdown),
    summary: room.sizes.summary ?? sizeOf(sheets.summary),
  };

  const { firstRow, rows } = dailyWrite;
  writeBlocks(
    sheets.daily,
    sizes.daily,
    dailyWrite.blocks,
    [
      {
        column: 1,
        formats: [DAY_FORMAT],
        fromRow: Math.max(1, firstRow - 1),
        toRow: firstRow + rows.length - 2,
      },
    ],
    DAILY_COLUMNS,
  );
  writeTailFingerprint(
    fingerprintOf(
      sheetIds.daily,
      firstRow,
      rows.map((row) => readDailyRow(row, dayOf)),
      firstDay,
    ),
  );
  writeBlocks(sheets.breakdown, sizes.breakdown, breakdownBlocks, [], BREAKDOWN_HEADER.length);
  const counts = [COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, CHANGE_FORMAT];
  writeBlocks(
    sheets.summary,
    sizes.summary,
    summaryBlocks,
    [
      // Lifetime, Last 7 days, Last 7 full days, Previous 7 full days, Change.
      { column: columnOf("Lifetime"), formats: counts, fromRow: 1, toRow: codeRowsEnd },
      { column: columnOf("Window total"), formats: [COUNT_FORMAT], fromRow: 1, toRow: codeRowsEnd },
      { column: columnOf("Busiest day"), formats: [DAY_FORMAT, TIME_FORMAT], fromRow: 1, toRow: codeRowsEnd },
      // The series' days: the rows after its header (1-based chartRows.row is 0-based row + 1).
      { column: 1, formats: [DAY_FORMAT], fromRow: summary.chartRows.row, toRow: summary.table.length - 1 },
    ],
    SUMMARY_COLUMNS,
  );
  ensureSummaryChart(sheets.summary, summary.chartRows);
  SpreadsheetApp.flush();

  const notRefreshed = fetched.failures.length + fetched.skippedForTime;
  // Each user's digest (to their own webhook) tells of their own account's codes only.
  const ownCodes = new Set(fetched.codeIds);
  const ownRows = summary.table.slice(1, codeRowsEnd).filter((row) => ownCodes.has(textOf(row[0])));
  return {
    tally: {
      refreshed: fetched.refreshed.length,
      failures: fetched.failures,
      skippedForTime: fetched.skippedForTime,
      quotaReached: fetched.quotaReached,
      notes,
    },
    digest: digestOf(ownRows, archive.entries, insights, startedAt, notRefreshed),
  };
}

interface FetchedCodes {
  /** The codes the settings cover, as listed (or chosen, less those another account's rows hold). */
  codeIds: string[];
  /** /v1/me's created_at for the key (null: unknown). */
  accountCreatedAt: string | null;
  /** Every covered code with what this run did to it, stalest first. */
  codes: Array<{ codeId: string; outcome: CodeOutcome }>;
  refreshed: Array<{ codeId: string; response: ScansResponse }>;
  failures: RunFailure[];
  skippedForTime: number;
  /** The platform's daily URL fetch quota stopped the fetching: the skipped codes wait for it. */
  quotaReached: boolean;
  /** Creation days (UTC) of listed codes: where their history starts. */
  createdDays: Record<string, string>;
}

/** Lists the codes (for "all"), then fetches them stalest first until the fetch budget is spent. */
function fetchCodes(
  key: string,
  settings: ReportSettings,
  summaryBefore: readonly WritableRow[],
  startedAt: number,
): FetchedCodes {
  const deadline = startedAt + FETCH_BUDGET_MS;
  const client = new OpenQRClient(key, urlFetchTransport, {
    ...REFRESH_RETRY,
    budgetMs: deadline - Date.now(),
  });
  const listed = settings.codes === "all" ? listCodes(client) : [];
  const codeIds = settings.codes === "all" ? listed.map((code) => code.id) : settings.codes;
  const knownSlugs = slugsOf(summaryBefore);
  for (const code of listed) knownSlugs[code.id] = code.slug;

  const order = stalestFirst(codeIds, refreshedAtByCode(summaryBefore));
  const canStart = () => Date.now() < deadline;
  const { scans: outcomes, accountCreatedAt } = client.scansAndAccountWhile(order, settings.days, canStart);
  // A revoked key fails every code alike: the run fails as a whole and writes nothing.
  for (const outcome of outcomes)
    if (outcome && !outcome.ok && outcome.error.kind === "unauthorized") throw outcome.error;

  const createdDays: Record<string, string> = {};
  for (const code of listed) createdDays[code.id] = code.created_at.slice(0, 10);
  const fetched: FetchedCodes = {
    codeIds,
    accountCreatedAt,
    codes: [],
    refreshed: [],
    failures: [],
    skippedForTime: 0,
    quotaReached: client.quotaReached,
    createdDays,
  };
  const account = accountCreatedAt === null ? null : accountLabel(accountCreatedAt);
  const accounts = accountByCode(summaryBefore);
  const elsewhere: Record<string, true> = {};
  order.forEach((codeId, index) => {
    const outcome = outcomes[index];
    if (!outcome) {
      fetched.skippedForTime++;
      fetched.codes.push({
        codeId,
        outcome: { kind: "skipped", why: client.quotaReached ? "quota" : "time" },
      });
    } else if (outcome.ok) {
      const response = { ...outcome.value, id: codeId };
      fetched.refreshed.push({ codeId, response });
      fetched.codes.push({ codeId, outcome: { kind: "refreshed", response } });
    } else if (outcome.error.kind === "not_found" && belongsElsewhere(accounts[codeId], account)) {
      // A chosen code of another account (its row says so): that account's runs refresh it.
      elsewhere[codeId] = true;
    } else {
      const reason = failureReason(codeId, outcome.error);
      fetched.failures.push({ codeId, slug: knownSlugs[codeId] ?? "", reason });
      fetched.codes.push({ codeId, outcome: { kind: "failed", reason } });
    }
  });
  fetched.codeIds = codeIds.filter((codeId) => !elsewhere[codeId]);
  return fetched;
}

/**
 * The fleet series' days (as many as the honoured window, ending with the last complete UTC
 * day: today's count is still filling up) and every day's Date.
 */
function windowOf(
  refreshed: FetchedCodes["refreshed"],
  days: number,
  startedAt: number,
  timeZone: string,
): { seriesDays: string[]; dayDates: Record<string, Date> } {
  const responses = refreshed.map((code) => code.response);
  const honoured =
    responses.reduce((most, response) => Math.max(most, response.analytics.days_window), 0) || days;
  const seriesDays = daysEnding(lastCompleteDay(startedAt), honoured);
  const fetchedDays = responses.flatMap((response) => response.analytics.daily.map((bucket) => bucket.day));
  return { seriesDays, dayDates: datesOf(timeZone, [...seriesDays, ...fetchedDays]) };
}

function listCodes(client: OpenQRClient) {
  try {
    return client.listCodes();
  } catch (error) {
    if (error instanceof OpenQRError && error.kind !== "unauthorized") {
      throw new UserError(`Could not list your OpenQR codes, so nothing was changed. ${error.message}`);
    }
    throw error;
  }
}

/** The client's messages speak to a formula's author; a missing code means something else here. */
function failureReason(codeId: string, error: OpenQRError): string {
  if (error.kind !== "not_found") return error.message;
  return `OpenQR has no code "${codeId}" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.`;
}

/** Stops the run, before any write, when the user put columns before or among the add-on's own. */
function checkOwnColumns(
  sheet: Sheet | null,
  table: readonly WritableRow[],
  header: readonly string[],
): void {
  if (sheet === null) return;
  const shifted = headerMoved(table[0], header) || (header === DAILY_HEADER && dailyRowsShifted(table));
  if (shifted) throw new UserError(columnsMovedMessage(sheet.getName(), header));
}

function nameInTheWay(kinds: readonly ReportSheetKind[]): UserError {
  const names = kinds.map((kind) => `"${REPORT_SHEET_NAMES[kind]}"`).join(" and ");
  const one = kinds.length === 1;
  return new UserError(
    `${one ? "A sheet" : "Sheets"} named ${names} ${one ? "is" : "are"} not the add-on's, so nothing was changed: rename ${one ? "it" : "them"}, then refresh again.`,
  );
}

/** A report sheet deleted since the last run comes back with only what the API still has. */
function missingSheetNotes(found: Record<ReportSheetKind, unknown>, days: number): string[] {
  const missing = REPORT_SHEET_KINDS.filter((kind) => found[kind] === null);
  if (missing.length === REPORT_SHEET_KINDS.length) return [];
  return missing.map((kind) =>
    kind === "daily"
      ? `${REPORT_SHEET_NAMES.daily} was missing and was created again: only the last ${days} days (what OpenQR still returns) could be refilled; older history is gone.`
      : `${REPORT_SHEET_NAMES[kind]} was missing and was created again.`,
  );
}

function slugsOf(summary: readonly WritableRow[]): Record<string, string> {
  const slugs: Record<string, string> = {};
  for (const row of summary.slice(1)) if (textOf(row[0]) !== "") slugs[textOf(row[0])] = textOf(row[1]);
  return slugs;
}

function datesOf(timeZone: string, days: readonly string[]): Record<string, Date> {
  const unique = days.filter((day, index) => days.indexOf(day) === index);
  const dates = dayToDateIn(timeZone)(unique);
  const byDay: Record<string, Date> = {};
  unique.forEach((day, index) => {
    byDay[day] = dates[index]!;
  });
  return byDay;
}

function breakdownOf(codeId: string, response: ScansResponse): CodeBreakdown {
  const { analytics } = response;
  return {
    codeId,
    slug: response.slug,
    windowDays: analytics.days_window,
    byDimension: {
      country: analytics.by_country,
      device: analytics.by_device,
      referrer: analytics.by_referrer,
    },
  };
}

/** The last complete UTC day of a run: yesterday, since the API's today is still filling up. */
function lastCompleteDay(startedAt: number): string {
  return isoDayOf(Math.floor(startedAt / DAY_MS) * DAY_MS - DAY_MS);
}

/**
 * Week over week and the last complete day's trend of every code in scope, from the merged
 * archive (so days before a free plan's 7-day window count too). A code's history starts on
 * its creation day when the list gave it, else on its first scanned day in the rows read
 * (the archive's last rows, from before the baseline): a code silent since before them counts
 * from its next scan, an approximation the README states.
 */
function insightsOf(
  entries: readonly DailyEntry[],
  fetched: FetchedCodes,
  startedAt: number,
): Record<string, CodeInsight> {
  const day = lastCompleteDay(startedAt);
  const counts = countsByCode(entries, daysEnding(day, BASELINE_DAYS + 1));
  const firstScanned: Record<string, string> = {};
  for (const entry of entries) {
    const first = firstScanned[entry.codeId];
    if ((entry.scans ?? 0) > 0 && (first === undefined || entry.day < first))
      firstScanned[entry.codeId] = entry.day;
  }
  const insights: Record<string, CodeInsight> = {};
  for (const codeId of fetched.codeIds) {
    const perDay = counts[codeId] ?? {};
    const start = {
      created: fetched.createdDays[codeId] ?? null,
      firstScanned: firstScanned[codeId] ?? null,
    };
    insights[codeId] = { week: weekOverWeek(perDay, day), judgement: judgeDay(perDay, day, start) };
  }
  return insights;
}

/** The digest reads the sheets as this run left them: the last complete UTC day and the 7 before it. */
function digestOf(
  codeRows: readonly WritableRow[],
  entries: readonly DailyEntry[],
  insights: Readonly<Record<string, CodeInsight>>,
  startedAt: number,
  notRefreshed: number,
): FleetDigest {
  const day = lastCompleteDay(startedAt);
  const week = daysEnding(day, 7);
  const counts = countsByCode(entries, week);
  const cell = (row: WritableRow, name: SummaryColumn) => row[columnOf(name) - 1];
  const current = codeRows.filter((row) => textOf(cell(row, "Status")) !== STATUS_DELETED);
  const alerts: DigestAlert[] = [];
  const movers: DigestMover[] = [];
  for (const row of current) {
    const slug = textOf(cell(row, "Slug"));
    const insight = insights[textOf(cell(row, "Code ID"))];
    if (!insight) continue;
    const { trend, scans, typical } = insight.judgement;
    if ((trend === "spike" || trend === "drop") && scans !== null && typical !== null) {
      alerts.push({ slug, trend, scans, typical });
    }
    const { change, previous } = insight.week;
    if (change !== null && previous !== null) movers.push({ slug, change, previous });
  }
  return {
    day,
    notRefreshed,
    alerts,
    movers,
    codes: current.map((row) => {
      const perDay = counts[textOf(cell(row, "Code ID"))] ?? {};
      return {
        slug: textOf(cell(row, "Slug")),
        dayScans: perDay[day] ?? 0,
        weekScans: week.reduce((sum, d) => sum + (perDay[d] ?? 0), 0),
        lifetime: numberOf(cell(row, "Lifetime")) ?? 0,
        topCountry: textOf(cell(row, "Top country")),
        topReferrer: textOf(cell(row, "Top referrer")),
      };
    }),
  };
}
