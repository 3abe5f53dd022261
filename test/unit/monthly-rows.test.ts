import { describe, expect, it } from "vitest";
import type { DailyEntry } from "../../src/report/daily-archive.ts";
import { addMonths, daysInMonth, monthOfInstant, monthsFrom } from "../../src/report/monthly-months.ts";
import { buildMonthly, MONTHLY_HEADER } from "../../src/report/monthly-rows.ts";
import { monthlyFirstDay, planMonthlyWrite, touchedMonths } from "../../src/report/monthly-touched.ts";
import type { WritableRow } from "../../src/report/sheet-cells.ts";

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const monthDate = (month: string) => new Date(utc(`${month}-01`));

function entry(day: string, codeId: string, scans: number | null, slug = codeId): DailyEntry {
  return { instant: utc(day), day, codeId, slug, scans, cells: [] };
}

/** Every day of `month` for a code, `perDay` scans each. */
function wholeMonth(month: string, codeId: string, perDay: number): DailyEntry[] {
  const days = daysInMonth(month);
  return Array.from({ length: days }, (_, i) =>
    entry(`${month}-${String(i + 1).padStart(2, "0")}`, codeId, perDay),
  );
}

const build = (
  entries: DailyEntry[],
  touched: string[],
  existing: WritableRow[] = [],
  lookback: WritableRow[] = [],
) =>
  buildMonthly(
    {
      existing,
      lookback,
      entries,
      touched,
      currentMonth: "2026-03",
      groups: new Map([["a", "Campaign"]]),
      monthDate,
    },
    Math.max(MONTHLY_HEADER.length, ...existing.map((row) => row.length)),
  );

