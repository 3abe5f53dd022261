/**
 * "Refresh formulas": the menu item and the sidebar's button (refreshFormulas), and the
 * pass a scheduled run makes when its owner opted in. Sheets re-runs a custom function only
 * when its formula changes, so the pass finds the cells whose formulas call OPENQR_
 * functions, starts a new cache generation (so the formulas fetch afresh), and rewrites those
 * cells, and only those, with their own text. Each batch's formulas are journaled first, so
 * a run stopped between clearing and writing back loses nothing: the next pass puts them back.
 */
import { formulaCost } from "../functions/formula-calls.ts";
import { activeSpreadsheetOrNull, documentLock, type OpenDocument } from "../platform/document-services.ts";
import { startFormulaGeneration } from "../platform/formula-generation.ts";
import {
  clearFormulaJournal,
  readFormulaJournal,
  writeFormulaCost,
  writeFormulaJournal,
} from "../platform/formula-store.ts";
import { readOwnKey } from "../platform/key-store.ts";
import { readUserSchedule } from "../platform/settings-store.ts";
import {
  type FormulaCounts,
  formulaRefreshMessage,
  journalBatches,
  withFormulaFailure,
  withFormulaRefresh,
} from "../report/formula-refresh.ts";
import type { FormulaRefresh, LastRun } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { addOnFormulaCells, restoreFormulas, rewriteFormulas } from "../sheets/formula-cells.ts";
import { asSidebarCall, failureMessage } from "./user-call.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const FORMULAS_BUSY =
  "A refresh is already running in this spreadsheet; try Refresh formulas again in a minute.";
/** "Tried briefly", as a refresh does. */
const LOCK_TRY_MS = 2000;
/**
 * No batch is rewritten after this much of an execution: Apps Script stops one at 6 minutes,
 * and a batch (a flush and a write per cell) takes seconds at most.
 */
export const FORMULAS_LATEST_START_MS = 330_000;

/** The menu item and the sidebar's button. */
export function refreshFormulas(): FormulaRefresh {
  return asSidebarCall(() => {
    const startedAt = Date.now();
    const spreadsheet = activeSpreadsheetOrNull();
    if (spreadsheet === null) throw new UserError("Open a spreadsheet to refresh its OpenQR formulas.");
    const lock = documentLock();
    if (!lock.tryLock(LOCK_TRY_MS)) throw new UserError(FORMULAS_BUSY);
    let result: FormulaRefresh;
    try {
      result = formulaPass(spreadsheet, startedAt + FORMULAS_LATEST_START_MS);
    } finally {
      lock.releaseLock();
    }
    spreadsheet.toast(result.message, "OpenQR");
    return result;
  }, readOwnKey);
}

/**
 * After a scheduled run that completed: the formulas too when the trigger's owner opted in,
 * under the document lock; the report gains the count, or a note saying why not.
 */
export function withScheduledFormulas(report: LastRun, document: OpenDocument, startedAt: number): LastRun {
  if (!report.ok) return report;
  const { spreadsheet, lock } = document;
  if (!readUserSchedule(spreadsheet.getId()).refreshFormulas) return report;
  if (!lock.tryLock(LOCK_TRY_MS)) return withFormulaFailure(report, "another refresh was running.");
  try {
    return withFormulaRefresh(report, formulaPass(spreadsheet, startedAt + FORMULAS_LATEST_START_MS));
  } catch (error) {
    return withFormulaFailure(report, failureMessage(error, null));
  } finally {
    lock.releaseLock();
  }
}

/** One pass, under the document lock: no batch starts at or after `deadline`. */
function formulaPass(spreadsheet: Spreadsheet, deadline: number): FormulaRefresh {
  const counts: FormulaCounts = { refreshed: 0, waiting: 0, tooLong: 0, restored: 0, cacheBypassed: false };
  const interrupted = readFormulaJournal();
  if (interrupted !== null) {
    counts.restored = restoreFormulas(spreadsheet, interrupted.sheetId, interrupted.cells);
    clearFormulaJournal();
  }
  const sheets = addOnFormulaCells(spreadsheet);
  const formulas = sheets.flatMap((found) => found.cells.map((cell) => cell.formula));
  // Counted at every pass, for the quota planner.
  writeFormulaCost(formulaCost(formulas));
  let generationStarted = false;
  for (const { sheet, sheetId, cells } of sheets) {
    const { batches, tooLong } = journalBatches(cells);
    counts.tooLong += tooLong.length;
    for (const batch of batches) {
      if (Date.now() >= deadline) {
        counts.waiting += batch.length;
        continue;
      }
      // Before the first rewrite, and only if there is one: answers cached before it are then misses.
      if (!generationStarted) {
        counts.cacheBypassed = startFormulaGeneration();
        generationStarted = true;
      }
      writeFormulaJournal({ sheetId, cells: batch.map((cell) => [cell.a1, cell.formula]) });
      rewriteFormulas(sheet, batch);
      clearFormulaJournal();
      counts.refreshed += batch.length;
    }
  }
  return { ...counts, message: formulaRefreshMessage(counts) };
}
