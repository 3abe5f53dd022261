/**
 * Room in the spreadsheet. Google Sheets holds at most 10 million cells per spreadsheet,
 * counting every sheet's whole grid (rows × columns, empty or not), and OpenQR Daily grows
 * every day. A run works out how big its writes make the sheets before it writes: from 80%
 * on its report says how full the file is and what to do, and a run that would pass the
 * limit stops before writing anything.
 */

import { groupThousands } from "../shared/numbers.ts";

/** Cells a spreadsheet may hold (docs/sheets-limits.md). */
export const WORKBOOK_CELL_LIMIT = 10_000_000;
/** From this share of the limit on, the run report warns. */
export const ROOM_WARNING_SHARE = 0.8;
/** Rows grow in steps, so an hourly refresh does not insert rows every run. */
export const GROW_STEP = 500;
/** The grid of a new sheet (insertSheet). */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export interface SheetSize {
  maxRows: number;
  maxColumns: number;
}

/** The size a sheet must grow to for `rows` × `columns` of content; rows grow by GROW_STEP. */
export function grownSize(size: SheetSize, rows: number, columns: number): SheetSize {
  const maxRows =
    rows > size.maxRows
      ? size.maxRows + Math.ceil((rows - size.maxRows) / GROW_STEP) * GROW_STEP
      : size.maxRows;
  return { maxRows, maxColumns: Math.max(size.maxColumns, columns) };
}

/** A report sheet's part in the run: its size now (null when the run creates it) and after. */
export interface SheetGrowth {
  before: SheetSize | null;
  after: SheetSize;
}

/** Cells the run adds: a created sheet counts at least a new sheet's whole grid (what insertSheet needs). */
export function cellsAdded(growth: readonly SheetGrowth[]): number {
  let added = 0;
  for (const { before, after } of growth) {
    const cells = after.maxRows * after.maxColumns;
    added +=
      before === null
        ? Math.max(cells, NEW_SHEET_ROWS * NEW_SHEET_COLUMNS)
        : cells - before.maxRows * before.maxColumns;
  }
  return added;
}

export interface RoomInput {
  /** Every sheet's grid now. */
  cellsNow: number;
  /** What this run's writes add. */
  cellsAdded: number;
  /** OpenQR Daily's grid after the run. */
  dailyAfter: SheetSize;
  /** The codes in scope: OpenQR Daily's new rows a day. */
  codes: number;
}

export type Room = { fits: true; note: string | null } | { fits: false };

/** Whether the run's writes fit, and from 80% full on, the note saying how full and what to do. */
export function judgeRoom(input: RoomInput): Room {
  const after = input.cellsNow + input.cellsAdded;
  if (after > WORKBOOK_CELL_LIMIT) return { fits: false };
  if (after < ROOM_WARNING_SHARE * WORKBOOK_CELL_LIMIT) return { fits: true, note: null };
  const percent = Math.floor((after / WORKBOOK_CELL_LIMIT) * 100);
  const daily = input.dailyAfter.maxRows * input.dailyAfter.maxColumns;
  const perDay = input.codes * input.dailyAfter.maxColumns;
  const days = perDay > 0 ? Math.floor((WORKBOOK_CELL_LIMIT - after) / perDay) : null;
  const room =
    days === null
      ? ""
      : ` At ${groupThousands(input.codes)} ${input.codes === 1 ? "code" : "codes"}, OpenQR Daily has room for about ${groupThousands(days)} more ${days === 1 ? "day" : "days"}.`;
  return {
    fits: true,
    note:
      `This spreadsheet is ${percent}% full: ${groupThousands(after)} of the ${groupThousands(WORKBOOK_CELL_LIMIT)} cells Google Sheets allows, ` +
      `${groupThousands(daily)} of them in OpenQR Daily.${room} When it is full, refreshes stop before writing anything. ` +
      "To make room, move old years of OpenQR Daily to another spreadsheet (copy the rows there, then delete them here), " +
      "or delete sheets, rows and columns you do not use.",
  };
}
