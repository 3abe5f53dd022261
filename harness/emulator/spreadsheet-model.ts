import type { ChartRecord } from "./chart-model.ts";
import { PlatformError } from "./errors.ts";
import { type GridEdit, moveFormula, rebaseFormula } from "./formula-refs.ts";
import {
  checkMetadataKey,
  checkMetadataStorage,
  type DeveloperMetadataRecord,
  type MetadataSeed,
} from "./metadata-model.ts";
import type { CellValue } from "./parse-input.ts";
import type { PlainTextApostrophe } from "./spreadsheet-common.ts";
import { instantOf, isValidTimeZone, wallClock } from "./time-zones.ts";
import { isDateValue } from "./values.ts";

export type { CellValue };

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const MAX_CELLS = 10_000_000;

/** Presentation set through the Range setters the add-on may use (kept for inspection). */
export interface CellStyle {
  fontWeight?: string;
  fontColor?: string;
  background?: string;
  horizontalAlignment?: string;
  wrap?: boolean;
  note?: string;
}

export interface Cell {
  value: CellValue;
  /** The formula text ("=SUM(A1:A3)") or "" for a plain value. */
  formula: string;
  /** "" means the default (General). */
  format: string;
  style?: CellStyle;
  /** The formula text Sheets last calculated here ("" or absent: none); see settle(). */
  calculated?: string;
}

/** A formula cell Sheets will calculate again: its text changed since it was last calculated. */
export interface PendingRecalculation {
  sheet: SheetModel;
  row: number;
  column: number;
  formula: string;
}

/** Cells whose formula may differ from what was last calculated, as one number per cell. */
const cellKey = (row: number, column: number) => row * 65_536 + column;

const EMPTY_CELL: Readonly<Cell> = Object.freeze({ value: "", formula: "", format: "" });

/** One sheet's grid. Rows and columns are 1-based; storage is ragged and grows on write. */
export class SheetModel {
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  /**
   * Protected against the script's user (Data › Protect sheets and ranges, by the owner, with
   * the user not among its editors): the script's edits of it throw PROTECTED_EDIT.
   */
  protectedFromScript = false;
  /** Embedded charts on this sheet, in insertion order (see chart-model.ts). */
  readonly charts: ChartRecord[] = [];
  /** Every sheet of the workbook, whose references to this one re-base with its rows (set when added). */
  workbook: () => readonly SheetModel[] = () => [this];
  private grid: (Cell | undefined)[][] = [];
  /** False until a formula is written: grid edits then have no reference to re-base here (keeps growth cheap). */
  private mayHoldFormulas = false;
  /** Cells written since the last settle() whose formula differs from the one last calculated. */
  private unsettled = new Set<number>();
  /** Rows or columns moved since the last settle(): the keys above no longer say where. */
  private rescan = false;

  constructor(
    public name: string,
    readonly sheetId: number,
  ) {}

  cell(row: number, column: number): Readonly<Cell> {
    return this.grid[row - 1]?.[column - 1] ?? EMPTY_CELL;
  }

  /** Replaces every Date value (a zone change keeps their local date and time). */
  mapDates(move: (date: Date) => Date): void {
    for (const cells of this.grid) {
      if (!cells) continue;
      cells.forEach((cell, index) => {
        if (cell && isDateValue(cell.value)) cells[index] = { ...cell, value: move(cell.value) };
      });
    }
  }

  write(row: number, column: number, patch: Partial<Cell>): void {
    let cells = this.grid[row - 1];
    if (!cells) {
      cells = [];
      this.grid[row - 1] = cells;
    }
    const current = cells[column - 1] ?? { ...EMPTY_CELL };
    const next = { ...current, ...patch };
    cells[column - 1] = next;
    if (patch.formula) this.mayHoldFormulas = true;
    if (next.formula !== (next.calculated ?? "")) this.unsettled.add(cellKey(row, column));
  }

  /**
   * What Sheets does when the script's changes are applied (SpreadsheetApp.flush, the end of
   * an execution): every formula whose text differs from the text last calculated in its cell
   * is calculated again (`visit`). Rewriting a cell's own text, or clearing it and writing it
   * back before the changes are applied, is no change: the platform does not promise to
   * recalculate it, so it is not recalculated here.
   */
  settle(visit: (row: number, column: number, formula: string) => void): void {
    const check = (row: number, column: number) => {
      const cells = this.grid[row - 1];
      const cell = cells?.[column - 1];
      if (!cells || !cell || cell.formula === (cell.calculated ?? "")) return;
      cells[column - 1] = { ...cell, calculated: cell.formula };
      if (cell.formula !== "") visit(row, column, cell.formula);
    };
    if (this.rescan) {
      this.grid.forEach((cells, r) => {
        cells?.forEach((_, c) => {
          check(r + 1, c + 1);
        });
      });
    } else {
      for (const key of this.unsettled) check(Math.floor(key / 65_536), key % 65_536);
    }
    this.unsettled.clear();
    this.rescan = false;
  }

