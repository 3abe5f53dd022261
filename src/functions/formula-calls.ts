/**
 * Which formulas call the add-on's functions, and what recalculating them can cost, read
 * from their text alone (pure). A tokenizer, not a parser: string literals are skipped, so
 * ="see OPENQR_SCANS" calls nothing.
 */
import { CUSTOM_FUNCTIONS } from "./specs.ts";

/** Every custom function's name starts with this: the text a search for the add-on's formulas looks for. */
export const FUNCTION_PREFIX = "OPENQR_";

const NAMES = CUSTOM_FUNCTIONS.map((spec) => spec.name.toUpperCase());
const LISTING = "OPENQR_CODES";
const CALL = /[A-Za-z_][A-Za-z0-9_.]*(?=\s*\()/y;

interface AddOnCall {
  name: string;
  /** The first argument's text, trimmed ("" when there is none). */
  firstArgument: string;
}

/** The index after the string literal starting at `start` ("" inside it is a quote). */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text.charAt(index) !== '"') index++;
    else if (text.charAt(index + 1) === '"') index += 2;
    else return index + 1;
  }
  return text.length;
}

/** The text of the first argument of the call whose "(" is at or after `from`. */
function firstArgumentAt(formula: string, from: number): string {
  const open = formula.indexOf("(", from);
  let depth = 0;
  let index = open + 1;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (char === '"') {
      index = stringEnd(formula, index);
      continue;
    }
    if (char === "(" || char === "{") depth++;
    else if ((char === ")" || char === "}") && depth > 0) depth--;
    else if (char === ")" || (char === "," && depth === 0)) break;
    index++;
  }
  return formula.slice(open + 1, index).trim();
}

/** The add-on's function calls in a formula, in order. */
function addOnCalls(formula: string): AddOnCall[] {
  const calls: AddOnCall[] = [];
  let index = 0;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (char === '"') {
      index = stringEnd(formula, index);
      continue;
    }
    CALL.lastIndex = index;
    const match = index > 0 && /[A-Za-z0-9_.$]/.test(formula.charAt(index - 1)) ? null : CALL.exec(formula);
    if (!match) {
      index++;
      continue;
    }
    const name = match[0].toUpperCase();
    if (NAMES.indexOf(name) >= 0) calls.push({ name, firstArgument: firstArgumentAt(formula, index) });
    index += match[0].length;
  }
  return calls;
}

/** Whether a cell's formula ("" for none) calls one of the add-on's functions. */
export function callsAddOnFunction(formula: string): boolean {
  return formula.charAt(0) === "=" && addOnCalls(formula).length > 0;
}

/**
 * What recalculating the add-on's formula cells can cost in URL fetches, from their text:
 * one fetch per id they name (a literal, or each cell of a bounded range), a listing per
 * OPENQR_CODES, and, for ids the text cannot count (an open-ended range such as A2:A, an
 * expression), as many fetches as the report has codes. Cells naming the same ids for the
 * same days share the formulas' cache, so this is an upper bound. A date range fetches one
 * trailing window per id, as a number of days does; ROLLUP's groups fetch nothing.
 */
export interface FormulaCost {
  /** Formula cells that call the add-on's functions. */
  cells: number;
  /** Fetches for the ids the formulas name. */
  namedIds: number;
  /** Calls whose ids cannot be counted from the text. */
  uncountedCalls: number;
  /** OPENQR_CODES calls: one listing of the account's codes each. */
  listings: number;
}

const BOUNDED_RANGE =
  /^(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

function columnNumber(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

/** How many ids an id argument names, or null when its text cannot tell. */
function idsNamed(argument: string): number | null {
  if (/^"(?:[^"]|"")*"$/.test(argument)) return 1;
  const range = BOUNDED_RANGE.exec(argument);
  if (!range) return null;
  if (range[3] === undefined) return 1;
  const rows = Math.abs(Number(range[4]) - Number(range[2])) + 1;
  const columns = Math.abs(columnNumber(range[3]) - columnNumber(range[1]!)) + 1;
  return rows * columns;
}

export function formulaCost(formulas: readonly string[]): FormulaCost {
  const cost: FormulaCost = { cells: 0, namedIds: 0, uncountedCalls: 0, listings: 0 };
  for (const formula of formulas) {
    if (!callsAddOnFunction(formula)) continue;
    cost.cells++;
    for (const call of addOnCalls(formula)) {
      if (call.name === LISTING) {
        cost.listings++;
        continue;
      }
      const ids = idsNamed(call.firstArgument);
      if (ids === null) cost.uncountedCalls++;
      else cost.namedIds += ids;
    }
  }
  return cost;
}
