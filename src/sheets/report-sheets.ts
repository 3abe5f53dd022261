/**
 * The four sheets the add-on owns (src/report/sheet-kinds.ts), found by developer metadata
 * rather than by name, so a user may rename them. A sheet that merely has one of the names
 * is the user's and is never touched.
 */
import { DAILY_SHEET_COLUMNS } from "../report/daily-archive.ts";
import { CURRENT_LAYOUT } from "../report/layout-migration.ts";
import {
  REPORT_SHEET_KINDS,
  REPORT_SHEET_NAMES,
  type ReportSheetKind,
  type SheetIds,
} from "../report/sheet-kinds.ts";
import { growing, NEW_SHEET_CELLS } from "./cell-limit.ts";

/** The metadata key on each sheet; its value is the sheet's kind. */
export const REPORT_SHEET_KEY = "openqr.reportSheet";
/** The metadata key on each sheet for its layout version (see src/report/layout-migration.ts). */
export const LAYOUT_KEY = "openqr.layout";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type FoundSheets = Record<ReportSheetKind, Sheet | null>;

/**
 * The four sheets by the ids remembered from the last run: one call each instead of the
 * metadata search's dozen (sheet ids are never reused and survive renames). Null unless all
 * four are still there.
 */
export function sheetsById(
  spreadsheet: Spreadsheet,
  remembered: SheetIds,
): Record<ReportSheetKind, Sheet> | null {
  const found: FoundSheets = { daily: null, breakdown: null, summary: null, monthly: null };
  for (const kind of REPORT_SHEET_KINDS) found[kind] = spreadsheet.getSheetById(remembered[kind]);
  return found.daily && found.breakdown && found.summary && found.monthly
    ? { daily: found.daily, breakdown: found.breakdown, summary: found.summary, monthly: found.monthly }
    : null;
}

/** The add-on's sheets, by their developer metadata. */
export function findReportSheets(spreadsheet: Spreadsheet): FoundSheets {
  const found: FoundSheets = { daily: null, breakdown: null, summary: null, monthly: null };
  for (const metadata of spreadsheet.createDeveloperMetadataFinder().withKey(REPORT_SHEET_KEY).find()) {
    const kind = metadata.getValue() as ReportSheetKind;
    if (REPORT_SHEET_KINDS.indexOf(kind) < 0 || found[kind] !== null) continue;
    found[kind] = metadata.getLocation().getSheet();
  }
  return found;
}

/** Kinds whose sheet is missing while a sheet of the user's holds its name. */
export function namesInTheWay(spreadsheet: Spreadsheet, found: FoundSheets): ReportSheetKind[] {
  return REPORT_SHEET_KINDS.filter(
    (kind) => found[kind] === null && spreadsheet.getSheetByName(REPORT_SHEET_NAMES[kind]) !== null,
  );
}

/** A new, tagged sheet with a bold, frozen header row (set once, here). */
export function createReportSheet(spreadsheet: Spreadsheet, kind: ReportSheetKind, columns: number): Sheet {
  const sheet = growing(
    () => spreadsheet,
    () => NEW_SHEET_CELLS,
    () => spreadsheet.insertSheet(REPORT_SHEET_NAMES[kind]),
  );
  const visibility = SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT;
  sheet.addDeveloperMetadata(REPORT_SHEET_KEY, kind, visibility);
  sheet.addDeveloperMetadata(LAYOUT_KEY, String(CURRENT_LAYOUT), visibility);
  if (kind === "daily")
    sheet.deleteColumns(DAILY_SHEET_COLUMNS + 1, sheet.getMaxColumns() - DAILY_SHEET_COLUMNS);
  sheet.getRange(1, 1, 1, columns).setFontWeight("bold");
  sheet.setFrozenRows(1);
  return sheet;
}
