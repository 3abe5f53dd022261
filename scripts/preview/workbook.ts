/**
 * Writes the emulated spreadsheet as an .xlsx file (exceljs): every sheet with its values,
 * real dates shown as the spreadsheet's zone shows them, number formats, bold and frozen
 * header rows and column widths from the content; the Summary's chart as an image where the
 * add-on anchors it; and the Slack digest on a sheet of its own. Strings are written as
 * strings, so a slug such as =HYPERLINK(…) stays text in Excel and LibreOffice too.
 */
import ExcelJS from "exceljs";
import type { CellValue, SheetModel, SpreadsheetModel } from "../../harness/emulator/index.ts";
import { wallClock } from "../../harness/emulator/time-zones.ts";

export interface ChartPicture {
  png: Buffer;
  width: number;
  height: number;
  /** 1-based anchor cell, as the add-on set it with setPosition. */
  row: number;
  column: number;
}

export interface WorkbookInput {
  spreadsheet: SpreadsheetModel;
  /** The sheet whose chart the picture replaces (by name), and the picture. */
  chart: { sheet: string; picture: ChartPicture } | null;
  digest: string | null;
  /** The tab shown first. */
  activeSheet: string;
}

export const DIGEST_SHEET = "Slack digest";
const MIN_WIDTH = 6;
const MAX_WIDTH = 48;
const DAY_FORMAT = "yyyy-mm-dd";

/** Excel has no time zones: a date cell holds the wall-clock time the spreadsheet shows. */
function wallDate(date: Date, timeZone: string): Date {
  const clock = wallClock(date.getTime(), timeZone);
  return new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second));
}

function widthOf(value: CellValue, shown: Date | null): number {
  if (shown !== null) return shown.getUTCHours() + shown.getUTCMinutes() === 0 ? 10 : 16;
  return String(value).length;
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetModel, timeZone: string): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: sheet.frozenRows > 0 ? [{ state: "frozen", ySplit: sheet.frozenRows }] : [],
    // Printed (or turned into a PDF), a sheet is as wide as the page.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths: number[] = [];
  const rows = sheet.lastRow();
  const columns = sheet.lastColumn();
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= columns; c++) {
      const source = sheet.cell(r, c);
      if (source.value === "" && !source.style) continue;
      const cell = worksheet.getCell(r, c);
      const shown = source.value instanceof Date ? wallDate(source.value, timeZone) : null;
      cell.value = shown ?? source.value;
      if (shown !== null) {
        const midnight = shown.getUTCHours() + shown.getUTCMinutes() + shown.getUTCSeconds() === 0;
        cell.numFmt = source.format || (midnight ? DAY_FORMAT : "yyyy-mm-dd hh:mm");
      } else if (source.format) {
        cell.numFmt = source.format;
      }
      // A font without a name falls back to a serif face in LibreOffice: name the workbook's own.
      if (source.style?.fontWeight === "bold") cell.font = { name: "Calibri", size: 11, bold: true };
      if (source.style?.fontColor)
        cell.font = { ...cell.font, color: { argb: `FF${source.style.fontColor.slice(1)}` } };
      if (source.style?.note) cell.note = source.style.note;
      // A long title or message in the first row of a block should not widen its whole column.
      const long = typeof source.value === "string" && source.value.length > MAX_WIDTH;
      if (!long) widths[c] = Math.max(widths[c] ?? 0, widthOf(source.value, shown));
    }
  }
  for (let c = 1; c <= columns; c++) {
    worksheet.getColumn(c).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (widths[c] ?? 0) + 2));
  }
  return worksheet;
}

export async function writeWorkbook(path: string, input: WorkbookInput): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OpenQR for Google Sheets — local preview";
  // Fixed, so the same preview writes the same workbook.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const { spreadsheet } = input;
  for (const sheet of spreadsheet.sheets) {
    const worksheet = addSheet(workbook, sheet, spreadsheet.timeZone);
    if (input.chart && input.chart.sheet === sheet.name) {
      const { picture } = input.chart;
      const image = workbook.addImage({ buffer: picture.png as unknown as ExcelJS.Buffer, extension: "png" });
      worksheet.addImage(image, {
        tl: { col: picture.column - 1, row: picture.row - 1 },
        ext: { width: picture.width, height: picture.height },
      });
    }
  }
  if (input.digest !== null) {
    const worksheet = workbook.addWorksheet(DIGEST_SHEET);
    worksheet.getCell(1, 1).value = "The Slack message the add-on posted (mrkdwn, as sent):";
    worksheet.getCell(1, 1).font = { name: "Calibri", size: 11, bold: true };
    input.digest.split("\n").forEach((line, index) => {
      worksheet.getCell(index + 3, 1).value = line;
    });
    worksheet.getColumn(1).width = 120;
  }
  const active = spreadsheet.sheets.findIndex((sheet) => sheet.name === input.activeSheet);
  workbook.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: Math.max(0, active),
      visibility: "visible",
    },
  ];
  await workbook.xlsx.writeFile(path);
}
