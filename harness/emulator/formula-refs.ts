/**
 * Cell references inside formula text, as Sheets treats them: A1 text is stored as written
 * (so moving it elsewhere keeps pointing at the same cells), R1C1 text is relative to its
 * cell, and inserting or deleting rows or columns re-bases the references that point at that
 * sheet. A focused tokenizer, not a formula parser: it skips string literals and finds
 * references of the forms A1, $A$1, A$1, A1:B2, A2:B (open end), A:B, 1:2, each optionally
 * sheet-qualified (Sheet1!A1, 'My sheet'!A1), and the same in R1C1 (R[-1]C[0], R5C2, RC,
 * C[1]:C[1], R2:R4). A word followed by "(" is a function name (LOG10), never a reference.
 */

export type Axis = "row" | "column";

/** One coordinate: a position (A1: absolute when written with $) or, in R1C1, an offset when relative. */
interface Coordinate {
  n: number;
  absolute: boolean;
}

interface Corner {
  row?: Coordinate;
  column?: Coordinate;
}

interface Reference {
  /** The sheet prefix as written ("'My sheet'!"), or "". */
  prefix: string;
  start: Corner;
  /** Absent for a single cell. */
  end?: Corner;
}

export const REF_ERROR = "#REF!";

const SHEET = `(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!`;
const A1_CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const A1_COLUMN = String.raw`\$?[A-Za-z]{1,3}`;
const A1_ROW = String.raw`\$?\d+`;
const A1_REF = new RegExp(
  `(${SHEET})?(${A1_CELL}:${A1_CELL}|${A1_CELL}:${A1_COLUMN}|${A1_CELL}|${A1_COLUMN}:${A1_COLUMN}|${A1_ROW}:${A1_ROW})`,
  "y",
);
const R_PART = String.raw`R(?:\[-?\d+\]|\d+)?`;
const C_PART = String.raw`C(?:\[-?\d+\]|\d+)?`;
const R1C1_REF = new RegExp(
  `(${SHEET})?(${R_PART}${C_PART}:${R_PART}${C_PART}|${R_PART}${C_PART}:${C_PART}|${R_PART}${C_PART}|${C_PART}:${C_PART}|${R_PART}:${R_PART})`,
  "y",
);
/** A reference never starts right after these (it would be inside a word)... */
const WORD_BEFORE = /[A-Za-z0-9_.$]/;
/** ...nor ends right before these (a longer word, a function name, a sheet name). */
const WORD_AFTER = /[A-Za-z0-9_.$(![]/;

type Notation = "A1" | "R1C1";

/** Calls `rewrite` on every reference in the formula and joins the text back. */
function mapReferences(
  formula: string,
  notation: Notation,
  rewrite: (ref: Reference) => Reference | typeof REF_ERROR,
  output: Notation = notation,
): string {
  const pattern = notation === "A1" ? A1_REF : R1C1_REF;
  let out = "";
  let index = 0;
  while (index < formula.length) {
    const char = formula.charAt(index);
    if (char === '"') {
      const end = stringEnd(formula, index);
      out += formula.slice(index, end);
      index = end;
      continue;
    }
    const before = index > 0 ? formula.charAt(index - 1) : "";
    pattern.lastIndex = index;
    const match = before !== "" && WORD_BEFORE.test(before) ? null : pattern.exec(formula);
    const after = match ? formula.charAt(index + match[0].length) : "";
    if (!match || (after !== "" && WORD_AFTER.test(after))) {
      out += char;
      index++;
      continue;
    }
    const parsed = parseReference(match[1] ?? "", match[2]!, notation);
    const next = parsed ? rewrite(parsed) : null;
    out += next === null ? match[0] : next === REF_ERROR ? REF_ERROR : formatReference(next, output);
    index += match[0].length;
  }
  return out;
}

/** The index just past a string literal starting at `start` ("" inside is an escaped quote). */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text.charAt(index) === '"') {
      if (text.charAt(index + 1) !== '"') return index + 1;
      index += 2;
    } else {
      index++;
    }
  }
  return text.length;
}

