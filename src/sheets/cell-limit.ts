/**
 * Growing a sheet, with the workbook's 10 million cells told apart by counting them: the
 * platform's message for it comes in the user's language.
 */
import { UserError } from "../shared/user-error.ts";

export const CELL_LIMIT_MESSAGE =
  "This spreadsheet has reached Google Sheets' limit of 10,000,000 cells, so the OpenQR sheets could not grow and the refresh stopped; the rows already in them are kept. Delete unused sheets, rows or columns (or move old rows of OpenQR Daily to another spreadsheet), then refresh again.";

const MAX_CELLS = 10_000_000;

export class CellLimitReached extends UserError {
  constructor() {
    super(CELL_LIMIT_MESSAGE);
    this.name = "CellLimitReached";
  }
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A new sheet's cells (1000 rows × 26 columns). */
export const NEW_SHEET_CELLS = 26_000;

/**
 * Runs `grow`, which adds `extraCells()` to `spreadsheet()`; its failure is the cell limit
 * when the count says so. Both are asked only after a failure.
 */
export function growing<T>(spreadsheet: () => Spreadsheet, extraCells: () => number, grow: () => T): T {
  try {
    return grow();
  } catch (error) {
    if (wouldPassLimit(spreadsheet, extraCells)) throw new CellLimitReached();
    throw error;
  }
}

/** Counted only after a failure: one size call per sheet. */
function wouldPassLimit(spreadsheet: () => Spreadsheet, extraCells: () => number): boolean {
  try {
    const cells = spreadsheet()
      .getSheets()
      .reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
    return cells + extraCells() > MAX_CELLS;
  } catch {
    return false;
  }
}
