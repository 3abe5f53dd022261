// Reading only the end of OpenQR Daily: which rows a run needs, what to read next, when the
// rows read can be trusted alone, and where the merged rows go back.
import { describe, expect, it } from "vitest";
import { dayReader, mergeDaily, readDailyRow } from "../../src/report/daily-archive.ts";
import {
  fingerprintOf,
  firstDayNeeded,
  hashRows,
  inArchiveOrder,
  judgeTail,
  MAX_READ_CELLS,
  nextReadRows,
  planDailyWrite,
  type TailNeed,
  tailNeed,
} from "../../src/report/daily-tail.ts";
import type { WritableRow } from "../../src/report/sheet-cells.ts";

const DAY_MS = 86_400_000;
const date = (day: string) => new Date(`${day}T08:00:00Z`); // midnight in Los Angeles (PST)
const dayOf = dayReader({});
const header: WritableRow = ["'Day", "'Code ID", "'Slug", "'Scans"];
const row = (day: string, id: string, slug: string, n: number | string = 1): WritableRow => [
  date(day),
  `'${id}`,
  `'${slug}`,
  n,
];
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * DAY_MS).toISOString().slice(0, 10);
const parse = (rows: readonly WritableRow[]) => rows.map((cells) => readDailyRow(cells, dayOf));

/** An archive in the add-on's order: `days` days from `first`, codes a1 (alpha) and b2 (beta) each day. */
function archive(first: string, days: number): WritableRow[] {
  const rows: WritableRow[] = [header];
  for (let d = 0; d < days; d++) {
    const day = plusDays(first, d);
    rows.push(row(day, "a1", "alpha", d), row(day, "b2", "beta", 2 * d));
  }
  return rows;
}

describe("the days a run needs", () => {
  it("its window, or the trend's 28-day baseline before yesterday when that starts earlier", () => {
    // A 7-day window ending today (2026-11-25): the baseline (2026-10-27 … 2026-11-23) starts earlier.
    const week = Array.from({ length: 7 }, (_, i) => plusDays("2026-11-19", i));
    expect(firstDayNeeded(week, "2026-11-24")).toBe("2026-10-27");
    // A 365-day window starts before the baseline.
    const year = Array.from({ length: 365 }, (_, i) => plusDays("2025-11-26", i));
    expect(firstDayNeeded(year, "2026-11-24")).toBe("2025-11-26");
  });

  it("reads from a day earlier, for zones far from UTC, and assumes a row a day per code", () => {
    expect(tailNeed("2026-10-27", "2026-11-25", 12)).toEqual({
      fromDay: "2026-10-26",
      lastDay: "2026-11-25",
      rowsPerDay: 12,
    });
    expect(tailNeed("2026-10-27", "2026-11-25", 0).rowsPerDay).toBe(1);
  });
});

describe("the add-on's order", () => {
  it("is rows it cannot read first, then day, slug and code id strictly increasing; blank rows aside", () => {
    const rows = archive("2026-11-01", 3).slice(1);
    expect(inArchiveOrder(parse(rows))).toBe(true);
    expect(
      inArchiveOrder(parse([["'typed"], ...rows, ["", "", "", ""], ...archive("2026-11-04", 1).slice(1)])),
    ).toBe(true);
    // Sorted by Scans, a row moved, a (day, code) twice, a row it cannot read after the entries.
    expect(inArchiveOrder(parse([rows[1]!, rows[0]!, ...rows.slice(2)]))).toBe(false);
    expect(inArchiveOrder(parse([...rows, rows[5]!]))).toBe(false);
    expect(inArchiveOrder(parse([...rows, ["'typed"]]))).toBe(false);
  });
});

describe("the fingerprint's hash", () => {
  const rows = parse(archive("2026-11-01", 20).slice(1));

  it("changes when a row's day, code id or slug changes, a row moves, or rows are added or removed", () => {
    const hash = hashRows(rows, 10);
    const cells = archive("2026-11-01", 20).slice(1);
    const edited = (index: number, column: number, value: WritableRow[number]) =>
      hashRows(
        parse(cells.map((r, i) => (i === index ? r.map((c, k) => (k === column ? value : c)) : r))),
        10,
      );
    expect(edited(15, 0, date("2027-01-01"))).not.toBe(hash);
    expect(edited(15, 1, "'zz")).not.toBe(hash);
    expect(edited(15, 2, "'renamed")).not.toBe(hash);
    expect(hashRows([...rows.slice(0, 12), rows[13]!, rows[12]!, ...rows.slice(14)], 10)).not.toBe(hash);
    expect(hashRows(rows.slice(0, -1), 10)).not.toBe(hash);
    expect(hashRows([...rows, rows[0]!], 10)).not.toBe(hash);
    // Only the rows from `from` on count; a typed count is not a key.
    expect(edited(3, 0, date("2027-01-01"))).toBe(hash);
    expect(edited(15, 3, 999)).toBe(hash);
  });
});

