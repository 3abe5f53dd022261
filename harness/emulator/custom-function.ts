import { isDateValue, timeOf } from "./values.ts";

export type CustomFunctionResult = { ok: true; value: unknown } | { ok: false; error: string };

export const CELL_TEXT_LIMIT = 50_000;

/** Sheets calls names case-insensitively; names ending in "_" are private and not callable. */
export function findCustomFunction(names: readonly string[], requested: string): string | undefined {
  if (requested.endsWith("_")) return undefined;
  const wanted = requested.toUpperCase();
  return names.find((name) => name.toUpperCase() === wanted && !name.endsWith("_"));
}

class InvalidResult extends Error {}

function cellOf(value: unknown, name: string): unknown {
  if (value === null) return "";
  if (value === undefined) throw new InvalidResult(`${name} returned undefined in a cell of its result.`);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidResult("#NUM!");
    return value;
  }
  if (typeof value === "string") {
    if (value.length > CELL_TEXT_LIMIT) {
      throw new InvalidResult(
        `Text result of ${name} is longer than the limit of ${CELL_TEXT_LIMIT} characters.`,
      );
    }
    return value;
  }
  if (typeof value === "boolean") return value;
  if (isDateValue(value)) {
    const time = timeOf(value);
    if (Number.isNaN(time)) throw new InvalidResult("#VALUE!");
    return new Date(time);
  }
  throw new InvalidResult(`${name} returned a value that is not a cell value (${typeof value}).`);
}

/**
 * What a cell shows for a custom function's return value: scalars stay scalars, a 1-D array is a
 * row, ragged rows are padded with "" (as Sheets pads the spill), and anything that is not a
 * cell value is an error. The value may come from the script realm; the result is host data.
 */
export function toCellResult(value: unknown, name: string): CustomFunctionResult {
  try {
    // Returning nothing shows an empty cell.
    if (value === undefined || value === null) return { ok: true, value: "" };
    if (!Array.isArray(value)) return { ok: true, value: cellOf(value, name) };
    if (value.length === 0) throw new InvalidResult(`${name} returned an empty array.`);
    const rows = value.some((item) => Array.isArray(item))
      ? value.map((row) => (Array.isArray(row) ? row : [row]))
      : [value];
    const width = Math.max(...rows.map((row) => row.length));
    if (width === 0) throw new InvalidResult(`${name} returned an empty array.`);
    const grid = rows.map((row) => {
      const cells = row.map((cell) => {
        if (Array.isArray(cell))
          throw new InvalidResult(`${name} returned an array nested more than two levels deep.`);
        return cellOf(cell, name);
      });
      while (cells.length < width) cells.push("");
      return cells;
    });
    return { ok: true, value: grid };
  } catch (error) {
    if (error instanceof InvalidResult) return { ok: false, error: error.message };
    throw error;
  }
}

/** google.script.run passes only primitives, arrays and plain objects; a Date or function anywhere is illegal. */
export function hasIllegalSidebarValue(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (value === null || typeof value !== "object") return false;
  if (isDateValue(value)) return true;
  if (Array.isArray(value)) return value.some(hasIllegalSidebarValue);
  return Object.values(value).some(hasIllegalSidebarValue);
}