  private hasContent(cell: Cell | undefined): boolean {
    return cell !== undefined && (cell.value !== "" || cell.formula !== "");
  }

  /** The last row holding a value or formula (0 when the sheet is empty). */
  lastRow(): number {
    for (let row = this.grid.length; row >= 1; row--) {
      if ((this.grid[row - 1] ?? []).some((cell) => this.hasContent(cell))) return row;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const cells of this.grid) {
      if (!cells) continue;
      for (let column = cells.length; column > last; column--) {
        if (this.hasContent(cells[column - 1])) {
          last = column;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts empty rows so that the first new row is `beforeRow`; references past it shift down. */
  insertRows(beforeRow: number, count: number): void {
    if (this.grid.length >= beforeRow) {
      this.grid.splice(beforeRow - 1, 0, ...Array.from({ length: count }, (): (Cell | undefined)[] => []));
    }
    this.maxRows += count;
    this.rebaseReferences({ axis: "row", at: beforeRow, count });
    if (this.unsettled.size > 0) this.rescan = true;
  }

  insertColumns(beforeColumn: number, count: number): void {
    for (const cells of this.grid) {
      if (cells && cells.length >= beforeColumn) {
        cells.splice(beforeColumn - 1, 0, ...Array.from({ length: count }, () => undefined));
      }
    }
    this.maxColumns += count;
    this.rebaseReferences({ axis: "column", at: beforeColumn, count });
    if (this.unsettled.size > 0) this.rescan = true;
  }

  /** Deletes rows (their formulas with them); references into them become #REF!, those past them shift up. */
  deleteRows(row: number, count: number): void {
    this.grid.splice(row - 1, count);
    this.maxRows -= count;
    this.rebaseReferences({ axis: "row", at: row, count: -count });
    if (this.unsettled.size > 0) this.rescan = true;
  }

  deleteColumns(column: number, count: number): void {
    for (const cells of this.grid) cells?.splice(column - 1, count);
    this.maxColumns -= count;
    this.rebaseReferences({ axis: "column", at: column, count: -count });
    if (this.unsettled.size > 0) this.rescan = true;
  }

  /**
   * Sorts rows [firstRow, firstRow + numRows) by `compare` (of row numbers, stable), moving the
   * cells of columns [firstColumn, firstColumn + numColumns) (whole rows by default) as the
   * user's sort and Range.sort do: a moved formula keeps its R1C1 form, so it still reads its own row.
   */
  sortRows(
    firstRow: number,
    numRows: number,
    compare: (rowA: number, rowB: number) => number,
    firstColumn = 1,
    numColumns = Math.max(0, this.maxColumns - firstColumn + 1),
  ): void {
    const order = Array.from({ length: numRows }, (_, index) => firstRow + index).sort(compare);
    const lines = order.map((from) =>
      Array.from({ length: numColumns }, (_, c) => this.cell(from, firstColumn + c)),
    );
    order.forEach((from, index) => {
      const to = firstRow + index;
      lines[index]!.forEach((cell, c) => {
        const column = firstColumn + c;
        const formula =
          cell.formula === "" ? "" : moveFormula(cell.formula, { row: from, column }, { row: to, column });
        // The whole cell moves: value, formula, format, style (notes included), its result too.
        this.write(to, column, {
          value: cell.value === cell.formula ? formula : cell.value,
          formula,
          format: cell.format,
          style: cell.style,
          calculated: cell.calculated === cell.formula ? formula : cell.calculated,
        });
      });
    });
  }

  /** Re-bases every formula of the workbook that points at this sheet, after a grid edit of it. */
  private rebaseReferences(edit: GridEdit): void {
    for (const sheet of this.workbook()) {
      sheet.rewriteFormulas((formula) =>
        rebaseFormula(formula, edit, (name) => (name === null ? sheet === this : name === this.name)),
      );
    }
  }

  private rewriteFormulas(rewrite: (formula: string) => string): void {
    if (!this.mayHoldFormulas) return;
    for (const cells of this.grid) {
      if (!cells) continue;
      cells.forEach((cell, index) => {
        if (!cell || cell.formula === "") return;
        const formula = rewrite(cell.formula);
        if (formula === cell.formula) return;
        // A formula cell's value is its text here (formulas are not computed). A re-based
        // reference is the same formula: it is not calculated again for that.
        cells[index] = {
          ...cell,
          formula,
          value: cell.value === cell.formula ? formula : cell.value,
          calculated: cell.calculated === cell.formula ? formula : cell.calculated,
        };
      });
    }
  }

  clear(what: { contents: boolean; formats: boolean }): void {
    // Clearing everything leaves only empty cells: drop them, so lastRow() stays cheap afterwards.
    if (what.contents && what.formats) {
      this.grid = [];
      this.unsettled.clear();
      return;
    }
    this.rescan = true;
    for (const cells of this.grid) {
      if (!cells) continue;
      cells.forEach((cell, index) => {
        if (!cell) return;
        cells[index] = {
          value: what.contents ? "" : cell.value,
          formula: what.contents ? "" : cell.formula,
          format: what.formats ? "" : cell.format,
          style: what.formats ? undefined : cell.style,
        };
      });
    }
  }

  /** A rectangle of one layer of the grid. */
  read<T>(
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
    pick: (cell: Readonly<Cell>) => T,
  ): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < numColumns; c++) line.push(pick(this.cell(row + r, column + c)));
      out.push(line);
    }
    return out;
  }

  /** The used area (A1 to last row × last column) of one layer; [] for an empty sheet. */
  used<T>(pick: (cell: Readonly<Cell>) => T): T[][] {
    const rows = this.lastRow();
    const columns = this.lastColumn();
    return rows === 0 || columns === 0 ? [] : this.read(1, 1, rows, columns, pick);
  }
}

export interface SpreadsheetOptions {
  timeZone?: string;
  name?: string;
  owner?: string;
  id?: string;
}

/** The one spreadsheet the add-on is bound to, shared by every execution. */
export class SpreadsheetModel {
  readonly id: string;
  name: string;
  timeZone: string;
  readonly owner: string;
  /** What an apostrophe written into a plain-text ("@") cell does (unverified on the platform). */
  plainTextApostrophe: PlainTextApostrophe = "kept";
  locale = "en_GB";
  readonly sheets: SheetModel[] = [];
  activeSheet: SheetModel;
  /** Developer metadata of every location (the spreadsheet's and each sheet's), oldest first. */
  readonly developerMetadata: DeveloperMetadataRecord[] = [];
  /** Formula cells to calculate again, by sheet and cell, in the order their changes were applied. */
  private readonly pendingRecalculation = new Map<string, PendingRecalculation>();
  private nextSheetId = 0;
  // Metadata and chart ids share one counter, far from sheet ids, so a mixed-up id finds nothing.
  private nextObjectId = 1001;

