// Users' formulas in a block write: values with their formula cells blank, then the formulas
// in R1C1 in whichever way takes fewer calls.
import { describe, expect, it } from "vitest";
import { columnLetters, splitFormulas } from "../../src/report/formula-writes.ts";

const DOUBLE = "=R[0]C[-1]*2";

describe("splitFormulas", () => {
  it("blanks formula cells in the values and keeps every other cell, apostrophes included", () => {
    const cells = splitFormulas({ start: 4, column: 3, rows: [[5, "'=not a formula", DOUBLE]] });
    expect(cells.values).toEqual([[5, "'=not a formula", ""]]);
    // Row 5, column F: block.start and block.column are 0-based.
    expect(cells.runs).toEqual([{ row: 5, column: 6, formulas: [DOUBLE] }]);
    expect(cells.repeated).toEqual([]);
  });

  it("writes a filled-down formula broken by rows that sorted in as one formula over all its ranges", () => {
    const rows = [
      [1, DOUBLE],
      [2, ""],
      [3, DOUBLE],
      [4, DOUBLE],
      [5, 7],
      [6, DOUBLE],
    ];
    const cells = splitFormulas({ start: 1, column: 3, rows });
    expect(cells.values.map((row) => row[1])).toEqual(["", "", "", "", 7, ""]);
    expect(cells.runs).toEqual([]);
    expect(cells.repeated).toEqual([{ formula: DOUBLE, a1Notations: ["E2", "E4:E5", "E7"] }]);
  });

  it("writes different formulas in adjacent rows as runs, one per column", () => {
    const rows = [
      ["=R2C4", "=R[0]C[-1]+1"],
      ["=R3C4", "=R[0]C[-1]+2"],
      ["", "=R[0]C[-1]+3"],
    ];
    const cells = splitFormulas({ start: 1, column: 25, rows });
    expect(cells.repeated).toEqual([]);
    expect(cells.runs).toEqual([
      { row: 2, column: 26, formulas: ["=R2C4", "=R3C4"] },
      { row: 2, column: 27, formulas: ["=R[0]C[-1]+1", "=R[0]C[-1]+2", "=R[0]C[-1]+3"] },
    ]);
  });

  it("has nothing to write apart for a block without formulas", () => {
    expect(splitFormulas({ start: 0, column: 0, rows: [["'Day", 5]] })).toEqual({
      values: [["'Day", 5]],
      runs: [],
      repeated: [],
    });
  });

  it("names columns past Z as Sheets does", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});
