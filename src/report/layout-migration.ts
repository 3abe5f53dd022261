/**
 * The report sheets are an interface (pivots, QUERY formulas, Looker Studio read them by
 * column), so their layouts only ever grow at the right end and headers never change.
 * Each sheet records its layout in developer metadata; a refresh that finds an earlier
 * layout of the add-on's migrates it in place, keeping every row and the user's columns.
 *
 * Layouts: 1, the first (no mark: sheets made before marks existed); 2 appends the
 * Summary's Account column (see accounts.ts); 3 appends its Group column (code-groups.ts).
 */
import { BREAKDOWN_HEADER } from "./breakdown-rows.ts";
import { DAILY_HEADER } from "./daily-archive.ts";
import { MONTHLY_HEADER } from "./monthly-rows.ts";
import type { ReportSheetKind } from "./sheet-kinds.ts";
import { SUMMARY_HEADER } from "./summary-rows.ts";

export type LayoutSheet = ReportSheetKind;

export const CURRENT_LAYOUT = 3;

/** The add-on's own columns of each sheet at the current layout. */
const HEADERS: Record<LayoutSheet, readonly string[]> = {
  daily: DAILY_HEADER,
  breakdown: BREAKDOWN_HEADER,
  summary: SUMMARY_HEADER,
  monthly: MONTHLY_HEADER,
};

/** How many columns of each sheet are the add-on's (the user's own are right of them). */
export const OWN_COLUMNS: Record<LayoutSheet, number> = {
  daily: DAILY_HEADER.length,
  breakdown: BREAKDOWN_HEADER.length,
  summary: SUMMARY_HEADER.length,
  monthly: MONTHLY_HEADER.length,
};

/** How many of the current header's columns each layout had (the rest were appended later). */
const WIDTHS: Record<LayoutSheet, Record<number, number>> = {
  daily: { 1: 4, 2: 4, 3: 4 },
  breakdown: { 1: 6, 2: 6, 3: 6 },
  summary: { 1: 18, 2: 19, 3: 20 },
  // Made at layout 3: every layout it has is the current header.
  monthly: {},
};

/** The layout a sheet's mark names: a whole number from 1, or null when the mark is unreadable. */
export function layoutOfMark(mark: string | null): number | null {
  if (mark === null) return 1;
  return /^[1-9][0-9]{0,5}$/.test(mark.trim()) ? Number(mark.trim()) : null;
}

/** The sheet's own header as a layout wrote it. */
export function headerAt(sheet: LayoutSheet, layout: number): readonly string[] {
  return HEADERS[sheet].slice(0, WIDTHS[sheet][layout] ?? HEADERS[sheet].length);
}

export interface LayoutMigration {
  /** Columns to insert, so the user's columns right of the old ones move right; null: none. */
  insert: { after: number; count: number } | null;
  /** The appended headers, from this 1-based column on. */
  header: { column: number; names: readonly string[] } | null;
}

/**
 * What turns a sheet of an earlier layout into the current one. `lastColumn` and
 * `maxColumns` are the sheet's: inserting (rather than writing beside the old columns)
 * moves the user's columns right, and the platform re-bases formulas pointing at them.
 */
export function planLayoutMigration(
  sheet: LayoutSheet,
  from: number,
  size: { lastColumn: number; maxColumns: number },
): LayoutMigration {
  const oldWidth = headerAt(sheet, from).length;
  const newHeader = headerAt(sheet, CURRENT_LAYOUT);
  if (newHeader.length === oldWidth) return { insert: null, header: null };
  const header = { column: oldWidth + 1, names: newHeader.slice(oldWidth) };
  if (size.maxColumns < oldWidth) {
    return { insert: { after: size.maxColumns, count: newHeader.length - size.maxColumns }, header };
  }
  const needed = size.lastColumn > oldWidth || size.maxColumns < newHeader.length;
  return { insert: needed ? { after: oldWidth, count: newHeader.length - oldWidth } : null, header };
}

/** The message for a sheet a later version of the add-on laid out (or whose mark is unreadable). */
export function unknownLayoutMessage(sheetName: string): string {
  return (
    `"${sheetName}" was laid out by a newer version of the OpenQR add-on than this one, so nothing ` +
    "was changed: refresh again once your add-on is up to date."
  );
}