  constructor(options: SpreadsheetOptions = {}) {
    this.id = options.id ?? "1EmulatedSpreadsheet0000000000000000000000000";
    this.name = options.name ?? "Untitled spreadsheet";
    this.timeZone = options.timeZone ?? "Europe/London";
    this.owner = options.owner ?? "owner@example.com";
    this.activeSheet = this.addSheet("Sheet1");
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((sheet) => sheet.name === name);
  }

  /** Like sheetByName but throws, for tests. */
  sheet(name: string): SheetModel {
    const sheet = this.sheetByName(name);
    if (!sheet)
      throw new Error(`No sheet named "${name}" (sheets: ${this.sheets.map((s) => s.name).join(", ")})`);
    return sheet;
  }

  totalCells(): number {
    return this.sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxColumns, 0);
  }

  /** Throws the platform's error when growing by `extraCells` would pass the workbook limit. */
  checkGrowth(extraCells: number): void {
    if (this.totalCells() + extraCells > MAX_CELLS) {
      throw new PlatformError(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }

  addSheet(name?: string, index?: number): SheetModel {
    const sheetName = name ?? this.unusedSheetName();
    if (this.sheetByName(sheetName)) {
      throw new PlatformError(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    if (this.sheets.length > 0) this.checkGrowth(DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = new SheetModel(sheetName, this.nextSheetId);
    sheet.workbook = () => this.sheets;
    this.nextSheetId += 1;
    const position =
      index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(position, 0, sheet);
    return sheet;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1) throw new PlatformError("You can't remove all the sheets in a document.");
    const index = this.sheets.indexOf(sheet);
    if (index !== -1) this.sheets.splice(index, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0] as SheetModel;
    // Its charts go with the SheetModel; its metadata is deleted with it.
    for (const record of this.metadataOf(sheet)) this.removeDeveloperMetadata(record);
  }

  /** A new spreadsheet-unique id for developer metadata and charts. */
  newObjectId(): number {
    const id = this.nextObjectId;
    this.nextObjectId += 1;
    return id;
  }

  private locationOf(sheet: SheetModel | string | null): SheetModel | null {
    return typeof sheet === "string" ? this.sheet(sheet) : sheet;
  }

  /** The metadata of one sheet (model or name), or of the spreadsheet itself with null; every project's. */
  metadataOf(sheet: SheetModel | string | null): DeveloperMetadataRecord[] {
    const location = this.locationOf(sheet);
    return this.developerMetadata.filter((record) => record.sheet === location);
  }

  /** Attaches metadata, as addDeveloperMetadata does; tests seed with it (`project` for another add-on's). */
  addDeveloperMetadata(sheet: SheetModel | string | null, seed: MetadataSeed): DeveloperMetadataRecord {
    const location = this.locationOf(sheet);
    const value = seed.value ?? null;
    checkMetadataKey(seed.key);
    checkMetadataStorage(this.metadataOf(location), { key: seed.key, value });
    const record: DeveloperMetadataRecord = {
      id: this.newObjectId(),
      key: seed.key,
      value,
      visibility: seed.visibility ?? "DOCUMENT",
      sheet: location,
    };
    if (seed.project !== undefined) record.project = seed.project;
    this.developerMetadata.push(record);
    return record;
  }

  /** Changes a record in place after checking the key and the destination's storage limit. */
  updateDeveloperMetadata(
    record: DeveloperMetadataRecord,
    change: Partial<Pick<DeveloperMetadataRecord, "key" | "value" | "visibility" | "sheet">>,
  ): void {
    const next = { ...record, ...change };
    checkMetadataKey(next.key);
    checkMetadataStorage(this.metadataOf(next.sheet), next, record);
    Object.assign(record, change);
  }

  removeDeveloperMetadata(record: DeveloperMetadataRecord): void {
    const index = this.developerMetadata.indexOf(record);
    if (index !== -1) this.developerMetadata.splice(index, 1);
  }

  /** Tests: a new sheet carrying developer metadata, as if the add-on had tagged it earlier. */
  addSheetWithMetadata(name: string, metadata: readonly MetadataSeed[], index?: number): SheetModel {
    const sheet = this.addSheet(name, index);
    for (const seed of metadata) this.addDeveloperMetadata(sheet, seed);
    return sheet;
  }

  private unusedSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) if (!this.sheetByName(`Sheet${n}`)) return `Sheet${n}`;
  }

  /**
   * Sheets keeps a date cell as a local date and time (a serial number), not an instant: in
   * another zone it still shows the same day, so it is passed to scripts as that wall-clock
   * time in the new zone. The model keeps instants, so it moves them.
   */
  setSpreadsheetTimeZone(timeZone: string): void {
    if (!isValidTimeZone(timeZone)) throw new PlatformError(`Invalid argument: timeZone`);
    const before = this.timeZone;
    for (const sheet of this.sheets) {
      sheet.mapDates((date) => {
        const local = wallClock(date.getTime(), before);
        const { year, month, day, hour, minute, second } = local;
        return new Date(instantOf(timeZone, year, month, day, hour, minute, second) + local.millisecond);
      });
    }
    this.timeZone = timeZone;
  }

  /** Applies the script's changes (flush, end of execution): changed formulas wait to be calculated. */
  settleCalculation(): void {
    for (const sheet of this.sheets) {
      sheet.settle((row, column, formula) => {
        const key = `${sheet.sheetId}:${row}:${column}`;
        this.pendingRecalculation.delete(key);
        this.pendingRecalculation.set(key, { sheet, row, column, formula });
      });
    }
  }

  /** The formula cells waiting to be calculated (settled first), which then no longer wait. */
  takeRecalculations(): PendingRecalculation[] {
    this.settleCalculation();
    const pending = [...this.pendingRecalculation.values()];
    this.pendingRecalculation.clear();
    return pending;
  }

  /** The used area's values (Dates as Node Dates, blanks as ""). */
  sheetValues(name: string): CellValue[][] {
    return this.sheet(name).used((cell) => cell.value);
  }

  sheetFormulas(name: string): string[][] {
    return this.sheet(name).used((cell) => cell.formula);
  }

  sheetFormats(name: string): string[][] {
    return this.sheet(name).used((cell) => cell.format);
  }
}
