// The window argument of OPENQR_SCANS and OPENQR_ROLLUP (days, or a start and end date), the
// range's days and the plan's window: exact messages.
import { describe, expect, it } from "vitest";
import {
  checkPlanWindow,
  fetchDaysOf,
  openqrToday,
  parseWindow,
  rangeDays,
} from "../../src/functions/date-range.ts";
import { rollupTable, scansTable } from "../../src/functions/tables.ts";
import { scansBody } from "./fixtures.ts";

const TODAY = "2026-11-25";
/** Stands in for the spreadsheet's zone: a date's UTC day. */
const context = { today: TODAY, dayOfDate: (date: Date) => date.toISOString().slice(0, 10) };
const window = (daysOrStart: unknown, end?: unknown) => parseWindow(daysOrStart, end, context);
const utcDates = (days: readonly string[]) => days.map((day) => new Date(`${day}T00:00:00Z`));
const NOT_DAYS = (shown: string) =>
  `days_or_start must be a whole number of days from 1 to 365, or a start date (a date cell or YYYY-MM-DD text); ${shown} is neither. Leave it blank for 30 days.`;
const OLDER = "For older days see the OpenQR Monthly and OpenQR Daily sheets.";

describe("openqrToday", () => {
  it("is the UTC day of the instant, today included", () => {
    expect(openqrToday(Date.parse("2026-11-25T23:59:59Z"))).toBe("2026-11-25");
    expect(openqrToday(Date.parse("2026-11-26T00:00:00Z"))).toBe("2026-11-26");
  });
});

describe("parseWindow with days", () => {
  it("keeps a number of days as before, blank for 30", () => {
    expect(window(7)).toEqual({ kind: "days", days: 7 });
    expect(window(" 12 ")).toEqual({ kind: "days", days: 12 });
    expect(window("")).toEqual({ kind: "days", days: 30 });
    expect(window(undefined)).toEqual({ kind: "days", days: 30 });
    expect(fetchDaysOf(window(7))).toBe(7);
    expect(rangeDays(window(7))).toBeNull();
  });

  it.each([
    [0, "0"],
    [366, "366"],
    [2.5, "2.5"],
    ["abc", '"abc"'],
    ["2026-02-30", '"2026-02-30"'],
    ["2026-11-1", '"2026-11-1"'],
    [true, "true"],
    [[[7]], "a range"],
  ])("refuses %j naming days_or_start and both forms", (input, shown) => {
    expect(() => window(input)).toThrow(NOT_DAYS(shown));
  });

  it("refuses an end beside a number of days", () => {
    expect(() => window(30, "2026-11-20")).toThrow(
      "end goes with a start date; days_or_start is a number of days (30), so leave end blank.",
    );
  });
});

describe("parseWindow with a start date", () => {
  it("takes YYYY-MM-DD text and date cells, the days from start to today fetched", () => {
    expect(window("2026-10-28", "2026-11-03")).toEqual({
      kind: "range",
      start: "2026-10-28",
      end: "2026-11-03",
      today: TODAY,
      fetchDays: 29,
    });
    expect(window(new Date("2026-10-28T00:00:00Z"), new Date("2026-11-03T00:00:00Z"))).toEqual(
      window(" 2026-10-28 ", "2026-11-03"),
    );
  });

  it("ends today when end is blank, and takes a one-day range", () => {
    expect(window("2026-11-20")).toMatchObject({ start: "2026-11-20", end: TODAY, fetchDays: 6 });
    expect(window(TODAY, TODAY)).toMatchObject({ start: TODAY, end: TODAY, fetchDays: 1 });
  });

  it("lists the range's days inclusive, across a month boundary", () => {
    expect(rangeDays(window("2026-10-30", "2026-11-02"))).toEqual([
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
  });

  it("reads a start 364 days back, and refuses 365", () => {
    expect(window("2025-11-26")).toMatchObject({ fetchDays: 365 });
    expect(() => window("2025-11-25")).toThrow(
      `start must be on or after 2025-11-26: OpenQR gives at most the last 365 days, today included; 2025-11-25 is not. ${OLDER}`,
    );
  });

  it("refuses an end after today, a start after end, and an end that is not a date", () => {
    expect(() => window("2026-11-20", "2026-11-26")).toThrow(
      "end must be a date on or before today, 2026-11-25 (OpenQR's days are UTC days); 2026-11-26 is not.",
    );
    expect(() => window("2026-11-22", "2026-11-21")).toThrow(
      "start must be a date on or before end (2026-11-21); 2026-11-22 is not.",
    );
    expect(() => window("2026-11-22", 7)).toThrow(
      "end must be a date (a date cell or YYYY-MM-DD text); 7 is not. Leave it blank for today.",
    );
    expect(() => window("2026-11-22", "30/11/2026")).toThrow(
      'end must be a date (a date cell or YYYY-MM-DD text); "30/11/2026" is not. Leave it blank for today.',
    );
  });
});

describe("checkPlanWindow", () => {
  const week = ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", TODAY];
  const clamped = scansBody(
    "a",
    "spring",
    week.map((day) => [day, 1]),
  );

  it("refuses a range before the plan's window, naming it", () => {
    expect(() => checkPlanWindow(window("2026-11-05", "2026-11-20"), [clamped])).toThrow(
      `start must be on or after 2026-11-19: your OpenQR plan gives the last 7 days, today included; 2026-11-05 is not. ${OLDER}`,
    );
  });

  it("accepts a range inside it, and any number of days", () => {
    expect(() => checkPlanWindow(window("2026-11-19", "2026-11-20"), [clamped])).not.toThrow();
    expect(() => checkPlanWindow(window(30), [clamped])).not.toThrow();
  });
});

describe("tables cut to a range", () => {
  const a = scansBody("a", "spring", [
    ["2026-10-30", 1],
    ["2026-10-31", 2],
    ["2026-11-01", 3],
    ["2026-11-02", 4],
  ]);
  const b = scansBody("b", "autumn", [
    ["2026-10-31", 10],
    ["2026-11-01", 20],
    ["2026-11-02", 30],
  ]);
  const range = ["2026-10-31", "2026-11-01"];

  it("keeps only the range's days", () => {
    expect(scansTable([a, b], utcDates, range)).toEqual([
      ["Day", "spring", "autumn"],
      [new Date("2026-10-31T00:00:00Z"), 2, 10],
      [new Date("2026-11-01T00:00:00Z"), 3, 20],
    ]);
    expect(rollupTable([a, b], utcDates, range)).toEqual([
      ["Day", "Scans"],
      [new Date("2026-10-31T00:00:00Z"), 12],
      [new Date("2026-11-01T00:00:00Z"), 23],
    ]);
  });

  it("leaves a day a response lacks blank (unknown), not 0", () => {
    const days = ["2026-10-30", "2026-10-31"];
    expect(scansTable([a, b], utcDates, days).slice(1)).toEqual([
      [new Date("2026-10-30T00:00:00Z"), 1, ""],
      [new Date("2026-10-31T00:00:00Z"), 2, 10],
    ]);
    expect(rollupTable([a, b], utcDates, days).slice(1)).toEqual([
      [new Date("2026-10-30T00:00:00Z"), ""],
      [new Date("2026-10-31T00:00:00Z"), 12],
    ]);
  });
});
