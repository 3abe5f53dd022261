/**
 * The OpenQR Runs sheet (src/report/run-log.ts): one row per run, appended after the run's
 * report is recorded. Found by the id the last run remembered, else by its developer
 * metadata (so a user may rename it); a sheet that merely has its name is the user's and is
 * never touched. A run costs the same few calls however long the log is: the row in one
 * call, its formats in one, and a deletion of the oldest rows once in a while.
 *
 * Never a reason for a run to fail: whatever stops the row (the sheet deleted or protected,
 * the spreadsheet full) becomes a note on the run's report, which is otherwise unchanged.
 */
import { readRunLogId, writeRunLogId } from "../platform/run-log-memory.ts";
import { writeLastRun } from "../platform/settings-store.ts";
import {
  RUN_LOG_COLUMNS,
  RUN_LOG_HEADER,
  RUN_LOG_KIND,
  RUN_LOG_NAME,
  RUN_LOG_NAME_IN_THE_WAY,
  runLogFailedNote,
  runLogRow,
  runLogRowFormats,
  runsToTrim,
} from "../report/run-log.ts";
import { literal } from "../report/sheet-cells.ts";
import { messageOf } from "../shared/platform-signals.ts";
import type { LastRun } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { REPORT_SHEET_KEY } from "./report-sheets.ts";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The run log, or null when no run has written it (or it was deleted since). */
export function findRunLog(spreadsheet: Spreadsheet): Sheet | null {
  const id = readRunLogId();
  const byId = id === null ? null : spreadsheet.getSheetById(id);
  if (byId !== null) return byId;
  const finder = spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(REPORT_SHEET_KEY)
    .withValue(RUN_LOG_KIND);
  for (const metadata of finder.find()) {
    const sheet = metadata.getLocation().getSheet();
    if (sheet === null) continue;
    writeRunLogId(sheet.getSheetId());
    return sheet;
  }
  return null;
}

class RunLogNameInTheWay extends UserError {
  constructor() {
    super(RUN_LOG_NAME_IN_THE_WAY);
    this.name = "RunLogNameInTheWay";
  }
}

function createRunLog(spreadsheet: Spreadsheet): Sheet {
  if (spreadsheet.getSheetByName(RUN_LOG_NAME) !== null) throw new RunLogNameInTheWay();
  const active = spreadsheet.getActiveSheet();
  // A full spreadsheet refuses the sheet: the platform's message becomes the run's note.
  const sheet = spreadsheet.insertSheet(RUN_LOG_NAME);
  sheet.addDeveloperMetadata(
    REPORT_SHEET_KEY,
    RUN_LOG_KIND,
    SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
  );
  const header = sheet.getRange(1, 1, 1, RUN_LOG_COLUMNS);
  header.setValues([RUN_LOG_HEADER.map(literal)]);
  header.setFontWeight("bold");
  sheet.setFrozenRows(1);
  // Creating a sheet activates it: the user stays where they were.
  spreadsheet.setActiveSheet(active);
  writeRunLogId(sheet.getSheetId());
  return sheet;
}

/** Adds the run's row, and deletes the oldest rows once the log holds TRIM_AT runs. */
function appendRun(spreadsheet: Spreadsheet, report: LastRun): void {
  const sheet = findRunLog(spreadsheet) ?? createRunLog(spreadsheet);
  sheet.appendRow(runLogRow(report));
  const lastRow = sheet.getLastRow();
  sheet.getRange(lastRow, 1, 1, RUN_LOG_COLUMNS).setNumberFormats([runLogRowFormats()]);
  const trim = runsToTrim(lastRow - 1);
  if (trim > 0) sheet.deleteRows(2, trim);
}

/**
 * The run's report, once its row is in the run log. When the row could not be added, the
 * report gains a note saying why (recorded again for the sidebar); nothing else changes.
 */
export function loggedRun(spreadsheet: Spreadsheet, report: LastRun): LastRun {
  try {
    appendRun(spreadsheet, report);
    return report;
  } catch (error) {
    const note = error instanceof RunLogNameInTheWay ? error.message : runLogFailedNote(messageOf(error));
    const noted = { ...report, notes: [...report.notes, note] };
    try {
      writeLastRun(noted);
    } catch {
      // The report without the note is already recorded.
    }
    return noted;
  }
}
