/** RangeList (Sheet.getRangeList): ranges of one sheet given as A1 notations, written together. */
import { type GridArea, parseA1 } from "./a1.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import type { ServiceObject } from "./service-binder.ts";
import {
  checkArea,
  documentCapability,
  protectionGuard,
  type SpreadsheetObjects,
  signatureMismatch,
  writeFormula,
} from "./spreadsheet-common.ts";
import type { SheetModel } from "./spreadsheet-model.ts";

export function bindRangeList(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  sheet: SheetModel,
  a1Notations: unknown,
): ServiceObject {
  const { bind, realm } = env;
  if (
    !Array.isArray(a1Notations) ||
    a1Notations.length === 0 ||
    !a1Notations.every((item) => typeof item === "string")
  ) {
    throw signatureMismatch("Sheet.getRangeList", [a1Notations]);
  }
  const areas: GridArea[] = (a1Notations as string[]).map((notation) => {
    const area = parseA1(notation, sheet.maxRows, sheet.maxColumns);
    if (!area) throw new PlatformError("Range not found");
    checkArea(sheet, area);
    return area;
  });
  const eachCell = (visit: (row: number, column: number) => void) => {
    for (const area of areas) {
      for (let r = 0; r < area.numRows; r++) {
        for (let c = 0; c < area.numColumns; c++) visit(area.row + r, area.column + c);
      }
    }
  };
  const self = bind.object(
    "RangeList",
    {
      getRanges: () => realm.arrayOf(areas.map((area) => objects.range(sheet, area))),
      setFormula: (formula: unknown) => {
        eachCell((row, column) => writeFormula(sheet, "RangeList.setFormula", row, column, formula, "A1"));
        return self;
      },
      clearContent: () => {
        eachCell((row, column) => sheet.write(row, column, { value: "", formula: "" }));
        return self;
      },
      setFormulaR1C1: (formula: unknown) => {
        eachCell((row, column) =>
          writeFormula(sheet, "RangeList.setFormulaR1C1", row, column, formula, "R1C1"),
        );
        return self;
      },
    },
    { capability: documentCapability, guard: protectionGuard(sheet) },
  );
  return self;
}
