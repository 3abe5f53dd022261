import { type GridArea, parseA1, splitSheetName } from "./a1.ts";
import { chartMethods } from "./charts.ts";
import { developerMetadataMethods } from "./developer-metadata.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { CELLS_WRITTEN } from "./range.ts";
import { bindRangeList } from "./range-list.ts";
import type { ServiceObject } from "./service-binder.ts";
import {
  checkArea,
  documentCapability,
  integerArgument,
  protectionGuard,
  type SpreadsheetObjects,
  signatureMismatch,
  writeInput,
} from "./spreadsheet-common.ts";
import type { SheetModel } from "./spreadsheet-model.ts";
import { textFinderMethod } from "./text-finder.ts";

/** getRange(a1) or getRange(row, column[, numRows[, numColumns]]) on a sheet. */
export function rangeOnSheet(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  sheet: SheetModel,
  args: unknown[],
): ServiceObject {
  const model = env.world.spreadsheet;
  if (typeof args[0] === "string") {
    const { sheetName, range } = splitSheetName(args[0]);
    const target = sheetName === undefined ? sheet : model.sheetByName(sheetName);
    const area = target ? parseA1(range, target.maxRows, target.maxColumns) : undefined;
    if (!target || !area) throw new PlatformError("Range not found");
    checkArea(target, area);
    return objects.range(target, area);
  }
  const area: GridArea = {
    row: integerArgument(args[0], "Sheet.getRange", args),
    column: integerArgument(args[1], "Sheet.getRange", args),
    numRows: args.length > 2 ? integerArgument(args[2], "Sheet.getRange", args) : 1,
    numColumns: args.length > 3 ? integerArgument(args[3], "Sheet.getRange", args) : 1,
  };
  checkArea(sheet, area);
  return objects.range(sheet, area);
}

