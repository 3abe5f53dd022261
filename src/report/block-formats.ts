/**
 * The number formats a block write sets, as one grid set just before its values: the
 * declared formats of the add-on's date and count columns, and the add-on's own format
 * (OWN_TEXT_FORMAT) where it writes text, over the smallest rectangle holding both. Set
 * before the values, because a plain-text format ("@") a user chose decides how the text
 * is stored; one call per block instead of one per column.
 */
import type { BlockWrite } from "./block-write.ts";
import { isLiteralText, OWN_TEXT_FORMAT } from "./sheet-cells.ts";

export const DAY_FORMAT = "yyyy-mm-dd";
export const TIME_FORMAT = "yyyy-mm-dd hh:mm";
export const COUNT_FORMAT = "#,##0";
export const CHANGE_FORMAT = "+0%;-0%;0%";

/** One column's number format over table rows fromRow..toRow (0-based, header = 0; column 0 = A). */
export interface ColumnFormat {
  column: number;
  format: string;
  fromRow: number;
  toRow: number;
}

/** A rectangle of formats: its top-left cell (0-based table row, 0-based column) and the grid. */
export interface FormatGrid {
  row: number;
  column: number;
  grid: string[][];
}

/** Formats declared by column name, placed where the header has each name, over rows fromRow..toRow. */
export function formatsByName<Name extends string>(
  header: readonly Name[],
  formats: Readonly<Partial<Record<Name, string>>>,
  fromRow: number,
  toRow: number,
): ColumnFormat[] {
  const placed: ColumnFormat[] = [];
  for (const name of Object.keys(formats) as Name[]) {
    const column = header.indexOf(name);
    if (column < 0) throw new Error(`No column "${name}" to format`);
    placed.push({ column, format: formats[name]!, fromRow, toRow });
  }
  return placed;
}

function declaredFormat(formats: readonly ColumnFormat[], row: number, column: number): string | null {
  for (const format of formats) {
    if (format.column === column && row >= format.fromRow && row <= format.toRow) return format.format;
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
