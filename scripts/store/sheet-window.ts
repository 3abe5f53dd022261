/**
 * A spreadsheet window as HTML, for the listing's screenshots: the file's title and menus,
 * a formula bar, one sheet of the preview's spreadsheet (the emulator's cells as they
 * display), its chart where the add-on put it, the sheet tabs, and optionally the add-on's
 * sidebar (the real built page, in an iframe). Drawn with the bundled DejaVu fonts only.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { displayValue } from "../../harness/emulator/display.ts";
import type { SheetModel, SpreadsheetModel } from "../../harness/emulator/index.ts";
import { SIDEBAR_TITLE } from "../../src/shared/addon-menu.ts";

export const WINDOW = { width: 1280, height: 800 } as const;
const SIDEBAR_WIDTH = 300;
const TITLE_HEIGHT = 64;
const TOOLBAR_HEIGHT = 40;
const FORMULA_BAR_HEIGHT = 30;
const TABS_HEIGHT = 38;
const ROW_HEIGHT = 21;
const HEADER_HEIGHT = 24;
const ROW_NUMBER_WIDTH = 46;
const CHAR_PX = 7.5;
const MIN_COLUMN = 64;
const MAX_COLUMN = 230;

const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

function fontFace(family: string, file: string, weight: "normal" | "bold"): string {
  const data = readFileSync(join(fontDir, file)).toString("base64");
  return `@font-face{font-family:"${family}";font-weight:${weight};src:url(data:font/ttf;base64,${data}) format("truetype");}`;
}

/** DejaVu under its own name and under the names the sidebar's stylesheet asks for, so no system font is used. */
export function fontFaces(): string {
  const faces: string[] = [];
  for (const family of ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"]) {
    faces.push(fontFace(family, "DejaVuSans.ttf", "normal"), fontFace(family, "DejaVuSans-Bold.ttf", "bold"));
  }
  for (const family of ["Courier New", "Courier", "monospace"]) {
    faces.push(
      fontFace(family, "DejaVuSansMono.ttf", "normal"),
      fontFace(family, "DejaVuSansMono-Bold.ttf", "bold"),
    );
  }
  return faces.join("\n");
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export interface WindowChart {
  /** The chart as a PNG, drawn at `width` × `height` CSS pixels. */
  png: Buffer;
  width: number;
  height: number;
  /** 1-based anchor cell. */
  row: number;
  column: number;
}

export interface WindowInput {
  spreadsheet: SpreadsheetModel;
  sheet: string;
  chart?: WindowChart | null;
  /** The sidebar page's address; no sidebar when absent. */
  sidebarUrl?: string;
  /** Where the selection is, e.g. "A1"; the formula bar shows that cell. */
  selected?: { row: number; column: number };
}

interface Shown {
  text: string;
  right: boolean;
  bold: boolean;
  color: string | null;
}

function shownCells(sheet: SheetModel, timeZone: string, rows: number, columns: number): Shown[][] {
  const grid: Shown[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: Shown[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = sheet.cell(r, c);
      const value = cell.value;
      line.push({
        text: value === "" ? "" : displayValue(value, cell.format, timeZone),
        right: typeof value === "number" || value instanceof Date,
        bold: cell.style?.fontWeight === "bold",
        color: cell.style?.fontColor ?? null,
      });
    }
    grid.push(line);
  }
  return grid;
}

/** Each column as wide as its widest shown text (a user fitting the columns), within bounds. */
function columnWidths(grid: Shown[][], columns: number): number[] {
  const widths = Array.from({ length: columns }, () => MIN_COLUMN);
  for (const line of grid) {
    line.forEach((shown, c) => {
      // A title alone in its row overflows into empty neighbours, as in Sheets: it sets no width.
      const alone = line.every((other, k) => k === c || other.text === "");
      if (!alone) widths[c] = Math.max(widths[c]!, shown.text.length * CHAR_PX + 16);
    });
  }
  return widths.map((width) => Math.min(MAX_COLUMN, width));
}

function gridHtml(input: WindowInput, gridWidth: number, gridHeight: number): string {
  const { spreadsheet } = input;
  const sheet = spreadsheet.sheet(input.sheet);
  const rows = Math.ceil((gridHeight - HEADER_HEIGHT) / ROW_HEIGHT);
  const columns = 26;
  const grid = shownCells(sheet, spreadsheet.timeZone, rows, columns);
  const widths = columnWidths(grid, columns);
  const columnLeft = (column: number) =>
    ROW_NUMBER_WIDTH + widths.slice(0, column - 1).reduce((sum, width) => sum + width, 0);
  const header = widths
    .map((width, c) => `<th style="width:${width}px">${columnLetter(c + 1)}</th>`)
    .join("");
  const body = grid
    .map((line, r) => {
      const cells = line
        .map((shown, c) => {
          const overflow = shown.text !== "" && line.slice(c + 1).every((next) => next.text === "");
          const style = [
            shown.right ? "text-align:right" : "",
            shown.bold ? "font-weight:bold" : "",
            shown.color ? `color:${shown.color}` : "",
            overflow ? "overflow:visible" : "",
          ]
            .filter(Boolean)
            .join(";");
          return `<td${style ? ` style="${style}"` : ""}>${escapeHtml(shown.text)}</td>`;
        })
        .join("");
      return `<tr><th>${r + 1}</th>${cells}</tr>`;
    })
    .join("");
  const chart = input.chart
    ? `<img class="chart" alt="" src="data:image/png;base64,${input.chart.png.toString("base64")}" style="left:${columnLeft(input.chart.column) + 4}px;top:${HEADER_HEIGHT + (input.chart.row - 1) * ROW_HEIGHT + 4}px;width:${input.chart.width}px;height:${input.chart.height}px">`
    : "";
  const selected = input.selected
    ? `<div class="selected" style="left:${columnLeft(input.selected.column) - 1}px;top:${HEADER_HEIGHT + (input.selected.row - 1) * ROW_HEIGHT - 1}px;width:${widths[input.selected.column - 1]! + 1}px;height:${ROW_HEIGHT + 1}px"></div>`
    : "";
  const tableWidth = columnLeft(columns + 1);
  return `<div class="grid" style="width:${gridWidth}px;height:${gridHeight}px"><table style="width:${tableWidth}px"><colgroup><col style="width:${ROW_NUMBER_WIDTH}px">${widths.map((w) => `<col style="width:${w}px">`).join("")}</colgroup><thead><tr><th class="corner"></th>${header}</tr></thead><tbody>${body}</tbody></table>${selected}${chart}</div>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;width:${WINDOW.width}px;height:${WINDOW.height}px;overflow:hidden;background:#f9fbfd;font-family:"DejaVu Sans";font-size:12px;color:#202124;position:relative}
.title{position:absolute;left:0;top:0;right:0;height:${TITLE_HEIGHT}px;display:flex;align-items:center;padding:0 14px;gap:12px}
.doc{width:28px;height:36px;border-radius:3px;background:#1e8e3e;position:relative}
.doc:after{content:"";position:absolute;left:6px;top:12px;width:16px;height:14px;border:2px solid #fff;border-radius:1px;background:linear-gradient(#fff,#fff) 0 50%/100% 2px no-repeat,linear-gradient(#fff,#fff) 50% 0/2px 100% no-repeat}
.name{font-size:17px}
.menus{display:flex;gap:14px;font-size:13px;color:#3c4043;margin-top:4px}
.menus .open{background:#e8eaed;border-radius:4px;padding:0 4px;margin:0 -4px}
.toolbar{position:absolute;left:8px;right:8px;top:${TITLE_HEIGHT}px;height:${TOOLBAR_HEIGHT - 6}px;background:#edf2fa;border-radius:18px}
.fbar{position:absolute;left:0;right:0;top:${TITLE_HEIGHT + TOOLBAR_HEIGHT}px;height:${FORMULA_BAR_HEIGHT}px;display:flex;align-items:center;background:#fff;border-top:1px solid #e1e3e1;border-bottom:1px solid #e1e3e1;font-size:12px}
.fbar .ref{width:90px;padding-left:10px;border-right:1px solid #e1e3e1}
.fbar .fx{color:#80868b;padding:0 10px;font-style:italic}
.grid{position:absolute;left:0;top:${TITLE_HEIGHT + TOOLBAR_HEIGHT + FORMULA_BAR_HEIGHT}px;overflow:hidden;background:#fff}
table{border-collapse:collapse;table-layout:fixed}
th{background:#f8f9fa;color:#5f6368;font-weight:normal;font-size:11px;border:1px solid #e1e3e1;height:${HEADER_HEIGHT}px;text-align:center;padding:0}
tbody th{height:${ROW_HEIGHT}px}
td{height:${ROW_HEIGHT}px;border:1px solid #e2e3e3;padding:0 4px;white-space:nowrap;overflow:hidden;font-size:12px}
.selected{position:absolute;border:2px solid #1a73e8;pointer-events:none}
.chart{position:absolute;border:1px solid #dadce0;background:#fff}
.tabs{position:absolute;left:0;bottom:0;height:${TABS_HEIGHT}px;display:flex;align-items:flex-end;gap:2px;padding-left:60px;background:#f9fbfd;border-top:1px solid #e1e3e1}
.tab{padding:0 16px;height:30px;line-height:30px;font-size:12px;color:#444746;border-radius:0 0 6px 6px}
.tab.active{background:#e1e9f7;color:#0b57d0;font-weight:bold}
.sidebar{position:absolute;right:0;top:${TITLE_HEIGHT + TOOLBAR_HEIGHT}px;bottom:0;width:${SIDEBAR_WIDTH}px;background:#fff;border-left:1px solid #dadce0;box-shadow:-2px 0 4px rgba(60,64,67,.12)}
.sidebar .head{height:48px;display:flex;align-items:center;justify-content:space-between;padding:0 16px;font-size:16px;border-bottom:1px solid #e8eaed}
.sidebar iframe{display:block;border:0;width:${SIDEBAR_WIDTH - 1}px;height:calc(100% - 48px)}
`;

const MENUS = ["File", "Edit", "View", "Insert", "Format", "Data", "Tools", "Extensions", "Help"];

/** The window as one HTML page of WINDOW's size. */
export function sheetWindowHtml(input: WindowInput): string {
  const sidebar = input.sidebarUrl !== undefined;
  const gridWidth = WINDOW.width - (sidebar ? SIDEBAR_WIDTH : 0);
  const gridHeight = WINDOW.height - TITLE_HEIGHT - TOOLBAR_HEIGHT - FORMULA_BAR_HEIGHT - TABS_HEIGHT;
  const selected = input.selected ?? { row: 1, column: 1 };
  const selectedCell = input.spreadsheet.sheet(input.sheet).cell(selected.row, selected.column);
  // The preview's formula cells hold their results; the formula's text is their note.
  const formulaText =
    selectedCell.formula ||
    selectedCell.style?.note ||
    (typeof selectedCell.value === "string" ? selectedCell.value : "");
  const tabs = input.spreadsheet.sheets
    .map(
      (sheet) =>
        `<div class="tab${sheet.name === input.sheet ? " active" : ""}">${escapeHtml(sheet.name)}</div>`,
    )
    .join("");
  const menus = MENUS.map(
    (menu) => `<span${sidebar && menu === "Extensions" ? ' class="open"' : ""}>${menu}</span>`,
  ).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaces()}${STYLE}</style></head><body>
<div class="title"><div class="doc"></div><div><div class="name">${escapeHtml(input.spreadsheet.name)}</div><div class="menus">${menus}</div></div></div>
<div class="toolbar"></div>
<div class="fbar"><span class="ref">${columnLetter(selected.column)}${selected.row}</span><span class="fx">fx</span><span>${escapeHtml(formulaText)}</span></div>
${gridHtml({ ...input, selected }, gridWidth, gridHeight)}
<div class="tabs" style="right:${sidebar ? SIDEBAR_WIDTH : 0}px">${tabs}</div>
${sidebar ? `<div class="sidebar"><div class="head"><span>${escapeHtml(SIDEBAR_TITLE)}</span><span>✕</span></div><iframe src="${escapeHtml(input.sidebarUrl!)}"></iframe></div>` : ""}
</body></html>`;
}