const A1_CORNER = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/;

function parseReference(prefix: string, body: string, notation: Notation): Reference | null {
  const parts = body.split(":");
  const corners = parts.map((part) => (notation === "A1" ? parseA1Corner(part) : parseR1C1Corner(part)));
  if (corners.some((corner) => corner === null)) return null;
  const [start, end] = corners as Corner[];
  return end === undefined ? { prefix, start: start! } : { prefix, start: start!, end };
}

function parseA1Corner(text: string): Corner | null {
  const match = A1_CORNER.exec(text);
  if (!match) return null;
  const corner: Corner = {};
  if (match[2]) corner.column = { n: lettersToColumn(match[2]), absolute: match[1] === "$" };
  if (match[4])
    corner.row = { n: Number(match[4]), absolute: match[3] === "$" || (!match[2] && match[1] === "$") };
  return corner;
}

function parseR1C1Corner(text: string): Corner | null {
  const hasRow = text.startsWith("R");
  const rest = hasRow ? text.slice(1) : text;
  const rowMatch = hasRow ? /^(?:\[(-?\d+)\]|(\d+))?/.exec(rest) : null;
  const afterRow = rowMatch ? rest.slice(rowMatch[0].length) : rest;
  const hasColumn = afterRow.startsWith("C");
  const columnText = hasColumn ? afterRow.slice(1) : afterRow;
  const columnMatch = hasColumn ? /^(?:\[(-?\d+)\]|(\d+))?$/.exec(columnText) : null;
  if ((!hasColumn && afterRow !== "") || (hasColumn && !columnMatch) || (!hasRow && !hasColumn)) return null;
  const corner: Corner = {};
  if (rowMatch) corner.row = r1c1Coordinate(rowMatch[1], rowMatch[2]);
  if (columnMatch) corner.column = r1c1Coordinate(columnMatch[1], columnMatch[2]);
  return corner;
}

function r1c1Coordinate(offset: string | undefined, position: string | undefined): Coordinate {
  if (position !== undefined) return { n: Number(position), absolute: true };
  return { n: Number(offset ?? 0), absolute: false };
}

function formatReference(ref: Reference, notation: Notation): string {
  const format = notation === "A1" ? formatA1Corner : formatR1C1Corner;
  return ref.prefix + format(ref.start) + (ref.end ? `:${format(ref.end)}` : "");
}

function formatA1Corner(corner: Corner): string {
  const column = corner.column
    ? `${corner.column.absolute ? "$" : ""}${columnToLetters(corner.column.n)}`
    : "";
  const row = corner.row ? `${corner.row.absolute ? "$" : ""}${corner.row.n}` : "";
  return column + row;
}

function formatR1C1Corner(corner: Corner): string {
  const part = (letter: string, coordinate: Coordinate | undefined) =>
    coordinate === undefined
      ? ""
      : coordinate.absolute
        ? `${letter}${coordinate.n}`
        : `${letter}[${coordinate.n}]`;
  return part("R", corner.row) + part("C", corner.column);
}

