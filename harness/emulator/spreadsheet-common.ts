import type { GridArea } from "./a1.ts";
import type { Capability } from "./auth.ts";
import { PlatformError } from "./errors.ts";
import { isFormulaText, r1c1ToA1 } from "./formula-refs.ts";
import { type ParsedInput, parseTypedInput } from "./parse-input.ts";
import type { ServiceObject } from "./service-binder.ts";
import type { Cell, SheetModel } from "./spreadsheet-model.ts";
import { isDateValue, timeOf } from "./values.ts";

/** The script-facing Spreadsheet, Sheet and Range objects of one execution, built on demand. */
export interface SpreadsheetObjects {
  spreadsheet(): ServiceObject;
  sheet(sheet: SheetModel): ServiceObject;
  range(sheet: SheetModel, area: GridArea): ServiceObject;
}

const READ_METHOD = /^(get|is|has|offset)/;
/** Reads whose names do not say so. */
const OTHER_READS = new Set(["createDeveloperMetadataFinder", "createTextFinder"]);

/** Getters read the document; everything else (set*, insert*, clear*, ...) writes it. */
export function documentCapability(method: string): Capability {
  if (method === "toast") return "toast";
  return READ_METHOD.test(method) || OTHER_READS.has(method) ? "document-read" : "document-write";
}

/** The platform's refusal of a script's edit in a range or sheet its user may not edit. */
export const PROTECTED_EDIT =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

/**
 * Edits of a sheet protected against the running user (SheetModel.protectedFromScript) are
 * refused, reads are not; activating the sheet only changes the view.
 */
export function protectionGuard(sheet: SheetModel): (method: string) => void {
  return (method) => {
    if (!sheet.protectedFromScript || method === "activate") return;
    if (documentCapability(method) === "document-write") throw new PlatformError(PROTECTED_EDIT);
  };
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `${value.length > 0 ? typeName(value[0]) : "Object"}[]`;
  if (isDateValue(value)) return "Date";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "String";
  if (typeof value === "boolean") return "Boolean";
  return "Object";
}

export function signatureMismatch(method: string, args: unknown[]): PlatformError {
  return new PlatformError(
    `The parameters (${args.map(typeName).join(",")}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

export function integerArgument(value: unknown, method: string, args: unknown[]): number {
  const number = typeof value === "number" ? value : Number.NaN;
  if (!Number.isFinite(number)) throw signatureMismatch(method, args);
  return Math.trunc(number);
}

export const COORDINATES_OUTSIDE = "The coordinates of the range are outside the dimensions of the sheet.";

export function checkArea(sheet: SheetModel, area: GridArea): void {
  if (area.row < 1) throw new PlatformError("The starting row of the range is too small.");
  if (area.column < 1) throw new PlatformError("The starting column of the range is too small.");
  if (area.numRows < 1) throw new PlatformError("The number of rows in the range must be at least 1.");
  if (area.numColumns < 1) throw new PlatformError("The number of columns in the range must be at least 1.");
  if (area.row + area.numRows - 1 > sheet.maxRows || area.column + area.numColumns - 1 > sheet.maxColumns) {
    throw new PlatformError(COORDINATES_OUTSIDE);
  }
}

/** A value written by setValue(s)/appendRow, interpreted like typed input. */
function toCellInput(raw: unknown, timeZone: string): ParsedInput {
  if (raw === null || raw === undefined) return { value: "" };
  if (typeof raw === "string") return parseTypedInput(raw, timeZone);
  if (typeof raw === "number" || typeof raw === "boolean") return { value: raw };
  if (isDateValue(raw)) return { value: new Date(timeOf(raw)) };
  // Objects and functions are stored as their string form.
  return { value: String(raw) };
}

/** The plain-text number format: Format › Number › Plain text. */
export const PLAIN_TEXT_FORMAT = "@";

/**
 * What a leading apostrophe written into a plain-text ("@") cell does. Unverified on the
 * platform: "kept" stores it as part of the text (the emulator's default, the worse case),
 * "dropped" keeps the text literal without it, as in any other cell.
 */
export type PlainTextApostrophe = "kept" | "dropped";

export function writeInput(
  sheet: SheetModel,
  row: number,
  column: number,
  raw: unknown,
  timeZone: string,
  plainTextApostrophe: PlainTextApostrophe = "kept",
): void {
  const current = sheet.cell(row, column);
  const keptApostrophe =
    plainTextApostrophe === "kept" &&
    current.format === PLAIN_TEXT_FORMAT &&
    typeof raw === "string" &&
    raw.startsWith("'");
  const input = keptApostrophe ? { value: raw as string } : toCellInput(raw, timeZone);
  const patch: Partial<Cell> = { value: input.value, formula: input.formula ?? "" };
  // Sheets picks a format for typed percentages/currency only while the cell has none.
  if (input.format && current.format === "") patch.format = input.format;
  sheet.write(row, column, patch);
}

/**
 * A formula written by setFormula(s) (A1: stored as written, never re-based) or
 * setFormula(s)R1C1 (relative to this cell). Non-formula text, "" included, is refused: what
 * the platform does with it there is unverified, so the add-on must not rely on it.
 */
export function writeFormula(
  sheet: SheetModel,
  method: string,
  row: number,
  column: number,
  text: unknown,
  notation: "A1" | "R1C1",
): void {
  if (typeof text !== "string" || !isFormulaText(text)) {
    throw new PlatformError(
      `${method}: ${JSON.stringify(text)} is not a formula (the emulator refuses non-formula text here: the platform's handling of it is unverified).`,
    );
  }
  const formula = notation === "A1" ? text : r1c1ToA1(text, row, column);
  sheet.write(row, column, { value: formula, formula });
}
