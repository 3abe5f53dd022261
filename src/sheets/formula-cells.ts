/**
 * The add-on's formula cells: found with the platform's text finder (which searches formula
 * text), and rewritten so Sheets calculates them again. Sheets re-runs a custom function only
 * when its formula changes, and writing a cell's own text back may not count as a change, so
 * the cells are cleared, the change applied (flush), and each formula written back exactly as
 * it was (docs/formula-recalculation.md).
 */
import { callsAddOnFunction, FUNCTION_PREFIX } from "../functions/formula-calls.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface FormulaCell {
  range: Range;
  a1: string;
  formula: string;
}

export interface SheetFormulas {
  sheet: Sheet;
  sheetId: number;
  cells: FormulaCell[];
}

/** The search finds text cells mentioning the prefix too: only real formulas calling the add-on count. */
function found(finderOwner: Spreadsheet | Sheet): Range[] {
  return finderOwner.createTextFinder(FUNCTION_PREFIX).matchFormulaText(true).findAll();
}

/** The formulas that call the add-on's functions, anywhere in the spreadsheet (for counting). */
export function addOnFormulas(spreadsheet: Spreadsheet): string[] {
  return found(spreadsheet)
    .map((range) => range.getFormula())
    .filter(callsAddOnFunction);
}

/** The cells whose formulas call the add-on's functions, sheet by sheet. */
export function addOnFormulaCells(spreadsheet: Spreadsheet): SheetFormulas[] {
  const sheets: SheetFormulas[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    const cells: FormulaCell[] = [];
    for (const range of found(sheet)) {
      const formula = range.getFormula();
      if (callsAddOnFunction(formula)) cells.push({ range, formula, a1: range.getA1Notation() });
    }
    if (cells.length > 0) sheets.push({ sheet, sheetId: sheet.getSheetId(), cells });
  }
  return sheets;
}

/** Clears the cells, applies that, and writes each formula back as it was. */
export function rewriteFormulas(sheet: Sheet, cells: readonly FormulaCell[]): void {
  sheet.getRangeList(cells.map((cell) => cell.a1)).clearContent();
  SpreadsheetApp.flush();
  for (const cell of cells) cell.range.setFormula(cell.formula);
}

/**
 * Writes back formulas an interrupted rewrite left cleared: only into cells still empty,
 * so anything typed there since stays. Returns how many were written back.
 */
export function restoreFormulas(
  spreadsheet: Spreadsheet,
  sheetId: number,
  cells: ReadonlyArray<readonly [string, string]>,
): number {
  const sheet = spreadsheet.getSheetById(sheetId);
  if (sheet === null) return 0;
  let restored = 0;
  for (const [a1, formula] of cells) {
    const range = sheet.getRange(a1);
    if (range.getFormula() !== "" || range.getValue() !== "") continue;
    range.setFormula(formula);
    restored++;
  }
  return restored;
}
