/**
 * Writes the emulated spreadsheet as an .xlsx file (exceljs): every sheet with its values,
 * real dates shown as the spreadsheet's zone shows them, number formats, bold and frozen
 * header rows and column widths from the content; the Summary's chart as an image where the
 * add-on anchors it; and the Slack digest, then the schedule's alerts, on a sheet of their own. Strings are written as
 * strings, so a slug such as =HYPERLINK(…) stays text in Excel and LibreOffice too.
 *
 * No text is cut off: a column is as wide as its content up to MAX_WIDTH, and longer text
 * wraps, except in the last filled cell of a row, which may run on into the empty cells to
 * its right (a title, a message). Text right of a number is indented, so "30" and "GB" in
 * neighbouring cells do not read as "30GB".
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
  /** The schedule's failure alerts and recovery messages, written below the digest. */
  alerts?: readonly string[];
  /** The monthly digests, written below the alerts. */
  monthly?: readonly string[];
  /** The tab shown first. */
  activeSheet: string;
}

export const DIGEST_SHEET = "Slack digest";
const MIN_WIDTH = 6;
const MAX_WIDTH = 48;
const DAY_FORMAT = "yyyy-mm-dd";
const DIGEST_WIDTH = 104;

/** Excel has no time zones: a date cell holds the wall-clock time the spreadsheet shows. */
function wallDate(date: Date, timeZone: string): Date {
  const clock = wallClock(date.getTime(), timeZone);
  return new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second));
}

function widthOf(value: CellValue, shown: Date | null): number {
  if (shown !== null) return shown.getUTCHours() + shown.getUTCMinutes() === 0 ? 10 : 16;
  // A count shown as #,##0 gains a comma every three digits.
  if (typeof value === "number") return value.toLocaleString("en-US", { maximumFractionDigits: 2 }).length;
  // Characters, not UTF-16 units (an emoji is one).
  return [...String(value)].length;
}

const isNumberLike = (value: CellValue) => typeof value === "number" || value instanceof Date;

/**
 * A line of the digest as lines of at most `width` characters, broken after a space where
 * there is one (else inside the word); lines after the first are indented by two spaces, and
 * nothing else is added or lost. One row per line: a wrapped cell's height would depend on
 * the font.
 */
export function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = [...line];
  const room = () => (lines.length === 0 ? width : width - 2);
  while (rest.length > room()) {
    const space = rest.lastIndexOf(" ", room() - 1);
    const at = space > room() / 2 ? space + 1 : room();
    lines.push((lines.length === 0 ? "" : "  ") + rest.slice(0, at).join(""));
    rest = rest.slice(at);
  }
  lines.push((lines.length === 0 ? "" : "  ") + rest.join(""));
  return lines;
}

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/**
 * The height a row needs for text wrapped in a column `width` characters wide. Set by hand:
 * LibreOffice keeps a row of an imported workbook one line high, showing a wrapped cell's
 * first line only. A little slack per line, since words do not fill a line exactly.
 */
function wrappedHeight(text: string, width: number): number {
  const perLine = Math.max(1, width - 4);
  const lines = text
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / perLine)), 0);
  return lines * LINE_HEIGHT;
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetModel, timeZone: string): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: sheet.frozenRows > 0 ? [{ state: "frozen", ySplit: sheet.frozenRows }] : [],
    // Printed (or turned into a PDF), a sheet is as wide as the page.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const rows = sheet.lastRow();
  const columns = sheet.lastColumn();
  // The last filled column of each row: its text may run on to the right instead of wrapping.
  const lastFilled: number[] = [];
  for (let r = 1; r <= rows; r++) {
    lastFilled[r] = 0;
    for (let c = columns; c >= 1; c--) {
      if (sheet.cell(r, c).value !== "") {
        lastFilled[r] = c;
        break;
      }
    }
  }
  // Columns right of a column holding numbers or dates: their text is indented, every row alike.
  const indented = new Set<number>();
  for (let c = 2; c <= columns; c++) {
    for (let r = 1; r <= rows && !indented.has(c); r++)
      if (isNumberLike(sheet.cell(r, c - 1).value)) indented.add(c);
  }
  const widths: number[] = [];
  const long: Array<{ r: number; c: number; width: number }> = [];
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
        cell.font = {
          name: "Calibri",
          size: 11,
          ...cell.font,
          color: { argb: `FF${source.style.fontColor.slice(1)}` },
        };
      if (source.style?.note) cell.note = source.style.note;
      if (typeof source.value === "string" && indented.has(c))
        cell.alignment = { horizontal: "left", indent: 1 };
      const width = widthOf(source.value, shown) + (cell.alignment?.indent ?? 0);
      const runsOn = c === lastFilled[r];
      if (width > MAX_WIDTH) long.push({ r, c, width });
      if (!(runsOn && width > MAX_WIDTH)) widths[c] = Math.max(widths[c] ?? 0, Math.min(MAX_WIDTH, width));
    }
  }
  for (let c = 1; c <= columns; c++) {
    worksheet.getColumn(c).width = Math.max(MIN_WIDTH, (widths[c] ?? 0) + 2);
  }
  // Text wider than its column wraps, unless it is the last in its row and can run on.
  for (const { r, c, width } of long) {
    if (c === lastFilled[r] || width <= (widths[c] ?? 0)) continue;
    const cell = worksheet.getCell(r, c);
    cell.alignment = { ...cell.alignment, wrapText: true, vertical: "top" };
    const row = worksheet.getRow(r);
    row.height = Math.max(
      row.height ?? LINE_HEIGHT,
      wrappedHeight(String(cell.value), widths[c] ?? MAX_WIDTH),
    );
    // The rest of a taller row reads along its first line.
    row.eachCell((other) => {
      other.alignment = { ...other.alignment, vertical: "top" };
    });
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
    const worksheet = workbook.addWorksheet(DIGEST_SHEET, {
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    worksheet.getCell(1, 1).value =
      "The Slack message the add-on posted (mrkdwn, as sent; a long line goes on, indented, below):";
    worksheet.getCell(1, 1).font = { name: "Calibri", size: 11, bold: true };
    const digestLines = input.digest.split("\n").flatMap((line) => wrapLine(line, DIGEST_WIDTH));
    digestLines.forEach((line, index) => {
      worksheet.getCell(index + 3, 1).value = line;
    });
    let row = digestLines.length + 4;
    const posted = [
      ...(input.alerts ?? []).map((text) => ({
        text,
        title: "The schedule's alert the add-on posted (as sent):",
      })),
      ...(input.monthly ?? []).map((text) => ({
        text,
        title: "The monthly digest the add-on posted (as sent):",
      })),
    ];
    for (const { text: alert, title } of posted) {
      worksheet.getCell(row, 1).value = title;
      worksheet.getCell(row, 1).font = { name: "Calibri", size: 11, bold: true };
      row += 2;
      for (const line of alert.split("\n").flatMap((text) => wrapLine(text, DIGEST_WIDTH)))
        worksheet.getCell(row++, 1).value = line;
      row += 1;
    }
    worksheet.getColumn(1).width = DIGEST_WIDTH + 2;
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
