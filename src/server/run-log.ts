/** The sidebar's "Open run log": shows the OpenQR Runs sheet, or says that no run has written it yet. */
import { activeSpreadsheet } from "../platform/document-services.ts";
import { readOwnKey } from "../platform/key-store.ts";
import { RUN_LOG_NAME } from "../report/run-log.ts";
import type { RunLogOpening } from "../shared/settings.ts";
import { findRunLog } from "../sheets/run-log-sheet.ts";
import { asSidebarCall } from "./user-call.ts";

export const NO_RUN_LOG_YET = `No run has written the run log yet: the next refresh creates the "${RUN_LOG_NAME}" sheet.`;

export function openRunLog(): RunLogOpening {
  return asSidebarCall(() => {
    const spreadsheet = activeSpreadsheet();
    const sheet = findRunLog(spreadsheet);
    if (sheet === null) return { opened: false, message: NO_RUN_LOG_YET };
    spreadsheet.setActiveSheet(sheet);
    return { opened: true, message: `Opened ${sheet.getName()}.` };
  }, readOwnKey);
}
