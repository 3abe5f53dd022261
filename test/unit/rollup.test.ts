// OPENQR_ROLLUP's table: the codes' daily scans merged by day and summed.
import { describe, expect, it } from "vitest";
import { rollupTable } from "../../src/functions/tables.ts";
import { scansBody } from "./fixtures.ts";

/** Stands in for the spreadsheet's zone: a day becomes UTC midnight. */
const utcDates = (days: readonly string[]) => days.map((day) => new Date(`${day}T00:00:00Z`));
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

describe("rollupTable", () => {
  it("gives Day and Scans for one code, as the API counted them, oldest first", () => {
    const table = rollupTable(
      [
        scansBody("a", "spring", [
          ["2026-11-23", 3],
          ["2026-11-24", 0],
          ["2026-11-25", 5],
        ]),
      ],
      utcDates,
    );
    expect(table).toEqual([
      ["Day", "Scans"],
      [utc("2026-11-23"), 3],
      [utc("2026-11-24"), 0],
      [utc("2026-11-25"), 5],
    ]);
  });

  it("sums two codes on the days they share and counts 0 for a day one of them lacks", () => {
    const table = rollupTable(
      [
        scansBody("a", "spring", [
          ["2026-11-22", 2],
          ["2026-11-23", 3],
          ["2026-11-24", 4],
        ]),
        // Out of order, starts later, and has a day the other lacks.
        scansBody("b", "menu", [
          ["2026-11-25", 1],
          ["2026-11-23", 10],
          ["2026-11-24", 0],
        ]),
      ],
      utcDates,
    );
    expect(table).toEqual([
      ["Day", "Scans"],
      [utc("2026-11-22"), 2],
      [utc("2026-11-23"), 13],
      [utc("2026-11-24"), 4],
      [utc("2026-11-25"), 1],
    ]);
  });

  it("asks dayToDate once, for the union of the days in order", () => {
    const asked: string[][] = [];
    rollupTable(
      [scansBody("a", "spring", [["2026-11-24", 1]]), scansBody("b", "menu", [["2026-11-20", 1]])],
      (days) => {
        asked.push([...days]);
        return utcDates(days);
      },
    );
    expect(asked).toEqual([["2026-11-20", "2026-11-24"]]);
  });

  it("gives only the header when the window has no days", () => {
    expect(rollupTable([scansBody("a", "spring", [])], utcDates)).toEqual([["Day", "Scans"]]);
  });
});