function columnToLetters(column: number): string {
  let letters = "";
  let rest = column;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

function lettersToColumn(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

function mapCorners(ref: Reference, map: (corner: Corner) => Corner | null): Reference | typeof REF_ERROR {
  const start = map(ref.start);
  const end = ref.end ? map(ref.end) : undefined;
  if (start === null || end === null) return REF_ERROR;
  return end === undefined ? { prefix: ref.prefix, start } : { prefix: ref.prefix, start, end };
}

/** A1 formula text as the R1C1 text of the cell at (row, column). */
export function a1ToR1C1(formula: string, row: number, column: number): string {
  return mapReferences(
    formula,
    "A1",
    (ref) =>
      mapCorners(ref, (corner) => ({
        ...(corner.row && { row: relativeTo(corner.row, row) }),
        ...(corner.column && { column: relativeTo(corner.column, column) }),
      })),
    "R1C1",
  );
}

function relativeTo(coordinate: Coordinate, origin: number): Coordinate {
  return coordinate.absolute ? coordinate : { n: coordinate.n - origin, absolute: false };
}

/** R1C1 formula text written into the cell at (row, column), as the A1 text Sheets stores; off the grid is #REF!. */
export function r1c1ToA1(formula: string, row: number, column: number): string {
  return mapReferences(
    formula,
    "R1C1",
    (ref) =>
      mapCorners(ref, (corner) => {
        const out: Corner = {};
        if (corner.row) out.row = positionFrom(corner.row, row);
        if (corner.column) out.column = positionFrom(corner.column, column);
        return (out.row && out.row.n < 1) || (out.column && out.column.n < 1) ? null : out;
      }),
    "A1",
  );
}

function positionFrom(coordinate: Coordinate, origin: number): Coordinate {
  return coordinate.absolute ? coordinate : { n: coordinate.n + origin, absolute: false };
}

/** A1 formula text moved from one cell to another, as a copy or a sort moves it (R1C1 kept). */
export function moveFormula(formula: string, from: { row: number; column: number }, to: typeof from): string {
  return r1c1ToA1(a1ToR1C1(formula, from.row, from.column), to.row, to.column);
}

/** Rows or columns inserted (count > 0, before `at`) or deleted (count < 0, from `at`). */
export interface GridEdit {
  axis: Axis;
  at: number;
  count: number;
}

/**
 * A1 formula text after a grid edit of the sheet that `targets(prefix)` says its references
 * point at: positions past the edit shift; a reference wholly inside deleted lines is #REF!,
 * and a range losing some of its lines shrinks.
 */
export function rebaseFormula(
  formula: string,
  edit: GridEdit,
  targets: (sheetName: string | null) => boolean,
): string {
  return mapReferences(formula, "A1", (ref) => {
    if (!targets(sheetNameOf(ref.prefix))) return ref;
    const key = edit.axis;
    const first = ref.start[key];
    const last = ref.end ? ref.end[key] : ref.start[key];
    if (first === undefined && last === undefined) return ref;
    if (edit.count > 0) {
      const shift = (c: Coordinate | undefined) =>
        c === undefined || c.n < edit.at ? c : { n: c.n + edit.count, absolute: c.absolute };
      return withAxis(ref, key, shift(first), shift(last));
    }
    const from = edit.at;
    const to = edit.at - edit.count - 1;
    const deleted = -edit.count;
    if (!ref.end) {
      if (first === undefined) return ref;
      if (first.n >= from && first.n <= to) return REF_ERROR;
      return withAxis(
        ref,
        key,
        { n: first.n > to ? first.n - deleted : first.n, absolute: first.absolute },
        undefined,
      );
    }
    // A range: its low and high lines (an open end, A2:B, reaches the sheet's end).
    const swapped = first !== undefined && last !== undefined && first.n > last.n;
    const low = swapped ? last : first;
    const high = swapped ? first : last;
    const lowN = low ? (low.n < from ? low.n : low.n > to ? low.n - deleted : from) : 1;
    const highN = high ? (high.n < from ? high.n : high.n > to ? high.n - deleted : from - 1) : Infinity;
    if (highN < lowN) return REF_ERROR;
    const lowOut = low && { n: lowN, absolute: low.absolute };
    const highOut = high && { n: highN, absolute: high.absolute };
    return swapped ? withAxis(ref, key, highOut, lowOut) : withAxis(ref, key, lowOut, highOut);
  });
}

function withAxis(
  ref: Reference,
  key: Axis,
  start: Coordinate | undefined,
  end: Coordinate | undefined,
): Reference {
  const out: Reference = { prefix: ref.prefix, start: { ...ref.start } };
  if (start) out.start[key] = start;
  if (ref.end) {
    out.end = { ...ref.end };
    if (end) out.end[key] = end;
  }
  return out;
}

/** The sheet a prefix names ("'It''s'!" is It's), or null for none. */
export function sheetNameOf(prefix: string): string | null {
  if (prefix === "") return null;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** True when the text is a formula Sheets would keep as one. */
export function isFormulaText(text: string): boolean {
  return text.startsWith("=") && text.length > 1;
}