/** Sheet: one tab of the spreadsheet. */
export function bindSheet(env: ServiceEnv, objects: SpreadsheetObjects, sheet: SheetModel): ServiceObject {
  const { bind, world } = env;
  const model = world.spreadsheet;
  const growRows = (after: number, howMany: unknown, method: string) => {
    const count = integerArgument(howMany, method, [after, howMany]);
    if (after < 0 || after > sheet.maxRows || count < 1)
      throw new PlatformError("Those rows are out of bounds.");
    model.checkGrowth(count * sheet.maxColumns);
    sheet.insertRows(after + 1, count);
  };
  const growColumns = (after: number, howMany: unknown, method: string) => {
    const count = integerArgument(howMany, method, [after, howMany]);
    if (after < 0 || after > sheet.maxColumns || count < 1) {
      throw new PlatformError("Those columns are out of bounds.");
    }
    model.checkGrowth(count * sheet.maxRows);
    sheet.insertColumns(after + 1, count);
  };
  const self = bind.object(
    "Sheet",
    {
      getName: () => sheet.name,
      setName: (name: unknown) => {
        const newName = String(name);
        const clash = model.sheetByName(newName);
        if (clash && clash !== sheet) {
          throw new PlatformError(
            `A sheet with the name "${newName}" already exists. Please enter another name.`,
          );
        }
        sheet.name = newName;
        return self;
      },
      getSheetId: () => sheet.sheetId,
      getIndex: () => model.sheets.indexOf(sheet) + 1,
      getParent: () => objects.spreadsheet(),
      getRange: (...args: unknown[]) => rangeOnSheet(env, objects, sheet, args),
      getRangeList: (a1Notations: unknown) => bindRangeList(env, objects, sheet, a1Notations),
      getDataRange: () =>
        objects.range(sheet, {
          row: 1,
          column: 1,
          numRows: Math.max(1, sheet.lastRow()),
          numColumns: Math.max(1, sheet.lastColumn()),
        }),
      getLastRow: () => sheet.lastRow(),
      getLastColumn: () => sheet.lastColumn(),
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      getFrozenRows: () => sheet.frozenRows,
      getFrozenColumns: () => sheet.frozenColumns,
      isSheetHidden: () => sheet.hidden,
      insertRowsAfter: (afterPosition: unknown, howMany: unknown) => {
        growRows(
          integerArgument(afterPosition, "Sheet.insertRowsAfter", [afterPosition, howMany]),
          howMany,
          "Sheet.insertRowsAfter",
        );
        return self;
      },
      insertRowsBefore: (beforePosition: unknown, howMany: unknown) => {
        growRows(
          integerArgument(beforePosition, "Sheet.insertRowsBefore", [beforePosition, howMany]) - 1,
          howMany,
          "Sheet.insertRowsBefore",
        );
        return self;
      },
      insertColumnsAfter: (afterPosition: unknown, howMany: unknown) => {
        growColumns(
          integerArgument(afterPosition, "Sheet.insertColumnsAfter", [afterPosition, howMany]),
          howMany,
          "Sheet.insertColumnsAfter",
        );
        return self;
      },
      insertColumnsBefore: (beforePosition: unknown, howMany: unknown) => {
        growColumns(
          integerArgument(beforePosition, "Sheet.insertColumnsBefore", [beforePosition, howMany]) - 1,
          howMany,
          "Sheet.insertColumnsBefore",
        );
        return self;
      },
      deleteRows: (rowPosition: unknown, howMany: unknown) => {
        const start = integerArgument(rowPosition, "Sheet.deleteRows", [rowPosition, howMany]);
        const count = integerArgument(howMany, "Sheet.deleteRows", [rowPosition, howMany]);
        if (start < 1 || count < 1 || start + count - 1 > sheet.maxRows)
          throw new PlatformError("Those rows are out of bounds.");
        if (count >= sheet.maxRows)
          throw new PlatformError("Sorry, it is not possible to delete all non-frozen rows.");
        sheet.deleteRows(start, count);
      },
      deleteColumns: (columnPosition: unknown, howMany: unknown) => {
        const start = integerArgument(columnPosition, "Sheet.deleteColumns", [columnPosition, howMany]);
        const count = integerArgument(howMany, "Sheet.deleteColumns", [columnPosition, howMany]);
        if (start < 1 || count < 1 || start + count - 1 > sheet.maxColumns) {
          throw new PlatformError("Those columns are out of bounds.");
        }
        if (count >= sheet.maxColumns)
          throw new PlatformError("Sorry, it is not possible to delete all non-frozen columns.");
        sheet.deleteColumns(start, count);
      },
      appendRow: (rowContents: unknown) => {
        if (!Array.isArray(rowContents)) throw signatureMismatch("Sheet.appendRow", [rowContents]);
        const target = sheet.lastRow() + 1;
        // appendRow grows the sheet as needed.
        if (target > sheet.maxRows) growRows(sheet.maxRows, target - sheet.maxRows, "Sheet.appendRow");
        if (rowContents.length > sheet.maxColumns) {
          growColumns(sheet.maxColumns, rowContents.length - sheet.maxColumns, "Sheet.appendRow");
        }
        rowContents.forEach((value, index) => {
          writeInput(sheet, target, index + 1, value, model.timeZone, model.plainTextApostrophe);
        });
        // Counted like setValues' cells, so row-at-a-time writers can be compared with block writers.
        world.counter.add(CELLS_WRITTEN, rowContents.length);
        return self;
      },
      clear: () => {
        sheet.clear({ contents: true, formats: true });
        return self;
      },
      clearContents: () => {
        sheet.clear({ contents: true, formats: false });
        return self;
      },
      clearFormats: () => {
        sheet.clear({ contents: false, formats: true });
        return self;
      },
      setFrozenRows: (rows: unknown) => {
        sheet.frozenRows = integerArgument(rows, "Sheet.setFrozenRows", [rows]);
      },
      setFrozenColumns: (columns: unknown) => {
        sheet.frozenColumns = integerArgument(columns, "Sheet.setFrozenColumns", [columns]);
      },
      hideSheet: () => {
        sheet.hidden = true;
        return self;
      },
      showSheet: () => {
        sheet.hidden = false;
        return self;
      },
      activate: () => {
        model.activeSheet = sheet;
        return self;
      },
      autoResizeColumns: () => self,
      setColumnWidth: () => self,
      ...developerMetadataMethods(env, objects, sheet, () => self),
      ...chartMethods(env, objects, sheet),
      ...textFinderMethod(env, objects, { sheet }),
    },
    { capability: documentCapability, state: sheet, guard: protectionGuard(sheet) },
  );
  return self;
}
