/**
 * What the add-on keeps about the spreadsheet's OPENQR_ formulas (document properties): the
 * cost of recalculating them, counted at each formula refresh for the quota planner, and
 * the journal of a rewrite in progress, which lets the next pass put back formulas that an
 * interrupted one had cleared.
 */
import type { FormulaCost } from "../functions/formula-calls.ts";
import {
  type FormulaJournal,
  formulaCostSchema,
  formulaJournalSchema,
  parseStored,
} from "../settings/stored.ts";
import { documentProperties } from "./document-services.ts";
import { storeProperty } from "./stored-property.ts";

const FORMULA_COST = "openqr.formulaCost";
const FORMULA_JOURNAL = "openqr.formulaRewrite";

export function readFormulaCost(): FormulaCost | null {
  return parseStored(documentProperties().getProperty(FORMULA_COST), formulaCostSchema);
}

export function writeFormulaCost(cost: FormulaCost): void {
  storeProperty(documentProperties(), FORMULA_COST, JSON.stringify(cost));
}

/** The journal left by a rewrite that never finished, or null (also when unreadable). */
export function readFormulaJournal(): FormulaJournal | null {
  return parseStored(documentProperties().getProperty(FORMULA_JOURNAL), formulaJournalSchema);
}

export function writeFormulaJournal(journal: FormulaJournal): void {
  storeProperty(documentProperties(), FORMULA_JOURNAL, JSON.stringify(journal));
}

export function clearFormulaJournal(): void {
  documentProperties().deleteProperty(FORMULA_JOURNAL);
}
