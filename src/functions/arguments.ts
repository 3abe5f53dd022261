/**
 * Validation of custom-function arguments as Sheets passes them: a single cell arrives as
 * a scalar, a range as a 2-D array, an omitted argument as undefined, a blank cell as "".
 * Every failure names the argument, what is allowed and what to do.
 */
import { DIMENSIONS, type Dimension } from "../openqr/code-summary.ts";
import { safeSlice } from "../shared/clip.ts";
import { UserError } from "../shared/user-error.ts";

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 365;
/** 10 fetchAll rounds of 20: one formula's requests stay well inside the 30 s custom-function limit. */
export const MAX_IDS = 200;

export class ArgumentError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ArgumentError";
  }
}

export const isBlank = (value: unknown): boolean => value === undefined || value === null || value === "";

export function describe(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${safeSlice(value, 40)}…` : value}"`;
  if (value instanceof Date) return "a date";
  if (Array.isArray(value)) return "a range";
  return String(value);
}

/** One id as text, or null for a blank cell. */
function idFromCell(value: unknown): string | null {
  if (isBlank(value)) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  // An all-digit id typed into a cell arrives as a number.
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return String(value);
  throw new ArgumentError(
    `id must be a code's id as text, or a range of them; ${describe(value)} is not an id. Get ids from =OPENQR_CODES().`,
  );
}

const BLANK_IDS = "id is blank: give a code's id (as listed by =OPENQR_CODES()) or a range of ids.";

/** The ids of a cell or range in reading order, blanks skipped, duplicates kept. */
export function parseIds(input: unknown): string[] {
  return idsOfGrid(idGrid(input));
}

/** The ids of a grid in reading order; throws when every cell is blank. */
export function idsOfGrid(grid: ReadonlyArray<ReadonlyArray<string | null>>): string[] {
  const ids = grid.flat().filter((id): id is string => id !== null);
  if (ids.length === 0) throw new ArgumentError(BLANK_IDS);
  return ids;
}

/** The ids of a cell or range, keeping blanks as null, in the input's shape. */
export function idGrid(input: unknown): Array<Array<string | null>> {
  const rows = Array.isArray(input) ? input : [[input]];
  const grid = rows.map((row: unknown) => (Array.isArray(row) ? row : [row]).map(idFromCell));
  const count = grid.reduce((sum, row) => sum + row.filter((id) => id !== null).length, 0);
  if (count > MAX_IDS) {
    throw new ArgumentError(
      `id holds ${count} ids; one formula takes at most ${MAX_IDS}. Split the range across several formulas.`,
    );
  }
  return grid;
}

export function parseDays(input: unknown): number {
  if (isBlank(input)) return DEFAULT_DAYS;
  const value = typeof input === "string" && /^\s*\d+\s*$/.test(input) ? Number(input) : input;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
    throw new ArgumentError(
      `days must be a whole number from 1 to ${MAX_DAYS}; ${describe(input)} is not. Leave it blank for ${DEFAULT_DAYS}.`,
    );
  }
  return value;
}

export function parseDimension(input: unknown): Dimension {
  const text = typeof input === "string" ? input.trim().toLowerCase() : "";
  const found = DIMENSIONS.filter((dimension) => dimension === text)[0];
  if (found === undefined) {
    throw new ArgumentError(
      `dimension must be "country", "device" or "referrer"; ${isBlank(input) ? "it is blank" : `${describe(input)} is not`}.`,
    );
  }
  return found;
}

/** Keeps the first occurrence of each id. */
export function uniqueIds(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) === index);
}