describe("judging the rows read from the bottom", () => {
  // 60 days (2026-10-02 … 2026-11-30), 2 codes: sheet rows 2…121.
  const table = archive("2026-10-02", 60);
  const lastRow = table.length;
  const readFrom = (firstRow: number, cells = table) => ({
    lastRow,
    firstRow,
    rows: parse(cells.slice(firstRow - 1)),
  });

  it("the last run's fingerprint covers the rows from its first needed day to the end", () => {
    expect(fingerprintOf(7, 1, parse(table), "2026-11-30")).toMatchObject({
      sheetId: 7,
      fromRow: 120,
      lastRow: 121,
    });
    expect(fingerprintOf(7, 1, parse(table), "2026-11-29").fromRow).toBe(118);
    // Taken over a tail: rows from its first row on.
    expect(fingerprintOf(7, 100, parse(table.slice(99)), "2026-11-29").fromRow).toBe(118);
    // Nothing on or after the day: it covers nothing, at the sheet's end.
    expect(fingerprintOf(7, 1, parse(table), "2027-06-01")).toMatchObject({ fromRow: 122, lastRow: 121 });
  });

  const fingerprint = fingerprintOf(7, 1, parse(table), "2026-11-20");
  const tailNeedNov: TailNeed = { fromDay: "2026-11-20", lastDay: "2026-11-30", rowsPerDay: 2 };

  it("reads on while the top row read is of a needed day, or above the fingerprint's first row", () => {
    expect(judgeTail(readFrom(110), tailNeedNov, fingerprint)).toBe("more");
    expect(judgeTail({ lastRow, firstRow: 122, rows: [] }, tailNeedNov, fingerprint)).toBe("more");
    expect(fingerprint.fromRow).toBe(2 + 2 * 49);
    // The top row is of 2026-11-19, before the day needed, and the fingerprint's rows are all read.
    expect(judgeTail(readFrom(99), tailNeedNov, fingerprint)).toBe("tail");
    expect(judgeTail(readFrom(90), tailNeedNov, fingerprint)).toBe("tail");
  });

  it("reads the whole sheet without the last run's fingerprint, or when the sheet's end changed", () => {
    expect(judgeTail(readFrom(90), tailNeedNov, null)).toBe("whole");
    expect(judgeTail({ ...readFrom(90), lastRow: lastRow + 1 }, tailNeedNov, fingerprint)).toBe("whole");
    const typed = table.map((cells, i) => (i === 110 ? row("2026-11-29", "a1", "ALPHA-renamed") : cells));
    expect(judgeTail(readFrom(90, typed), tailNeedNov, fingerprint)).toBe("whole");
  });

  it("reads the whole sheet when the rows read are out of order or hold one it cannot read", () => {
    const swapped = table.slice();
    [swapped[95], swapped[96]] = [swapped[96]!, swapped[95]!];
    expect(judgeTail(readFrom(90, swapped), tailNeedNov, fingerprint)).toBe("whole");
    const typed = table.map((cells, i) => (i === 105 ? ["'lots", "", "", ""] : cells));
    expect(judgeTail(readFrom(90, typed), tailNeedNov, fingerprint)).toBe("whole");
    const topTyped = table.map((cells, i) => (i === 89 ? ["'note", "", "", ""] : cells));
    expect(judgeTail(readFrom(90, topTyped), tailNeedNov, fingerprint)).toBe("whole");
  });

  it("a sheet sorted by slug whose end still looks ordered is caught by the fingerprint", () => {
    // Stable sort by slug: alpha's 60 days, then beta's. The last rows are beta's, in day order.
    const bySlug = [
      header,
      ...table.slice(1).filter((r) => r[2] === "'alpha"),
      ...table.slice(1).filter((r) => r[2] === "'beta"),
    ];
    const read = readFrom(90, bySlug);
    expect(inArchiveOrder(read.rows)).toBe(true);
    expect(judgeTail(read, tailNeedNov, fingerprint)).toBe("whole");
  });
});

