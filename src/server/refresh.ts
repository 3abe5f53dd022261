/**
 * "Refresh reports now" and the scheduled refresh. The report sheets arrive in the next
 * version; until then both say so instead of failing silently.
 */
export const REFRESH_NOT_READY =
  "Refreshing report sheets is not ready yet: it arrives in the next version of the add-on. The OPENQR_ formulas work now.";

export function refreshNow(): string {
  SpreadsheetApp.getActiveSpreadsheet().toast(REFRESH_NOT_READY, "OpenQR");
  return REFRESH_NOT_READY;
}
