/**
 * The report sheets' layout versions (developer metadata "openqr.layout" on each sheet) and
 * their migration in place, as planned by src/report/layout-migration.ts.
 */

import { isLayoutMarked } from "../platform/layout-mark.ts";
import {
  CURRENT_LAYOUT,
  layoutOfMark,
  planLayoutMigration,
  unknownLayoutMessage,
} from "../report/layout-migration.ts";
import { literal } from "../report/sheet-cells.ts";
import { REPORT_SHEET_KINDS, type ReportSheetKind, type SheetIds } from "../report/sheet-kinds.ts";
import { LayoutRefused } from "../shared/user-error.ts";
import { type FoundSheets, LAYOUT_KEY } from "./report-sheets.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type Layouts = Record<ReportSheetKind, number> & {
  /** The last run left these very sheets at the current layout (see platform/layout-mark.ts). */
  marked: boolean;
};

/** Tags a migrated sheet with the current layout (a new sheet is tagged as it is made). */
function tagCurrentLayout(sheet: Sheet): void {
  const [mark] = sheet.createDeveloperMetadataFinder().withKey(LAYOUT_KEY).find();
  if (mark) mark.setValue(String(CURRENT_LAYOUT));
  else
    sheet.addDeveloperMetadata(
      LAYOUT_KEY,
      String(CURRENT_LAYOUT),
      SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
    );
}

/**
 * Each sheet's layout (a sheet still to be made: the current one). `remembered`: the ids the
 * sheets were found by; when the last run marked them current, no metadata is read. A layout
 * this version does not know stops the run before anything is written.
 */
export function readLayouts(found: FoundSheets, remembered: SheetIds | null): Layouts {
  const marked = remembered !== null && isLayoutMarked(remembered);
  const layouts = {
    daily: CURRENT_LAYOUT,
    breakdown: CURRENT_LAYOUT,
    summary: CURRENT_LAYOUT,
    monthly: CURRENT_LAYOUT,
    marked,
  };
  if (marked) return layouts;
  for (const kind of REPORT_SHEET_KINDS) {
    const sheet = found[kind];
    if (sheet === null) continue;
    const [mark] = sheet.createDeveloperMetadataFinder().withKey(LAYOUT_KEY).find();
    const layout = layoutOfMark(mark ? mark.getValue() : null);
    if (layout === null || layout > CURRENT_LAYOUT)
      throw new LayoutRefused(unknownLayoutMessage(sheet.getName()));
    layouts[kind] = layout;
  }
  return layouts;
}

/**
 * Brings every found sheet of an earlier layout to the current one: columns inserted after
 * the old ones (the user's move right, formulas re-based by the platform), the new headers,
 * then the mark, last, so a run stopped halfway migrates again. True when a sheet's columns changed.
 */
export function migrateLayouts(found: FoundSheets, layouts: Layouts): boolean {
  let changed = false;
  for (const kind of REPORT_SHEET_KINDS) {
    const sheet = found[kind];
    if (sheet === null || layouts[kind] === CURRENT_LAYOUT) continue;
    const plan = planLayoutMigration(kind, layouts[kind], {
      lastColumn: sheet.getLastColumn(),
      maxColumns: sheet.getMaxColumns(),
    });
    if (plan.insert) sheet.insertColumnsAfter(plan.insert.after, plan.insert.count);
    if (plan.header) {
      const cells = sheet.getRange(1, plan.header.column, 1, plan.header.names.length);
      cells.setValues([plan.header.names.map(literal)]).setFontWeight("bold");
      changed = true;
    }
    tagCurrentLayout(sheet);
  }
  return changed;
}
