/**
 * The one rectangle a sheet write needs: from the first row that differs to the last, so
 * an hourly refresh rewrites the few rows that changed (kept at the bottom by the sort
 * order) instead of the whole sheet. Rows that no longer exist are written blank.
 */
import { sameCell, toWidth, type WritableRow } from "./sheet-cells.ts";

export interface BlockWrite {
  /** 0-based index into the table (the header is row 0) of the first row written. */
  start: number;
  /** Exactly `width` cells each. */
  rows: WritableRow[];
}

function sameRow(a: WritableRow | undefined, b: WritableRow | undefined, width: number): boolean {
  for (let column = 0; column < width; column++) {
    if (!sameCell(a?.[column], b?.[column])) return false;
  }
  return true;
}

/** The block turning `existing` into `desired` (both whole tables, header included), or null. */
export function planBlockWrite(
  existing: readonly WritableRow[],
  desired: readonly WritableRow[],
  width: number,
): BlockWrite | null {
  const length = Math.max(existing.length, desired.length);
  let first = -1;
  let last = -1;
  for (let index = 0; index < length; index++) {
    if (sameRow(existing[index], desired[index], width)) continue;
    if (first < 0) first = index;
    last = index;
  }
  if (first < 0) return null;
  const rows: WritableRow[] = [];
  for (let index = first; index <= last; index++) rows.push(toWidth(desired[index] ?? [], width));
  return { start: first, rows };
}

/** Cells a block writes (for the run's own accounting and the benchmark). */
export function cellsOf(block: BlockWrite | null): number {
  return block === null ? 0 : block.rows.length * (block.rows[0]?.length ?? 0);
}
