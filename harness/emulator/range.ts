import { type GridArea, toA1 } from "./a1.ts";
import { DEFAULT_NUMBER_FORMAT, displayValue } from "./display.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { a1ToR1C1 } from "./formula-refs.ts";
import { sortComparator } from "./range-sort.ts";
import type { ServiceObject } from "./service-binder.ts";
import {
  COORDINATES_OUTSIDE,
  checkArea,
  documentCapability,
  integerArgument,
  protectionGuard,
  type SpreadsheetObjects,
  signatureMismatch,
  writeFormula,
  writeInput,
} from "./spreadsheet-common.ts";
import type { Cell, CellStyle, SheetModel } from "./spreadsheet-model.ts";
import { textFinderMethod } from "./text-finder.ts";
import { isDateValue, timeOf } from "./values.ts";

export const CELLS_READ = "cells read";
export const CELLS_WRITTEN = "cells written";

/** Range: a rectangle of one sheet. */
export function bindRange(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  sheet: SheetModel,
  area: GridArea,
): ServiceObject {
  const { bind, realm, world } = env;
  const model = world.spreadsheet;
  const { row, column, numRows, numColumns } = area;
  // Cells moved by the bulk reads and writes, beside the call counts ("cells read", "cells written").
  const read = <T>(pick: (cell: Readonly<Cell>) => T) => {
    world.counter.add(CELLS_READ, numRows * numColumns);
    return sheet.read(row, column, numRows, numColumns, pick);
  };
  const eachCell = (visit: (row: number, column: number, r: number, c: number) => void) => {
    for (let r = 0; r < numRows; r++) for (let c = 0; c < numColumns; c++) visit(row + r, column + c, r, c);
  };
  const checkGrid = (method: string, values: unknown): unknown[][] => {
    if (!Array.isArray(values) || !values.every((line) => Array.isArray(line))) {
      throw signatureMismatch(`Range.${method}`, [values]);
    }
    if (values.length !== numRows) {
      throw new PlatformError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
      );
    }
    for (const line of values as unknown[][]) {
      if (line.length !== numColumns) {
        throw new PlatformError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${numColumns}.`,
        );
      }
    }
    return values as unknown[][];
  };
  const writeFormulaAt = (method: string, r: number, c: number, text: unknown, notation: "A1" | "R1C1") =>
    writeFormula(sheet, `Range.${method}`, r, c, text, notation);
  const readR1C1 = () => {
    world.counter.add(CELLS_READ, numRows * numColumns);
    const grid: string[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < numColumns; c++) {
        const formula = sheet.cell(row + r, column + c).formula;
        line.push(formula === "" ? "" : a1ToR1C1(formula, row + r, column + c));
      }
      grid.push(line);
    }
    return grid;
  };
  const styleSetter = (key: keyof CellStyle) => (value: unknown) => {
    eachCell((r, c) => sheet.write(r, c, { style: { ...sheet.cell(r, c).style, [key]: value } }));
    return self;
  };
  const topLeft = () => sheet.cell(row, column);
  const display = (cell: Readonly<Cell>) => displayValue(cell.value, cell.format, model.timeZone);
  const formatOf = (cell: Readonly<Cell>) => cell.format || DEFAULT_NUMBER_FORMAT;
  const valueOut = (cell: Readonly<Cell>) =>
    isDateValue(cell.value) ? new Date(timeOf(cell.value)) : cell.value;

  const self = bind.object(
    "Range",
    {
      getValues: () => realm.copyIn(read(valueOut)),
      getValue: () => realm.copyIn(valueOut(topLeft())),
      getDisplayValues: () => realm.copyIn(read(display)),
      getDisplayValue: () => display(topLeft()),
      getFormulas: () => realm.copyIn(read((cell) => cell.formula)),
      getFormula: () => topLeft().formula,
      getFormulasR1C1: () => realm.copyIn(readR1C1()),
      getFormulaR1C1: () => {
        const formula = topLeft().formula;
        return formula === "" ? "" : a1ToR1C1(formula, row, column);
      },
      getNumberFormats: () => realm.copyIn(read(formatOf)),
      getNumberFormat: () => formatOf(topLeft()),
      getNote: () => topLeft().style?.note ?? "",
      getFontWeight: () => topLeft().style?.fontWeight ?? "normal",
      getBackground: () => topLeft().style?.background ?? "#ffffff",
      getNumRows: () => numRows,
      getNumColumns: () => numColumns,
      getHeight: () => numRows,
      getWidth: () => numColumns,
      getRow: () => row,
      getRowIndex: () => row,
      getColumn: () => column,
      getLastRow: () => row + numRows - 1,
      getLastColumn: () => column + numColumns - 1,
      getA1Notation: () => toA1(area),
      getSheet: () => objects.sheet(sheet),
      getCell: (r: unknown, c: unknown) => {
        const args = [r, c];
        const cellRow = integerArgument(r, "Range.getCell", args);
        const cellColumn = integerArgument(c, "Range.getCell", args);
        if (cellRow < 1 || cellColumn < 1 || cellRow > numRows || cellColumn > numColumns) {
          throw new PlatformError(COORDINATES_OUTSIDE);
        }
        return objects.range(sheet, {
          row: row + cellRow - 1,
          column: column + cellColumn - 1,
          numRows: 1,
          numColumns: 1,
        });
      },
      offset: (...args: unknown[]) => {
        const next: GridArea = {
          row: row + integerArgument(args[0], "Range.offset", args),
          column: column + integerArgument(args[1], "Range.offset", args),
          numRows: args.length > 2 ? integerArgument(args[2], "Range.offset", args) : numRows,
          numColumns: args.length > 3 ? integerArgument(args[3], "Range.offset", args) : numColumns,
        };
        checkArea(sheet, next);
        return objects.range(sheet, next);
      },
      setValues: (values: unknown) => {
        const grid = checkGrid("setValues", values);
        world.counter.add(CELLS_WRITTEN, numRows * numColumns);
        world.counter.valueWrites.push({ sheet: sheet.name, row, column, numRows, numColumns });
        eachCell((r, c, i, j) =>
          writeInput(sheet, r, c, grid[i]?.[j], model.timeZone, model.plainTextApostrophe),
        );
        return self;
      },
      setValue: (value: unknown) => {
        eachCell((r, c) => writeInput(sheet, r, c, value, model.timeZone, model.plainTextApostrophe));
        return self;
      },
      setFormulas: (formulas: unknown) => {
        const grid = checkGrid("setFormulas", formulas);
        eachCell((r, c, i, j) => writeFormulaAt("setFormulas", r, c, grid[i]?.[j], "A1"));
        return self;
      },
      setFormula: (formula: unknown) => {
        eachCell((r, c) => writeFormulaAt("setFormula", r, c, formula, "A1"));
        return self;
      },
      setFormulasR1C1: (formulas: unknown) => {
        const grid = checkGrid("setFormulasR1C1", formulas);
        eachCell((r, c, i, j) => writeFormulaAt("setFormulasR1C1", r, c, grid[i]?.[j], "R1C1"));
        return self;
      },
      setFormulaR1C1: (formula: unknown) => {
        eachCell((r, c) => writeFormulaAt("setFormulaR1C1", r, c, formula, "R1C1"));
        return self;
      },
      sort: (spec: unknown) => {
        sheet.sortRows(row, numRows, sortComparator(sheet, area, spec), column, numColumns);
        return self;
      },
      setNumberFormat: (format: unknown) => {
        eachCell((r, c) => sheet.write(r, c, { format: String(format) }));
        return self;
      },
      setNumberFormats: (formats: unknown) => {
        const grid = checkGrid("setNumberFormats", formats);
        eachCell((r, c, i, j) => sheet.write(r, c, { format: String(grid[i]?.[j]) }));
        return self;
      },
      clearContent: () => {
        eachCell((r, c) => sheet.write(r, c, { value: "", formula: "" }));
        return self;
      },
      clearFormat: () => {
        eachCell((r, c) => sheet.write(r, c, { format: "", style: undefined }));
        return self;
      },
      clear: () => {
        eachCell((r, c) => sheet.write(r, c, { value: "", formula: "", format: "", style: undefined }));
        return self;
      },
      setFontWeight: styleSetter("fontWeight"),
      setFontColor: styleSetter("fontColor"),
      setBackground: styleSetter("background"),
      setHorizontalAlignment: styleSetter("horizontalAlignment"),
      setWrap: styleSetter("wrap"),
      setNote: styleSetter("note"),
      activate: () => {
        model.activeSheet = sheet;
        return self;
      },
      ...textFinderMethod(env, objects, { sheet, area }),
    },
    { capability: documentCapability, state: { sheet, area }, guard: protectionGuard(sheet) },
  );
  return self;
}
