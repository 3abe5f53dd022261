/**
 * The four sheets the add-on owns, by kind, and what a run says about them. The sheets
 * are found by developer metadata rather than by name (src/sheets/report-sheets.ts), so a
 * user may rename them; a sheet that merely has one of the names is the user's.
 */
export type ReportSheetKind = "daily" | "breakdown" | "summary" | "monthly";
export const REPORT_SHEET_KINDS: readonly ReportSheetKind[] = ["daily", "breakdown", "summary", "monthly"];

export const REPORT_SHEET_NAMES: Record<ReportSheetKind, string> = {
  daily: "OpenQR Daily",
  breakdown: "OpenQR Breakdown",
  summary: "OpenQR Summary",
  monthly: "OpenQR Monthly",
};

/** The sheets' ids, remembered between runs. */
export type SheetIds = Record<ReportSheetKind, number>;

/** The message for sheets of the user's that hold the names of missing report sheets. */
export function namesInTheWayMessage(kinds: readonly ReportSheetKind[]): string {
  const names = kinds.map((kind) => `"${REPORT_SHEET_NAMES[kind]}"`).join(" and ");
  const one = kinds.length === 1;
  return `${one ? "A sheet" : "Sheets"} named ${names} ${one ? "is" : "are"} not the add-on's, so nothing was changed: rename ${one ? "it" : "them"}, then refresh again.`;
}

/** A report sheet deleted since the last run comes back with only what the API still has. */
export function missingSheetNotes(missing: Record<ReportSheetKind, boolean>, days: number): string[] {
  const kinds = REPORT_SHEET_KINDS.filter((kind) => missing[kind]);
  if (kinds.length === REPORT_SHEET_KINDS.length) return [];
  return kinds.map((kind) =>
    kind === "daily"
      ? `${REPORT_SHEET_NAMES.daily} was missing and was created again: only the last ${days} days (what OpenQR still returns) could be refilled; older history is gone.`
      : kind === "monthly"
        ? MONTHLY_BUILT_NOTE
        : `${REPORT_SHEET_NAMES[kind]} was missing and was created again.`,
  );
}

/** A Monthly sheet made beside an existing archive (an upgrade, or the sheet deleted) is built from all of it once. */
export const MONTHLY_BUILT_NOTE = `${REPORT_SHEET_NAMES.monthly} was created from every month ${REPORT_SHEET_NAMES.daily} holds; later refreshes rewrite only the months they touch.`;
