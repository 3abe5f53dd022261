/**
 * The rectangles a sheet write needs: from the first row that differs to the last, and
 * from the first column that differs to the last, so an hourly refresh rewrites the few
 * cells that changed (kept at the bottom by the sort order) instead of the whole sheet.
 * Rows that no longer exist are written blank.
 */
import { sameCell, type WritableRow } from "./sheet-cells.ts";

export interface BlockWrite {
  /** 0-based index into the table (the header is row 0) of the first row written. */
  start: number;
  /** 0-based index of the first column written. */
  column: number;
  /** All of the same width. */
  rows: WritableRow[];
}

/** The block turning rows [from, to) of `existing` into those of `desired`, or null. */
function planPart(
  existing: readonly WritableRow[],
  desired: readonly WritableRow[],
  width: number,
  from: number,
  to: number,
): BlockWrite | null {
  let first = -1;
  let last = -1;
  let left = width;
  let right = -1;
  for (let index = from; index < to; index++) {
    const before = existing[index];
    const after = desired[index];
    for (let column = 0; column < width; column++) {
      if (sameCell(before?.[column], after?.[column])) continue;
      if (first < 0) first = index;
      last = index;
      if (column < left) left = column;
      if (column > right) right = column;
    }
  }
  if (first < 0) return null;
  const rows: WritableRow[] = [];
  for (let index = first; index <= last; index++) {
    const row = desired[index] ?? [];
    const cells: WritableRow = [];
    for (let column = left; column <= right; column++) cells.push(row[column] ?? "");
    rows.push(cells);
  }
  return { start: first, column: left, rows };
}

/**
 * The blocks turning `existing` into `desired` (whole tables, header included). `splits`
 * cut the table into parts planned apart (e.g. the Summary's code rows and its chart data),
 * one block at most each.
 */
export function planBlockWrites(
  existing: readonly WritableRow[],
  desired: readonly WritableRow[],
  width: number,
  splits: readonly number[] = [],
): BlockWrite[] {
  const length = Math.max(existing.length, desired.length);
  const bounds = [0, ...splits.filter((split) => split > 0 && split < length), length];
  const blocks: BlockWrite[] = [];
  for (let part = 0; part + 1 < bounds.length; part++) {
    const block = planPart(existing, desired, width, bounds[part]!, bounds[part + 1]!);
    if (block !== null) blocks.push(block);
  }
  return blocks;
}

/** The one block for a whole table, or null when nothing changed. */
export function planBlockWrite(
  existing: readonly WritableRow[],
  desired: readonly WritableRow[],
  width: number,
): BlockWrite | null {
  return planBlockWrites(existing, desired, width)[0] ?? null;
}
