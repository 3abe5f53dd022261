/**
 * The "Refresh formulas" pass as data (pure): how the cells are split into batches whose
 * journal fits one property value, the sentence that reports the pass, and how a scheduled
 * run's report gains it.
 */
import type { FormulaRefresh, LastRun } from "../shared/settings.ts";

/** A batch's journal is one property value (9 KB): keep a margin for the JSON around the pairs. */
export const MAX_JOURNAL_CHARS = 8000;

interface Journaled {
  a1: string;
  formula: string;
}

const entryChars = (cell: Journaled) => JSON.stringify([cell.a1, cell.formula]).length + 1;

/**
 * The cells in batches whose [A1, formula] pairs fit MAX_JOURNAL_CHARS, in order; a cell
 * whose pair alone does not fit is left out (`tooLong`): without a copy kept it is not cleared.
 */
export function journalBatches<T extends Journaled>(cells: readonly T[]): { batches: T[][]; tooLong: T[] } {
  const batches: T[][] = [];
  const tooLong: T[] = [];
  let batch: T[] = [];
  let chars = 0;
  for (const cell of cells) {
    const size = entryChars(cell);
    if (size > MAX_JOURNAL_CHARS) {
      tooLong.push(cell);
      continue;
    }
    if (chars + size > MAX_JOURNAL_CHARS && batch.length > 0) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(cell);
    chars += size;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, tooLong };
}

const cells = (n: number) => `${n} formula ${n === 1 ? "cell" : "cells"}`;

export type FormulaCounts = Omit<FormulaRefresh, "message">;

/** The pass in one sentence (or two, when it could not bypass the cache). */
export function formulaRefreshMessage(counts: FormulaCounts): string {
  const { refreshed, waiting, tooLong, restored } = counts;
  const parts: string[] = [];
  if (refreshed + waiting + tooLong === 0) {
    parts.push("No formulas in this spreadsheet call OPENQR_ functions: there was nothing to refresh");
  } else {
    parts.push(
      refreshed > 0
        ? `Refreshed ${cells(refreshed)}: Sheets recalculates ${refreshed === 1 ? "it" : "them"} now, with numbers fetched afresh`
        : "Refreshed no formula cells",
    );
  }
  if (waiting > 0) parts.push(`${cells(waiting)} wait: the time ran out (use Refresh formulas)`);
  if (tooLong > 0) {
    const were = tooLong === 1 ? "it was" : "they were";
    parts.push(`${cells(tooLong)} left as ${were}: too long to keep a safe copy while rewriting`);
  }
  if (restored > 0) parts.push(`put back ${cells(restored)} an interrupted refresh had cleared`);
  const sentence = `${parts.join("; ")}.`;
  return refreshed > 0 && !counts.cacheBypassed
    ? `${sentence} Apps Script gave this run no document cache, so numbers fetched in the last 5 minutes may show again.`
    : sentence;
}

/** A scheduled run's report with its formula refresh: the count, and the pass's sentence. */
export function withFormulaRefresh(report: LastRun, pass: FormulaRefresh): LastRun {
  return { ...report, formulaCells: pass.refreshed, message: `${report.message} ${pass.message}` };
}

/** A scheduled run's report when its formula refresh could not run or failed. */
export function withFormulaFailure(report: LastRun, reason: string): LastRun {
  return { ...report, notes: report.notes.concat(`Formulas were not refreshed: ${reason}`) };
}
