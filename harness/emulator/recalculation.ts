/**
 * Recalculation: the emulator computes no formula, but it tracks when Sheets would calculate
 * one again (SpreadsheetModel.settleCalculation: a formula whose text changed since it was last
 * calculated) and, on `recalculate()`, re-runs the script's custom functions in those cells
 * with their arguments read from the sheet. Supported arguments: string, number and boolean
 * literals, and references (A1, ranges, open ends, sheet-qualified); anything else (a nested
 * calculation) is refused loudly rather than guessed.
 */
import { parseA1, splitSheetName } from "./a1.ts";
import type { CustomFunctionResult } from "./custom-function.ts";
import type { SheetModel, SpreadsheetModel } from "./spreadsheet-model.ts";
import { isDateValue, timeOf } from "./values.ts";

export interface CustomFunctionRun {
  /** The function as the script declares it. */
  name: string;
  args: unknown[];
  result: CustomFunctionResult;
}

/** One formula cell Sheets calculated again, and the custom functions that ran for it. */
export interface RecalculationRecord {
  sheet: string;
  /** A1 of the cell, e.g. "B2". */
  cell: string;
  formula: string;
  /** Empty for a formula that calls none of the script's functions (built-ins are not computed). */
  runs: CustomFunctionRun[];
}

interface Call {
  name: string;
  args: string[];
}

/** The index after the string literal starting at `start` ("" inside it is a quote). */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text.charAt(index) === '"') {
      if (text.charAt(index + 1) === '"') index += 2;
      else return index + 1;
    } else index++;
  }
  return text.length;
}

/** The top-level arguments of the call whose "(" is at `open`, and the index after its ")". */
function callArguments(formula: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let index = open + 1;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (char === '"') {
      index = stringEnd(formula, index);
      continue;
    }
    if (char === "(" || char === "{") depth++;
    else if ((char === ")" || char === "}") && depth > 0) depth--;
    else if (char === ")") {
      const last = formula.slice(start, index).trim();
      if (args.length > 0 || last !== "") args.push(last);
      return { args, end: index + 1 };
    } else if (char === "," && depth === 0) {
      args.push(formula.slice(start, index).trim());
      start = index + 1;
    }
    index++;
  }
  throw new Error(`Unbalanced parentheses in ${formula}`);
}

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;

/** The calls to the script's functions in a formula (`resolve` names them, or undefined). */
export function customFunctionCalls(formula: string, resolve: (name: string) => string | undefined): Call[] {
  const calls: Call[] = [];
  let index = 1;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (char === '"') {
      index = stringEnd(formula, index);
      continue;
    }
    NAME.lastIndex = index;
    const match = /[A-Za-z0-9_.$]/.test(formula.charAt(index - 1)) ? null : NAME.exec(formula);
    if (!match) {
      index++;
      continue;
    }
    const after = index + match[0].length;
    const resolved = formula.charAt(after) === "(" ? resolve(match[0]) : undefined;
    if (resolved === undefined) {
      index = after;
      continue;
    }
    const { args, end } = callArguments(formula, after);
    for (const arg of args) {
      if (customFunctionCalls(`=${arg}`, resolve).length > 0) {
        throw new Error(`The emulator does not nest custom functions: ${formula}`);
      }
    }
    calls.push({ name: resolved, args });
    index = end;
  }
  return calls;
}

function cellValue(value: unknown): unknown {
  return isDateValue(value) ? new Date(timeOf(value)) : value;
}

/** A custom function's argument as Sheets passes it: a value, or a 2-D array for a range. */
export function argumentValue(
  text: string,
  home: SheetModel,
  model: SpreadsheetModel,
  formula: string,
): unknown {
  if (text === "") return "";
  if (/^"(?:[^"]|"")*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  const { sheetName, range } = splitSheetName(text);
  const sheet = sheetName === undefined ? home : model.sheetByName(sheetName);
  const area = sheet ? parseA1(range.replace(/\$/g, ""), sheet.maxRows, sheet.maxColumns) : undefined;
  if (!sheet || !area) {
    throw new Error(`The emulator cannot evaluate the argument ${text} of ${formula}`);
  }
  const values = sheet.read(area.row, area.column, area.numRows, area.numColumns, (cell) =>
    cellValue(cell.value),
  );
  return area.numRows === 1 && area.numColumns === 1 ? values[0]![0] : values;
}
