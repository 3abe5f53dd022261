/**
 * What the add-on keeps about the spreadsheet's OPENQR_ formulas (document properties): the
 * cost of recalculating them, counted at each formula refresh for the quota planner, and
 * the journal of a rewrite in progress, which lets the next pass put back formulas that an
 * interrupted one had cleared.
 */
import { type FormulaCost, formulaCostOf } from "../functions/formula-calls.ts";
import { documentProperties } from "./document-services.ts";
import { storeProperty } from "./stored-property.ts";

const FORMULA_COST = "openqr.formulaCost";
const FORMULA_JOURNAL = "openqr.formulaRewrite";

/** The cells of one sheet being rewritten: [A1, formula] pairs. */
export interface FormulaJournal {
  sheetId: number;
  cells: Array<[string, string]>;
}

export function readFormulaCost(): FormulaCost | null {
  const text = documentProperties().getProperty(FORMULA_COST);
  if (text === null) return null;
  try {
    return formulaCostOf(JSON.parse(text));
  } catch {
    return null;
  }
}

export function writeFormulaCost(cost: FormulaCost): void {
  storeProperty(documentProperties(), FORMULA_COST, JSON.stringify(cost));
}

/** The journal left by a rewrite that never finished, or null (also when unreadable). */
export function readFormulaJournal(): FormulaJournal | null {
  const text = documentProperties().getProperty(FORMULA_JOURNAL);
  if (text === null) return null;
  try {
    const journal = JSON.parse(text) as FormulaJournal;
    const pairs = Array.isArray(journal.cells) ? journal.cells : [];
    const valid = pairs.every(
      (pair) => Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string",
    );
    return typeof journal.sheetId === "number" && valid ? { sheetId: journal.sheetId, cells: pairs } : null;
  } catch {
    return null;
  }
}

export function writeFormulaJournal(journal: FormulaJournal): void {
  storeProperty(documentProperties(), FORMULA_JOURNAL, JSON.stringify(journal));
}

export function clearFormulaJournal(): void {
  documentProperties().deleteProperty(FORMULA_JOURNAL);
}
