/**
 * The number formats a block write sets, as one grid set just before its values: the
 * declared formats of the add-on's date and count columns, and the add-on's own format
 * (OWN_TEXT_FORMAT) where it writes text, over the smallest rectangle holding both. Set
 * before the values, because a plain-text format ("@") a user chose decides how the text
 * is stored; one call per block instead of one per column.
 */
import type { BlockWrite } from "./block-write.ts";
import { isLiteralText, OWN_TEXT_FORMAT } from "./sheet-cells.ts";

/** Number formats of adjacent columns from `column` (1-based, one format each) over table rows (0-based, header = 0). */
export interface ColumnFormat {
  column: number;
  formats: readonly string[];
  fromRow: number;
  toRow: number;
}

/** A rectangle of formats: its top-left cell (0-based table row, 0-based column) and the grid. */
export interface FormatGrid {
  row: number;
  column: number;
  grid: string[][];
}

function declaredFormat(formats: readonly ColumnFormat[], row: number, column: number): string | null {
  for (const format of formats) {
    const index = column + 1 - format.column;
    if (index >= 0 && index < format.formats.length && row >= format.fromRow && row <= format.toRow)
      return format.formats[index]!;
  }
  return null;
}

/**
 * The formats for one block, or null when it writes neither text nor a declared column in
 * the add-on's columns (those before `ownColumns`; the user's columns keep their formats).
 */
export function blockFormats(
  block: BlockWrite,
  formats: readonly ColumnFormat[],
  ownColumns: number,
): FormatGrid | null {
  const width = Math.min(block.rows[0]?.length ?? 0, ownColumns - block.column);
  let left = -1;
  let right = -1;
  block.rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const formatted =
        isLiteralText(row[c]) || declaredFormat(formats, block.start + r, block.column + c) !== null;
      if (!formatted) continue;
      if (left < 0 || c < left) left = c;
      if (c > right) right = c;
    }
  });
  if (left < 0) return null;
  const grid = block.rows.map((_, r) => {
    const line: string[] = [];
    for (let c = left; c <= right; c++)
      line.push(declaredFormat(formats, block.start + r, block.column + c) ?? OWN_TEXT_FORMAT);
    return line;
  });
  return { row: block.start, column: block.column + left, grid };
}
