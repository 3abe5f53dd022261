/**
 * One refresh of the report sheets, once the entry point has the spreadsheet, the lock and
 * the key: list the codes, fetch them stalest first within the time budget (fetch-codes.ts),
 * then merge and write the Daily, Breakdown and Summary sheets (of OpenQR Daily only the last
 * rows the run needs, src/report/daily-tail.ts), after checking the spreadsheet has room for
 * the writes (report-writes.ts). Rows, insights and the digest are planned by the pure
 * modules in src/report; this module reads and hands over.
 */
import { readReportSettings, readSheetIds } from "../platform/settings-store.ts";
import { dayToDateIn } from "../platform/spreadsheet-time.ts";
import { readTailFingerprint } from "../platform/tail-store.ts";
import { planBlockWrites } from "../report/block-write.ts";
import { BREAKDOWN_HEADER, codeBreakdown, mergeBreakdown } from "../report/breakdown-rows.ts";
import { groupsByCode } from "../report/code-groups.ts";
import { insightsOf } from "../report/code-insights.ts";
import { refreshedResponses, runFailures, waitingCount } from "../report/code-outcomes.ts";
import { DAILY_HEADER, dayReader, fleetTotals, mergeDaily, readDailyRow } from "../report/daily-archive.ts";
import { firstDayNeeded, OUT_OF_ORDER_NOTE, planDailyWrite, tailNeed } from "../report/daily-tail.ts";
import { type FleetDigest, fleetDigest } from "../report/digest-data.ts";
import { CURRENT_LAYOUT, headerAt, OWN_COLUMNS } from "../report/layout-migration.ts";
import { type MonthlyDigestData, monthlyDigestData, othersCodes } from "../report/monthly-digest-data.ts";
import { addMonths, monthOf } from "../report/monthly-months.ts";
import { MONTHLY_HEADER } from "../report/monthly-rows.ts";
import { monthlyFirstDay } from "../report/monthly-touched.ts";
import { columnsMovedMessage, ownColumnsMoved } from "../report/own-columns.ts";
import type { RunTally } from "../report/run-report.ts";
import { datesByDay, runWindow } from "../report/run-window.ts";
import type { WritableRow } from "../report/sheet-cells.ts";
import { missingSheetNotes, namesInTheWayMessage, type ReportSheetKind } from "../report/sheet-kinds.ts";
import { SUMMARY_USER_CELLS_FROM } from "../report/summary-rows.ts";
import { buildSummary } from "../report/summary-table.ts";
import { dayAfter, dayBefore } from "../shared/days.ts";
import { LayoutRefused } from "../shared/user-error.ts";
import { NO_DAILY, readDaily } from "../sheets/daily-sheet.ts";
import { migrateLayouts, readLayouts } from "../sheets/layout-version.ts";
import { findReportSheets, namesInTheWay, sheetsById } from "../sheets/report-sheets.ts";
import { readTable, readTableAndValues } from "../sheets/sheet-table.ts";
import { fetchCodes } from "./fetch-codes.ts";
import { monthlyRereadFrom, planMonthly } from "./monthly-refresh.ts";
import { writeReports } from "./report-writes.ts";
import { checkRoom } from "./room-check.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface RefreshResult {
  tally: RunTally;
  /** What the digest would say after this run (the file's name and link are added when it is posted). */
  digest: FleetDigest;
  /** Each code's group (code id → group), from the Summary as this run read it: see code-groups.ts. */
  groups: ReadonlyMap<string, string>;
  /** The month before OpenQR's current one, as OpenQR Monthly holds it after this run. */
  monthlyDigest: MonthlyDigestData;
}

