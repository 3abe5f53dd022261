/** A1 notation: "B3", "A1:C10", "A:C" (whole columns), "2:5" (whole rows), "A2:B" (open end). */

export interface GridArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnToLetters(column: number): string {
  let letters = "";
  let rest = column;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

export function toA1(area: GridArea): string {
  const start = `${columnToLetters(area.column)}${area.row}`;
  if (area.numRows === 1 && area.numColumns === 1) return start;
  const end = `${columnToLetters(area.column + area.numColumns - 1)}${area.row + area.numRows - 1}`;
  return `${start}:${end}`;
}

/** Splits "Sheet1!A1:B2" or "'My sheet'!A1" into the sheet name (if any) and the range part. */
export function splitSheetName(notation: string): { sheetName?: string; range: string } {
  const bang = notation.lastIndexOf("!");
  if (bang === -1) return { range: notation };
  let sheetName = notation.slice(0, bang);
  if (sheetName.startsWith("'") && sheetName.endsWith("'"))
    sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  return { sheetName, range: notation.slice(bang + 1) };
}

interface Corner {
  row?: number;
  column?: number;
}

const CORNER = /^\$?([A-Za-z]*)\$?(\d*)$/;

function parseCorner(text: string): Corner | undefined {
  const match = CORNER.exec(text.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  const corner: Corner = {};
  if (match[1]) corner.column = lettersToColumn(match[1]);
  if (match[2]) corner.row = Number(match[2]);
  if (corner.row === 0) return undefined;
  return corner;
}

/** Resolves a range part against the sheet's size; undefined when the notation is not valid. */
export function parseA1(range: string, maxRows: number, maxColumns: number): GridArea | undefined {
  const [startText, endText, extra] = range.split(":");
  if (startText === undefined || extra !== undefined) return undefined;
  const start = parseCorner(startText);
  const end = endText === undefined ? start : parseCorner(endText);
  if (!start || !end) return undefined;
  // A single cell must name both column and row.
  if (endText === undefined && (start.row === undefined || start.column === undefined)) return undefined;
  const firstRow = start.row ?? 1;
  const firstColumn = start.column ?? 1;
  const lastRow = end.row ?? maxRows;
  const lastColumn = end.column ?? maxColumns;
  const top = Math.min(firstRow, lastRow);
  const left = Math.min(firstColumn, lastColumn);
  return {
    row: top,
    column: left,
    numRows: Math.max(firstRow, lastRow) - top + 1,
    numColumns: Math.max(firstColumn, lastColumn) - left + 1,
  };
}
