/**
 * How a block write carries users' formulas. setValues would store a formula's text as
 * written, so the block goes out with its formula cells blank and the formulas follow in
 * R1C1, relative to the cell each lands in. setFormula(s)R1C1 are given formulas only: what
 * they do with "" or plain text is not documented (docs/formulas-when-rows-move.md).
 *
 * Two ways to write them, whichever takes fewer calls: each run of adjacent formula cells
 * in a column with one setFormulasR1C1, or each distinct formula once over all the cells
 * that hold it with RangeList.setFormulaR1C1. A filled-down column is one formula in R1C1
 * however many rows sorted in between, so it costs one call either way.
 */
import type { BlockWrite } from "./block-write.ts";
import { isFormula, type WritableRow } from "./sheet-cells.ts";

/** Adjacent formula cells of one column, 1-based sheet coordinates, top to bottom. */
export interface FormulaRun {
  row: number;
  column: number;
  formulas: string[];
}

/** One formula over every cell holding it, as A1 notations of the sheet. */
export interface RepeatedFormula {
  formula: string;
  a1Notations: string[];
}

export interface BlockCells {
  /** The block for setValues, its formula cells blank. */
  values: WritableRow[];
  /** One setFormulasR1C1 each (empty when `repeated` is used). */
  runs: FormulaRun[];
  /** One RangeList.setFormulaR1C1 each (empty when `runs` is used). */
  repeated: RepeatedFormula[];
}

export function columnLetters(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** The block's values and its formulas apart. */
export function splitFormulas(block: BlockWrite): BlockCells {
  const values = block.rows.map((row) => row.map((cell) => (isFormula(cell) ? "" : cell)));
  const runs: FormulaRun[] = [];
  // Stretches of adjacent cells holding one same formula.
  const stretches: Array<{ formula: string; column: number; from: number; to: number }> = [];
  const width = block.rows[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const column = block.column + c + 1;
    let above: string | null = null;
    for (let r = 0; r < block.rows.length; r++) {
      const cell = block.rows[r]![c];
      const row = block.start + r + 1;
      if (!isFormula(cell)) {
        above = null;
        continue;
      }
      if (above === null) runs.push({ row, column, formulas: [cell] });
      else runs[runs.length - 1]!.formulas.push(cell);
      if (above === cell) stretches[stretches.length - 1]!.to = row;
      else stretches.push({ formula: cell, column, from: row, to: row });
      above = cell;
    }
  }
  const byFormula: Record<string, string[]> = {};
  for (const { formula, column, from, to } of stretches) {
    const letters = columnLetters(column);
    const a1 = from === to ? `${letters}${from}` : `${letters}${from}:${letters}${to}`;
    const list = byFormula[formula] ?? [];
    list.push(a1);
    byFormula[formula] = list;
  }
  const formulas = Object.keys(byFormula);
  if (formulas.length < runs.length) {
    return {
      values,
      runs: [],
      repeated: formulas.map((formula) => ({ formula, a1Notations: byFormula[formula]! })),
    };
  }
  return { values, runs, repeated: [] };
}
