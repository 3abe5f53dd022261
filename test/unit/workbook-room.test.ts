// Room in the spreadsheet: how the sheets grow, how many cells a run adds, and the note from 80% on.
import { describe, expect, it } from "vitest";
import { cellsAdded, grownSize, judgeRoom } from "../../src/report/workbook-room.ts";

describe("growth", () => {
  it("rows grow in steps of 500, columns exactly", () => {
    expect(grownSize({ maxRows: 1000, maxColumns: 6 }, 900, 4)).toEqual({ maxRows: 1000, maxColumns: 6 });
    expect(grownSize({ maxRows: 1000, maxColumns: 6 }, 1001, 4)).toEqual({ maxRows: 1500, maxColumns: 6 });
    expect(grownSize({ maxRows: 1000, maxColumns: 6 }, 2600, 8)).toEqual({
      maxRows: 2500 + 500,
      maxColumns: 8,
    });
  });

  it("counts what sheets add, a created sheet at least a new sheet's 1000 × 26", () => {
    expect(
      cellsAdded([
        { before: { maxRows: 1000, maxColumns: 6 }, after: { maxRows: 1500, maxColumns: 6 } },
        { before: { maxRows: 1000, maxColumns: 26 }, after: { maxRows: 1000, maxColumns: 26 } },
        { before: null, after: { maxRows: 1000, maxColumns: 6 } },
        { before: null, after: { maxRows: 2000, maxColumns: 26 } },
      ]),
    ).toBe(3000 + 0 + 26_000 + 52_000);
  });
});

describe("the room check", () => {
  const daily = { maxRows: 1_200_000, maxColumns: 6 };

  it("says nothing under 80%", () => {
    expect(judgeRoom({ cellsNow: 7_990_000, cellsAdded: 9_999, dailyAfter: daily, codes: 100 })).toEqual({
      fits: true,
      note: null,
    });
  });

  it("from 80% on, says how full the file and the archive are, how long it lasts, and what to do", () => {
    expect(judgeRoom({ cellsNow: 8_397_000, cellsAdded: 3_000, dailyAfter: daily, codes: 100 })).toEqual({
      fits: true,
      note:
        "This spreadsheet is 84% full: 8,400,000 of the 10,000,000 cells Google Sheets allows, 7,200,000 of them in OpenQR Daily. " +
        "At 100 codes, OpenQR Daily has room for about 2,666 more days. When it is full, refreshes stop before writing anything. " +
        "To make room, move old years of OpenQR Daily to another spreadsheet (copy the rows there, then delete them here), " +
        "or delete sheets, rows and columns you do not use.",
    });
    const one = judgeRoom({ cellsNow: 9_999_990, cellsAdded: 0, dailyAfter: daily, codes: 1 });
    expect(one.fits && one.note).toContain("99% full");
    expect(one.fits && one.note).toContain("At 1 code, OpenQR Daily has room for about 1 more day.");
    const none = judgeRoom({ cellsNow: 8_000_000, cellsAdded: 0, dailyAfter: daily, codes: 0 });
    expect(none.fits && none.note).toMatch(
      /^This spreadsheet is 80% full: .* in OpenQR Daily\. When it is full/,
    );
  });

  it("fits up to the limit itself, and not a cell more", () => {
    expect(judgeRoom({ cellsNow: 9_997_000, cellsAdded: 3_000, dailyAfter: daily, codes: 100 }).fits).toBe(
      true,
    );
    expect(judgeRoom({ cellsNow: 9_997_001, cellsAdded: 3_000, dailyAfter: daily, codes: 100 })).toEqual({
      fits: false,
    });
  });
});