describe("calendar months", () => {
  it("counts days in UTC months and steps across years", () => {
    expect([
      daysInMonth("2026-02"),
      daysInMonth("2024-02"),
      daysInMonth("2026-01"),
      daysInMonth("2026-04"),
    ]).toEqual([28, 29, 31, 30]);
    expect(addMonths("2026-01", -12)).toBe("2025-01");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(monthsFrom("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("reads a Month cell written in any zone from UTC−12 to UTC+14 as its month", () => {
    for (const offsetHours of [-12, -8, 0, 5.5, 13, 14])
      expect(monthOfInstant(utc("2026-03-01") - offsetHours * 3_600_000)).toBe("2026-03");
  });
});

describe("buildMonthly", () => {
  it("sums a month's days, compares complete months only, and leaves unknown blank", () => {
    const entries = [
      ...wholeMonth("2025-02", "a", 1),
      ...wholeMonth("2026-01", "a", 2),
      ...wholeMonth("2026-02", "a", 3),
      entry("2026-03-01", "a", 5),
      // b: January held in part (one day missing), February whole.
      ...wholeMonth("2026-01", "b", 1).slice(1),
      ...wholeMonth("2026-02", "b", 1),
      entry("2026-02-10", "c", null),
    ];
    const rows = build(entries, monthsFrom("2025-02", "2026-03"));
    const byKey = (month: string, id: string) =>
      rows.find((row) => (row[0] as Date).getTime() === monthDate(month).getTime() && row[1] === `'${id}`)!;
    expect(byKey("2026-02", "a")).toEqual([
      monthDate("2026-02"),
      "'a",
      "'a",
      "'Campaign",
      84,
      28,
      62,
      84 / 62 - 1,
      28,
      84 / 28 - 1,
      true,
    ]);
    expect(byKey("2026-03", "a")).toEqual([
      monthDate("2026-03"),
      "'a",
      "'a",
      "'Campaign",
      5,
      1,
      84,
      "",
      "",
      "",
      false,
    ]);
    expect(byKey("2026-01", "b")).toEqual([
      monthDate("2026-01"),
      "'b",
      "'b",
      "",
      30,
      30,
      "",
      "",
      "",
      "",
      false,
    ]);
    expect(byKey("2026-02", "b").slice(4)).toEqual([28, 28, "", "", "", "", true]);
    // A day whose count is unknown is not counted, and the month's scans are unknown.
    expect(byKey("2026-02", "c").slice(4)).toEqual(["", 0, "", "", "", "", false]);
    // By month, then slug.
    expect(rows.map((row) => `${(row[0] as Date).toISOString().slice(0, 7)} ${row[2]}`)).toEqual([
      "2025-02 'a",
      "2026-01 'a",
      "2026-01 'b",
      "2026-02 'a",
      "2026-02 'b",
      "2026-02 'c",
      "2026-03 'a",
    ]);
  });

  it("keeps untouched months' rows as they are, and the user's cells beside rebuilt rows", () => {
    const old: WritableRow = [
      monthDate("2026-01"),
      "'gone",
      "'deleted-code",
      "",
      10,
      31,
      "",
      "",
      "",
      "",
      true,
      "mine",
    ];
    const current: WritableRow = [monthDate("2026-03"), "'a", "'a", "", 1, 1, "", "", "", "", false, "note"];
    const rows = build(
      [entry("2026-03-01", "a", 4), entry("2026-03-02", "a", 1)],
      ["2026-03"],
      [old, current],
    );
    expect(rows.map((row) => row.slice(0, 12))).toEqual([
      old,
      [monthDate("2026-03"), "'a", "'a", "'Campaign", 5, 2, "", "", "", "", false, "note"],
    ]);
  });

  it("takes last year's figure from the rows read for the comparisons", () => {
    const lookback: WritableRow = [monthDate("2025-02"), "'a", "'a", "", 56, 28, "", "", "", "", true];
    const rows = build(wholeMonth("2026-02", "a", 1), ["2026-02", "2026-03"], [], [lookback]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(8, 10)).toEqual([56, 28 / 56 - 1]);
  });
});

describe("touched months", () => {
  const days = { yesterday: "2026-03-14", today: "2026-03-15" };
  it("are today's month, and from the earliest month of a row added or changed", () => {
    const before = [entry("2026-02-27", "a", 3), entry("2026-03-14", "a", 1)];
    expect(touchedMonths(before, [...before, entry("2026-03-15", "a", 0)], days, "2026-02-10")).toEqual([
      "2026-03",
    ]);
    const revised = [entry("2026-02-27", "a", 4), before[1]!];
    expect(touchedMonths(before, revised, days, "2026-02-01")).toEqual(["2026-02", "2026-03"]);
    // A month whose first days the read may not hold stays as it is.
    expect(touchedMonths(before, revised, days, "2026-02-10")).toEqual(["2026-03"]);
  });

  it("include yesterday's month on the first of a month, whose first day the archive read then reaches", () => {
    const first = { yesterday: "2026-02-28", today: "2026-03-01" };
    expect(touchedMonths([], [], first, "2026-02-01")).toEqual(["2026-02", "2026-03"]);
    expect(monthlyFirstDay("2026-02-02", "2026-02-28")).toBe("2026-02-01");
    expect(monthlyFirstDay("2026-01-29", "2026-02-28")).toBe("2026-01-29");
    // Bounded: never more than a month and a day before yesterday.
    const extended = utc("2026-03-30") - utc(monthlyFirstDay("2026-03-02", "2026-03-30"));
    expect(extended / DAY_MS).toBe(29);
  });
});

describe("planMonthlyWrite", () => {
  it("writes the header and rows on a new sheet, only changed cells at their sheet rows after", () => {
    const row: WritableRow = [monthDate("2026-03"), "'a", "'a", "", 5, 1, "", "", "", "", false];
    const fresh = planMonthlyWrite({ header: null, rows: [], firstRow: 2 }, [row], MONTHLY_HEADER.length);
    expect(fresh.blocks).toEqual([
      { start: 0, column: 0, rows: [MONTHLY_HEADER.map((name) => `'${name}`), row] },
    ]);
    const changed = row.slice();
    changed[4] = 6;
    const later = planMonthlyWrite(
      { header: MONTHLY_HEADER.map((name) => `'${name}`), rows: [row], firstRow: 40 },
      [changed],
      MONTHLY_HEADER.length,
    );
    expect(later.blocks).toEqual([{ start: 39, column: 4, rows: [[6]] }]);
    expect(later.formats.find((format) => format.column === 0)).toMatchObject({
      format: "yyyy-mm",
      fromRow: 39,
      toRow: 39,
    });
  });
});