export function refreshSheets(spreadsheet: Spreadsheet, key: string, startedAt: number): RefreshResult {
  const settings = readReportSettings();
  const remembered = readSheetIds();
  const byId = remembered === null ? null : sheetsById(spreadsheet, remembered);
  const found: Record<ReportSheetKind, Sheet | null> = byId ?? findReportSheets(spreadsheet);
  const blocked = namesInTheWay(spreadsheet, found);
  if (blocked.length > 0) throw new LayoutRefused(namesInTheWayMessage(blocked));

  const layouts = readLayouts(found, byId === null ? null : remembered);
  // An earlier layout is read and checked as it is; it is migrated only once the run is sure to write.
  const summaryHeader = headerAt("summary", layouts.summary);
  let summaryRead = readSummary(found.summary, layouts.summary);
  let summaryBefore = summaryRead.table;
  checkOwnColumns(found.summary, summaryBefore, summaryHeader, false);
  const fetched = fetchCodes(key, settings, summaryBefore, startedAt);
  const responses = refreshedResponses(fetched.results);
  const window = runWindow(responses, settings.days, startedAt);
  const dayToDate = dayToDateIn(spreadsheet.getSpreadsheetTimeZone());
  const dayDates = datesByDay(window.days, dayToDate);
  const idOf = (kind: ReportSheetKind) =>
    byId && remembered ? remembered[kind] : (found[kind]?.getSheetId() ?? null);
  const ids = {
    daily: idOf("daily"),
    breakdown: idOf("breakdown"),
    summary: idOf("summary"),
    monthly: idOf("monthly"),
  };
  // Read after the fetch (a user may edit while it runs), and checked before anything is written.
  const dayOf = dayReader(dayDates);
  // OpenQR Monthly rebuilds yesterday's month: its first day is needed too. A new Monthly is built from the whole archive.
  const firstDay = monthlyFirstDay(firstDayNeeded(window.days, window.day), window.day);
  const need = tailNeed(firstDay, window.seriesDays[window.seriesDays.length - 1]!, fetched.codeIds.length);
  let dailyRead =
    found.daily && ids.daily !== null
      ? readDaily(found.daily, ids.daily, need, found.monthly ? readTailFingerprint() : null, dayOf)
      : NO_DAILY;
  const breakdownBefore = found.breakdown ? readTable(found.breakdown, OWN_COLUMNS.breakdown) : [];
  checkOwnColumns(found.daily, dailyRead.table, DAILY_HEADER, true);
  checkOwnColumns(found.breakdown, breakdownBefore, BREAKDOWN_HEADER, false);
  const notes = missingSheetNotes(
    { daily: !found.daily, breakdown: !found.breakdown, summary: !found.summary, monthly: !found.monthly },
    settings.days,
  );
  if (dailyRead.outOfOrder) notes.push(OUT_OF_ORDER_NOTE);
  // An earlier layout is migrated only now that the run is sure to write (the Summary read again after).
  if (migrateLayouts(found, layouts) && found.summary) {
    summaryRead = readSummary(found.summary, CURRENT_LAYOUT);
    summaryBefore = summaryRead.table;
  }
  // Read before anything is written, so a group typed since the last run counts in this one.
  const groups = groupsByCode(summaryRead.values);

  // Everything is planned first, so a run that cannot fit writes nothing.
  const series = responses.map((response) => ({
    codeId: response.id,
    slug: response.slug,
    daily: response.analytics.daily,
  }));
  let archive = mergeDaily(dailyRead.table, series, dayDates);
  const rereadFrom = monthlyRereadFrom(dailyRead, archive.entries, dayOf, window.day, firstDay);
  if (rereadFrom !== null && found.daily && ids.daily !== null) {
    dailyRead = readDaily(
      found.daily,
      ids.daily,
      { ...need, fromDay: dayBefore(rereadFrom) },
      readTailFingerprint(),
      dayOf,
    );
    archive = mergeDaily(dailyRead.table, series, dayDates);
  }
  const dailyWrite = planDailyWrite(dailyRead, archive);
  const monthly = planMonthly({
    sheet: found.monthly,
    dailyRead: dailyRead.table,
    entries: archive.entries,
    dayOf,
    coveredFrom: dailyRead.whole ? null : (rereadFrom ?? firstDay),
    yesterday: window.day,
    codes: fetched.codeIds.length,
    groups,
    dayToDate,
  });
  checkOwnColumns(found.monthly, monthly.header ? [monthly.header] : [], MONTHLY_HEADER, false);
  const breakdown = mergeBreakdown(breakdownBefore, responses.map(codeBreakdown));
  const breakdownBlocks = planBlockWrites(breakdownBefore, breakdown.table, breakdown.width);
  // The archive's entries are the rows read: the window and the trend's baseline at least (firstDayNeeded).
  const insights = insightsOf(archive.entries, fetched.codeIds, fetched.createdDays, window.day);
  const summary = buildSummary({
    existing: summaryBefore,
    codes: fetched.results,
    allCodes: settings.codes === "all",
    accountCreatedAt: fetched.accountCreatedAt,
    runAt: new Date(startedAt),
    dayDates,
    series: {
      dates: window.seriesDays.map((day) => dayDates[day]!),
      totalsOf: (codeIds) => fleetTotals(archive.entries, window.seriesDays, codeIds),
    },
    insights,
  });
  // The code rows and the chart's series below them change apart: two blocks.
  const summaryBlocks = planBlockWrites(summaryBefore, summary.table, summary.width, [
    summary.codeRowCount + 2,
  ]);
  const room = checkRoom(
    spreadsheet,
    ids,
    { daily: dailyWrite.blocks, breakdown: breakdownBlocks, summary: summaryBlocks, monthly: monthly.blocks },
    fetched.codeIds.length,
  );
  if (room.note !== null) notes.push(room.note);

  writeReports(spreadsheet, {
    found,
    ids,
    idsRemembered: byId !== null,
    layoutMarked: layouts.marked,
    sizes: room.sizes,
    daily: dailyWrite,
    readDailyRow: (row) => readDailyRow(row, dayOf),
    firstDay,
    breakdown: breakdownBlocks,
    summary: { formats: summary.formats, chartRows: summary.chartRows, blocks: summaryBlocks },
    monthly,
  });

  const failures = runFailures(fetched.results, fetched.slugs);
  const waiting = waitingCount(fetched.results);
  return {
    tally: {
      refreshed: responses.length,
      failures,
      skippedForTime: waiting,
      quotaReached: fetched.quotaReached,
      notes,
    },
    // Each user's digest (to their own webhook) tells of their own account's codes only: those this run covered.
    digest: fleetDigest({
      codes: summary.codes,
      entries: archive.entries,
      insights,
      day: window.day,
      notRefreshed: failures.length + waiting,
      groups,
    }),
    groups,
    // The month before OpenQR's current one: on its first days, the run rebuilt it.
    monthlyDigest: monthlyDigestData(
      monthly.rows,
      addMonths(monthOf(dayAfter(window.day)), -1),
      othersCodes(summary.codes),
    ),
  };
}

/** The Summary as read at a layout: writable cells (formulas from Group on, as R1C1) and its values. */
function readSummary(sheet: Sheet | null, layout: number): ReturnType<typeof readTableAndValues> {
  if (sheet === null) return { table: [], values: [] };
  return readTableAndValues(sheet, Math.min(headerAt("summary", layout).length, SUMMARY_USER_CELLS_FROM));
}

/** Stops the run, before any write, when the user put columns before or among the add-on's own. */
function checkOwnColumns(
  sheet: Sheet | null,
  table: readonly WritableRow[],
  header: readonly string[],
  daily: boolean,
): void {
  if (sheet === null) return;
  if (ownColumnsMoved(table, header, daily))
    throw new LayoutRefused(columnsMovedMessage(sheet.getName(), header));
}
