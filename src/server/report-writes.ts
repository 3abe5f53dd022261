/**
 * A refresh's writes, once everything is planned and the spreadsheet is known to have room:
 * the missing report sheets made, their ids and layout remembered, then the blocks that
 * changed, OpenQR Daily's fingerprint and the Summary's chart.
 */

import { markLayout } from "../platform/layout-mark.ts";
import { writeSheetIds } from "../platform/settings-store.ts";
import { writeTailFingerprint } from "../platform/tail-store.ts";
import { type ColumnFormat, formatsByName } from "../report/block-formats.ts";
import type { BlockWrite } from "../report/block-write.ts";
import { BREAKDOWN_FORMATS, BREAKDOWN_HEADER } from "../report/breakdown-rows.ts";
import type { DailyRow } from "../report/daily-archive.ts";
import { type DailyWrite, fingerprintOf } from "../report/daily-tail.ts";
import { OWN_COLUMNS } from "../report/layout-migration.ts";
import type { WritableRow } from "../report/sheet-cells.ts";
import type { ReportSheetKind, SheetIds } from "../report/sheet-kinds.ts";
import type { SummaryTable } from "../report/summary-table.ts";
import type { SheetSize } from "../report/workbook-room.ts";
import { createReportSheet } from "../sheets/report-sheets.ts";
import { sizeOf, writeBlocks } from "../sheets/sheet-table.ts";
import { ensureSummaryChart } from "../sheets/summary-chart.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ReportWrites {
  /** The sheets found (null: made by this run) and the ids they were found by. */
  found: Record<ReportSheetKind, Sheet | null>;
  ids: Record<ReportSheetKind, number | null>;
  /** The ids came from the run's memory (nothing to remember again), and the layout was marked current. */
  idsRemembered: boolean;
  layoutMarked: boolean;
  /** Each sheet's grid as the room check measured it (null: not there). */
  sizes: Record<ReportSheetKind, SheetSize | null>;
  daily: DailyWrite;
  /** Parses a written Daily row, as the next run will read it (for the fingerprint). */
  readDailyRow: (row: WritableRow) => DailyRow;
  /** The first day the run needed: the fingerprint covers OpenQR Daily from it on. */
  firstDay: string;
  breakdown: readonly BlockWrite[];
  monthly: { blocks: readonly BlockWrite[]; formats: readonly ColumnFormat[] };
  summary: Pick<SummaryTable, "formats" | "chartRows"> & { blocks: readonly BlockWrite[] };
}

export function writeReports(spreadsheet: Spreadsheet, plan: ReportWrites): void {
  const { found, ids } = plan;
  // The Summary first: it is what a user opens the file for.
  const summary = found.summary ?? createReportSheet(spreadsheet, "summary", OWN_COLUMNS.summary);
  const sheets: Record<ReportSheetKind, Sheet> = {
    summary,
    daily: found.daily ?? createReportSheet(spreadsheet, "daily", OWN_COLUMNS.daily),
    breakdown: found.breakdown ?? createReportSheet(spreadsheet, "breakdown", OWN_COLUMNS.breakdown),
    monthly: found.monthly ?? createReportSheet(spreadsheet, "monthly", OWN_COLUMNS.monthly),
  };
  // Creating a sheet activates it; show the Summary instead.
  if (!found.summary || !found.daily || !found.breakdown || !found.monthly)
    spreadsheet.setActiveSheet(summary);
  const sheetIds: SheetIds = {
    daily: ids.daily ?? sheets.daily.getSheetId(),
    breakdown: ids.breakdown ?? sheets.breakdown.getSheetId(),
    summary: ids.summary ?? sheets.summary.getSheetId(),
    monthly: ids.monthly ?? sheets.monthly.getSheetId(),
  };
  if (!plan.idsRemembered) writeSheetIds(sheetIds);
  if (!plan.layoutMarked) markLayout(sheetIds);
  const sizeOfSheet = (kind: ReportSheetKind) => plan.sizes[kind] ?? sizeOf(sheets[kind]);
  const sizes = {
    daily: sizeOfSheet("daily"),
    breakdown: sizeOfSheet("breakdown"),
    summary: sizeOfSheet("summary"),
    monthly: sizeOfSheet("monthly"),
  };

  const { daily } = plan;
  writeBlocks(sheets.daily, sizes.daily, daily.blocks, daily.formats, OWN_COLUMNS.daily);
  writeTailFingerprint(
    fingerprintOf(sheetIds.daily, daily.firstRow, daily.rows.map(plan.readDailyRow), plan.firstDay),
  );
  // Every row after the header: the breakdown is rewritten whole.
  const breakdownFormats = formatsByName(BREAKDOWN_HEADER, BREAKDOWN_FORMATS, 1, Number.MAX_SAFE_INTEGER);
  writeBlocks(sheets.breakdown, sizes.breakdown, plan.breakdown, breakdownFormats, OWN_COLUMNS.breakdown);
  writeBlocks(sheets.summary, sizes.summary, plan.summary.blocks, plan.summary.formats, OWN_COLUMNS.summary);
  writeBlocks(sheets.monthly, sizes.monthly, plan.monthly.blocks, plan.monthly.formats, OWN_COLUMNS.monthly);
  ensureSummaryChart(sheets.summary, plan.summary.chartRows);
  SpreadsheetApp.flush();
}