describe("what to read next", () => {
  const need: TailNeed = { fromDay: "2026-10-27", lastDay: "2026-11-25", rowsPerDay: 100 };

  it("first the days needed times the codes, with a margin; then what the rows read show is missing", () => {
    const read = { lastRow: 40_001, firstRow: 40_002, rows: [] };
    // 30 days × 100 codes, a tenth of a day and a row more.
    expect(nextReadRows(read, 4, "tail", need, null)).toBe(3_011);
    // 1,000 rows read of 2026-11-21 … 2026-11-25 (200 a day): 25 days more at 200 a day.
    const cells: WritableRow[] = [];
    for (let d = 0; d < 5; d++)
      for (let c = 0; c < 200; c++) cells.push(row(plusDays("2026-11-21", d), `c${c}`, `s${c}`));
    const partial = { lastRow: 40_001, firstRow: 39_002, rows: parse(cells) };
    expect(nextReadRows(partial, 4, "tail", need, null)).toBe(Math.ceil(200 * 26 + 20) + 1);
  });

  it("at least up to the fingerprint's first row; the whole sheet in reads of at most 250,000 cells", () => {
    const read = { lastRow: 100_001, firstRow: 100_002, rows: [] };
    const fingerprint = { sheetId: 1, fromRow: 90_000, lastRow: 100_001, hash: "" };
    expect(nextReadRows(read, 4, "tail", need, fingerprint)).toBe(10_003);
    expect(nextReadRows(read, 4, "whole", need, null)).toBe(MAX_READ_CELLS / 4);
    expect(nextReadRows(read, 6, "whole", need, null)).toBe(Math.floor(MAX_READ_CELLS / 6));
  });

  it("never above row 1, and takes the header rather than stop at row 2", () => {
    expect(nextReadRows({ lastRow: 500, firstRow: 501, rows: [] }, 4, "tail", need, null)).toBe(500);
    expect(nextReadRows({ lastRow: 3_012, firstRow: 3_013, rows: [] }, 4, "tail", need, null)).toBe(3_012);
    expect(nextReadRows({ lastRow: 3_013, firstRow: 3_014, rows: [] }, 4, "tail", need, null)).toBe(3_011);
  });
});

describe("writing the merged rows back", () => {
  const day = "2026-11-25";
  const dates = { [day]: date(day), "2026-11-26": date("2026-11-26") };

  it("writes the tail's changed rows and new rows below it, at their sheet rows", () => {
    const table = archive("2026-11-01", 25); // rows 2…51; 2026-11-25 is rows 50 and 51
    const read = { table: [header, ...table.slice(39)], whole: false, firstRow: 40 };
    const merged = mergeDaily(
      read.table,
      [
        {
          codeId: "a1",
          slug: "alpha",
          daily: [
            { day, n: 100 },
            { day: "2026-11-26", n: 5 },
          ],
        },
        {
          codeId: "b2",
          slug: "beta",
          daily: [
            { day, n: 48 },
            { day: "2026-11-26", n: 6 },
          ],
        },
      ],
      dates,
    );
    const write = planDailyWrite(read, merged);
    expect(write.firstRow).toBe(40);
    expect(write.rows).toHaveLength(14);
    // Table index 49 is sheet row 50: a1's count on 2026-11-25 changed (24 → 100); b2's (48) did not.
    expect(write.blocks).toEqual([
      {
        start: 49,
        column: 0,
        rows: [
          row(day, "a1", "alpha", 100),
          row(day, "b2", "beta", 48),
          row("2026-11-26", "a1", "alpha", 5),
          row("2026-11-26", "b2", "beta", 6),
        ],
      },
    ]);
  });

  it("writes a whole sheet as before: from its header on", () => {
    const table = archive("2026-11-24", 2);
    const merged = mergeDaily(table, [{ codeId: "a1", slug: "alpha", daily: [{ day, n: 9 }] }], dates);
    const write = planDailyWrite({ table, whole: true, firstRow: 2 }, merged);
    expect(write.firstRow).toBe(1);
    expect(write.rows).toEqual(merged.table);
    expect(write.blocks).toEqual([{ start: 3, column: 3, rows: [[9]] }]);
  });
});
