/**
 * The run's room check, before anything is written: how big its writes make the report
 * sheets, against every sheet's grid (src/report/workbook-room.ts).
 */
import type { BlockWrite } from "../report/block-write.ts";
import { DAILY_SHEET_COLUMNS } from "../report/daily-archive.ts";
import { REPORT_SHEET_KINDS, type ReportSheetKind } from "../report/sheet-kinds.ts";
import {
  cellsAdded,
  grownSize,
  judgeRoom,
  NEW_SHEET_COLUMNS,
  NEW_SHEET_ROWS,
  type SheetGrowth,
  type SheetSize,
} from "../report/workbook-room.ts";
import { CellLimitReached } from "../sheets/cell-limit.ts";
import { extentOf, sizeOf } from "../sheets/sheet-table.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RoomCheck {
  /** Each report sheet's grid now, null for those the run creates. */
  sizes: Record<ReportSheetKind, SheetSize | null>;
  /** From 80% full on: how full, and what to do. */
  note: string | null;
}

/**
 * Sizes every sheet (a few calls each, once per run) and judges the writes planned. Throws,
 * before anything is written, when they would pass the spreadsheet's limit.
 */
export function checkRoom(
  spreadsheet: Spreadsheet,
  ids: Record<ReportSheetKind, number | null>,
  blocks: Record<ReportSheetKind, readonly BlockWrite[]>,
  codes: number,
): RoomCheck {
  let cellsNow = 0;
  const byId: Record<number, SheetSize> = {};
  for (const sheet of spreadsheet.getSheets()) {
    const size = sizeOf(sheet);
    cellsNow += size.maxRows * size.maxColumns;
    byId[sheet.getSheetId()] = size;
  }
  const sizes = {} as Record<ReportSheetKind, SheetSize | null>;
  const growth = {} as Record<ReportSheetKind, SheetGrowth>;
  for (const kind of REPORT_SHEET_KINDS) {
    const id = ids[kind];
    const before = id === null ? null : (byId[id] ?? null);
    const base = before ?? {
      maxRows: NEW_SHEET_ROWS,
      maxColumns: kind === "daily" ? DAILY_SHEET_COLUMNS : NEW_SHEET_COLUMNS,
    };
    const extent = extentOf(blocks[kind]);
    sizes[kind] = before;
    growth[kind] = { before, after: grownSize(base, extent.rows, extent.columns) };
  }
  const room = judgeRoom({
    cellsNow,
    cellsAdded: cellsAdded(REPORT_SHEET_KINDS.map((kind) => growth[kind])),
    dailyAfter: growth.daily.after,
    codes,
  });
  if (!room.fits) throw new CellLimitReached();
  return { sizes, note: room.note };
}
