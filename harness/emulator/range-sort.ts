/** Range.sort: the sort spec (a column, {column, ascending}, or a list of them) and Sheets' value order. */
import type { GridArea } from "./a1.ts";
import { PlatformError } from "./errors.ts";
import type { CellValue, SheetModel } from "./spreadsheet-model.ts";
import { isDateValue, isRecord, timeOf } from "./values.ts";

interface SortKey {
  column: number;
  ascending: boolean;
}

function keysOf(spec: unknown, area: GridArea): SortKey[] {
  const list = Array.isArray(spec) ? spec : [spec];
  if (list.length === 0) throw new PlatformError("Range.sort needs at least one column to sort by.");
  return list.map((item) => {
    const key: SortKey =
      typeof item === "number"
        ? { column: Math.trunc(item), ascending: true }
        : isRecord(item) && typeof item.column === "number"
          ? { column: Math.trunc(item.column), ascending: item.ascending !== false }
          : (() => {
              throw new PlatformError("Range.sort: each sort key is a column number or {column, ascending}.");
            })();
    if (key.column < area.column || key.column >= area.column + area.numColumns) {
      throw new PlatformError(`Column ${key.column} is outside the range being sorted.`);
    }
    return key;
  });
}

/** Numbers and dates first, then text (case-insensitive), then booleans. */
function rank(value: CellValue): number {
  if (typeof value === "number" || isDateValue(value)) return 0;
  if (typeof value === "string") return 1;
  return 2;
}

function compareValues(a: CellValue, b: CellValue): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") {
    const lowerA = a.toLowerCase();
    const lowerB = b.toLowerCase();
    return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : 0;
  }
  const numberOf = (value: CellValue) => (isDateValue(value) ? timeOf(value) : Number(value));
  return numberOf(a) - numberOf(b);
}

/** A comparator of row numbers for SheetModel.sortRows; blank cells sort last either way. */
export function sortComparator(
  sheet: SheetModel,
  area: GridArea,
  spec: unknown,
): (a: number, b: number) => number {
  const keys = keysOf(spec, area);
  return (rowA, rowB) => {
    for (const { column, ascending } of keys) {
      const a = sheet.cell(rowA, column).value;
      const b = sheet.cell(rowB, column).value;
      if (a === "" || b === "") {
        if (a === b) continue;
        return a === "" ? 1 : -1;
      }
      const order = compareValues(a, b);
      if (order !== 0) return ascending ? order : -order;
    }
    return 0;
  };
}
