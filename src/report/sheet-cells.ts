/**
 * Cells as the report sheets hold them, in the form they are written back.
 *
 * setValues parses strings like typed input (`=…` becomes a formula, `007` a number,
 * `TRUE` a boolean), so every string is written with a leading apostrophe, which Sheets
 * keeps out of the value. A user's formula in a column of their own is carried as its R1C1
 * text (`=R[0]C[-1]*2`), which means the same cells relative to the row wherever the row
 * lands; its A1 text would keep reading the row it came from. Comparing in this one form
 * tells which cells a write would change.
 */
import type { Cell } from "../shared/cell.ts";
import { clipText } from "../shared/clip.ts";

/**
 * The number format the add-on gives its own columns where it writes text, just before
 * writing. If a user formats one of them as plain text ("@"), an apostrophe written there
 * may be stored as part of the text (unverified), so the column is given back the automatic
 * format, where the apostrophe keeps text literal and is not stored. Both ways the text read
 * back is exact.
 */
export const OWN_TEXT_FORMAT = "General";

/** A value ready for setValues: numbers, booleans and Dates as they are; text with its apostrophe. */
export type WritableCell = Cell;
export type WritableRow = WritableCell[];

/** What Sheets allows in one cell. */
export const MAX_CELL_CHARS = 50_000;
/** Room for the apostrophe and the ellipsis below. */
const MAX_TEXT_CHARS = MAX_CELL_CHARS - 2;

/** Text from outside (the API, the user) as a cell keeps it: literally, never as a formula. */
export function literal(text: string): WritableCell {
  if (text === "") return "";
  return `'${clipText(text, MAX_TEXT_CHARS)}`;
}

/** A cell as read (value, and its R1C1 formula when one was read) in its writable form. */
export function writable(value: unknown, formulaR1C1: string | null = ""): WritableCell {
  if (formulaR1C1) return formulaR1C1;
  if (typeof value === "string") return literal(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  return "";
}

/** A user's formula (R1C1 text): every other string is written with its apostrophe. */
export function isFormula(cell: WritableCell | undefined): cell is string {
  return typeof cell === "string" && cell.charAt(0) === "=";
}

/** Whether a writable cell is text written literally (with its apostrophe). */
export function isLiteralText(cell: WritableCell | undefined): boolean {
  return typeof cell === "string" && cell.charAt(0) === "'";
}

/** The text a writable string cell holds (its apostrophe removed); "" for anything else. */
export function textOf(cell: WritableCell | undefined): string {
  if (typeof cell !== "string") return "";
  return cell.charAt(0) === "'" ? cell.slice(1) : cell;
}

/** A Date cell's instant, or null. */
export function instantOf(cell: WritableCell | undefined): number | null {
  return cell instanceof Date && !Number.isNaN(cell.getTime()) ? cell.getTime() : null;
}

export function numberOf(cell: WritableCell | undefined): number | null {
  return typeof cell === "number" && Number.isFinite(cell) ? cell : null;
}

export function sameCell(a: WritableCell | undefined, b: WritableCell | undefined): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? "") === (b ?? "");
}

export function isBlankRow(row: readonly WritableCell[]): boolean {
  return row.every((cell) => cell === "");
}

/**
 * The widest of the rows, at least `min`. A loop, not Math.max(...rows): spreading a
 * 100,000-row archive into arguments overflows the call stack.
 */
export function widthOf(rows: readonly WritableRow[], min: number): number {
  let width = min;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

/** Pads (or cuts) a row to a width with blanks. */
export function toWidth(row: readonly WritableCell[], width: number): WritableRow {
  const out = row.slice(0, width);
  while (out.length < width) out.push("");
  return out;
}
