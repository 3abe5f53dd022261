// Date ranges in OPENQR_SCANS and OPENQR_ROLLUP, and OPENQR_ROLLUP by group, run from dist/ in
// the emulator as a non-owner editor's cells. The world's now is 2026-11-25 12:00 UTC, so
// OpenQR's today is 2026-11-25.
import { describe, expect, it } from "vitest";
import type { SheetModel } from "../../harness/emulator/index.ts";
import { parseTypedInput } from "../../harness/emulator/parse-input.ts";
import { createTestWorld, EDITOR, type TestWorld } from "./world.ts";

const OLDER = "For older days see the OpenQR Monthly and OpenQR Daily sheets.";

function fresh(timeZone = "Europe/London", now?: number): TestWorld {
  const world = createTestWorld({ timeZone, ...(now === undefined ? {} : { now }) });
  world.saveOwnerKey();
  world.api.requests.length = 0;
  return world;
}

/** A date cell as Sheets passes it: midnight of that day in the spreadsheet's zone. */
function dateCell(world: TestWorld, day: string): Date {
  return parseTypedInput(day, world.gas.spreadsheet.timeZone).value as Date;
}

/** The UTC days from `first` to `last`, both included. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const scansUrls = (world: TestWorld) => world.api.requests.map((request) => request.url);

describe("OPENQR_SCANS with a start and an end date", () => {
  it.each([
    ["America/Los_Angeles", "2026-10-30T07:00:00.000Z"],
    ["Asia/Tokyo", "2026-10-29T15:00:00.000Z"],
    ["Europe/London", "2026-10-30T00:00:00.000Z"],
  ])(
    "gives exactly the days from start to end, both included, across a month boundary (%s)",
    (zone, startsAt) => {
      const world = fresh(zone);
      const id = world.id("festival-gate");
      const start = dateCell(world, "2026-10-30");
      // Tokyo's midnight is the day before in UTC: the cell's day is read in the spreadsheet's zone.
      expect(start.toISOString()).toBe(startsAt);
      const result = world.formula("OPENQR_SCANS", id, start, dateCell(world, "2026-11-02"));
      expect(result.ok).toBe(true);
      const table = (result as { value: unknown[][] }).value;
      const days = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"];
      expect(table.map((row) => row.map((cell) => world.gas.display(cell)))).toEqual([
        ["Day", "Scans"],
        ...days.map((day) => [day, String(world.api.scansOn(id, day).n)]),
      ]);
      // Each Day cell is that day's midnight in the spreadsheet's zone, as in the days tables.
      expect(table.slice(1).map((row) => (row[0] as Date).getTime())).toEqual(
        days.map((day) => dateCell(world, day).getTime()),
      );
      // OpenQR answers trailing windows: the days from the start to today.
      expect(scansUrls(world)).toEqual([`https://openqr.uk/v1/dynamic/${id}/scans?days=27`]);
    },
  );

  it("reads a Tokyo date cell of today as today, though it is still yesterday in UTC at its midnight", () => {
    const world = fresh("Asia/Tokyo");
    const id = world.id("festival-gate");
    const table = world.cells(
      "OPENQR_SCANS",
      id,
      dateCell(world, "2026-11-24"),
      dateCell(world, "2026-11-25"),
    );
    expect(table.map((row) => row[0])).toEqual(["Day", "2026-11-24", "2026-11-25"]);
  });

  it("takes YYYY-MM-DD text, and ends today when end is blank", () => {
    const world = fresh("America/Los_Angeles");
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    const days = daysBetween("2026-11-20", "2026-11-25");
    const table = world.cells("OPENQR_SCANS", [[a], [b]], "2026-11-20", "");
    expect(table).toEqual([
      ["Day", "festival-gate", "spring-sale"],
      ...days.map((day) => [day, String(world.api.scansOn(a, day).n), String(world.api.scansOn(b, day).n)]),
    ]);
    expect(world.cells("OPENQR_SCANS", a, "2026-11-20")).toEqual(
      world.cells("OPENQR_SCANS", a, "2026-11-20", "2026-11-25"),
    );
  });

  it("is calculated by Sheets from date cells the user typed", () => {
    const world = fresh("Asia/Tokyo");
    const id = world.id("spring-sale");
    const sheet: SheetModel = world.gas.spreadsheet.sheet("Sheet1");
    const type = (row: number, column: number, input: string) => {
      const parsed = parseTypedInput(input, world.gas.spreadsheet.timeZone);
      sheet.write(row, column, { value: parsed.value, formula: parsed.formula ?? "" });
    };
    type(1, 1, id);
    type(1, 2, "2026-11-01");
    type(1, 3, "2026-11-03");
    type(2, 1, "=OPENQR_SCANS(A1, B1, C1)");
    const [record] = world.gas.recalculate({ user: EDITOR });
    const run = record!.runs[0]!;
    expect(Object.prototype.toString.call(run.args[1])).toBe("[object Date]");
    expect(run.result.ok).toBe(true);
    const shown = (run.result as { value: unknown[][] }).value.map((row) =>
      row.map((cell) => world.gas.display(cell)),
    );
    expect(shown).toEqual([
      ["Day", "Scans"],
      ...["2026-11-01", "2026-11-02", "2026-11-03"].map((day) => [day, String(world.api.scansOn(id, day).n)]),
    ]);
  });

  it("reads a typed date cell as the same day after the spreadsheet's zone changes", () => {
    const world = fresh("Asia/Tokyo");
    const id = world.id("spring-sale");
    const sheet: SheetModel = world.gas.spreadsheet.sheet("Sheet1");
    const typed = parseTypedInput("2026-11-24", world.gas.spreadsheet.timeZone).value;
    sheet.write(1, 1, { value: id });
    sheet.write(1, 2, { value: typed });
    world.gas.spreadsheet.setSpreadsheetTimeZone("America/Los_Angeles");
    sheet.write(2, 1, { value: "=OPENQR_SCANS(A1, B1)", formula: "=OPENQR_SCANS(A1, B1)" });
    const [record] = world.gas.recalculate({ user: EDITOR });
    const result = record!.runs[0]!.result as { ok: true; value: unknown[][] };
    expect(result.value.map((row) => world.gas.display(row[0]))).toEqual(["Day", "2026-11-24", "2026-11-25"]);
  });

  it.each([
    [
      "an end after today",
      ["2026-11-20", "2026-11-26"],
      "end must be a date on or before today, 2026-11-25 (OpenQR's days are UTC days); 2026-11-26 is not.",
    ],
    [
      "a start after end",
      ["2026-12-02", "2026-11-20"],
      "start must be a date on or before end (2026-11-20); 2026-12-02 is not.",
    ],
    [
      "a start 400 days back",
      ["2025-10-21", "2025-11-30"],
      `start must be on or after 2025-11-26: OpenQR gives at most the last 365 days, today included; 2025-10-21 is not. ${OLDER}`,
    ],
    [
      "a date beside a number of days",
      [30, "2026-11-20"],
      "end goes with a start date; days_or_start is a number of days (30), so leave end blank.",
    ],
    [
      "an end that is no date",
      ["2026-11-20", "soon"],
      'end must be a date (a date cell or YYYY-MM-DD text); "soon" is not. Leave it blank for today.',
    ],
    [
      "a date that does not exist",
      ["2026-02-30", "2026-03-02"],
      'days_or_start must be a whole number of days from 1 to 365, or a start date (a date cell or YYYY-MM-DD text); "2026-02-30" is neither. Leave it blank for 30 days.',
    ],
  ])("refuses %s with an exact message, without any request", (_, [start, end], error) => {
    const world = fresh();
    const id = world.id("festival-gate");
    expect(world.formula("OPENQR_SCANS", id, start, end)).toEqual({ ok: false, error });
    expect(world.formula("OPENQR_ROLLUP", [[id]], start, end)).toEqual({ ok: false, error });
    expect(world.api.requests).toHaveLength(0);
  });

  it("refuses an end after today given as a date cell, in Tokyo where it is already the 26th", () => {
    const world = fresh("Asia/Tokyo", Date.parse("2026-11-25T20:00:00Z"));
    expect(
      world.formula("OPENQR_SCANS", world.id("festival-gate"), "2026-11-20", dateCell(world, "2026-11-26")),
    ).toEqual({
      ok: false,
      error:
        "end must be a date on or before today, 2026-11-25 (OpenQR's days are UTC days); 2026-11-26 is not.",
    });
  });

  it("names the plan's window when a free plan (7 days) is asked for 20 days back", () => {
    const world = fresh();
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    const id = world.id("festival-gate");
    const error = `start must be on or after 2026-11-19: your OpenQR plan gives the last 7 days, today included; 2026-11-05 is not. ${OLDER}`;
    expect(world.formula("OPENQR_SCANS", id, "2026-11-05", "2026-11-20")).toEqual({ ok: false, error });
    expect(world.formula("OPENQR_ROLLUP", id, "2026-11-05", "")).toEqual({ ok: false, error });
    expect(scansUrls(world)).toEqual([`https://openqr.uk/v1/dynamic/${id}/scans?days=21`]);
    // Inside the window the same plan answers.
    expect(world.cells("OPENQR_SCANS", id, "2026-11-19", "2026-11-20").map((row) => row[0])).toEqual([
      "Day",
      "2026-11-19",
      "2026-11-20",
    ]);
  });
});

describe("date ranges and the formulas' cache", () => {
  it("serves a range only its own days: another end, another start, or a days window of the same length", () => {
    const world = fresh();
    const id = world.id("festival-gate");
    const first = world.cells("OPENQR_SCANS", id, "2026-11-20", "2026-11-22");
    expect(first.map((row) => row[0])).toEqual(["Day", "2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(world.cells("OPENQR_SCANS", id, "2026-11-20", "2026-11-21").map((row) => row[0])).toEqual([
      "Day",
      "2026-11-20",
      "2026-11-21",
    ]);
    expect(world.cells("OPENQR_SCANS", id, "2026-11-21", "2026-11-22").map((row) => row[0])).toEqual([
      "Day",
      "2026-11-21",
      "2026-11-22",
    ]);
    expect(world.cells("OPENQR_SCANS", id, 6)).toHaveLength(7);
    // The same start fetched once; another start and the days window are entries of their own.
    expect(scansUrls(world)).toEqual([
      `https://openqr.uk/v1/dynamic/${id}/scans?days=6`,
      `https://openqr.uk/v1/dynamic/${id}/scans?days=5`,
      `https://openqr.uk/v1/dynamic/${id}/scans?days=6`,
    ]);
  });

  it("does not serve yesterday's window across UTC midnight to a range of the same length", () => {
    const world = fresh("Europe/London", Date.parse("2026-11-25T23:58:00Z"));
    const id = world.id("festival-gate");
    world.cells("OPENQR_SCANS", id, "2026-11-20", "2026-11-25");
    world.gas.clock.advance(3 * 60_000);
    // Now the 26th: from the 21st is again 6 days, but not the window cached two minutes ago.
    const table = world.cells("OPENQR_SCANS", id, "2026-11-21", "2026-11-26");
    expect(table.map((row) => row[0])).toEqual(["Day", ...daysBetween("2026-11-21", "2026-11-26")]);
    expect(table[6]![1]).toBe(String(world.api.scansOn(id, "2026-11-26").n));
    expect(scansUrls(world)).toHaveLength(2);
  });
});

describe("OPENQR_ROLLUP by group", () => {
  it("gives Day, then one column per group in first-seen order, group names kept as text", () => {
    const world = fresh("America/Los_Angeles");
    const [a, b, c, d] = ["festival-gate", "spring-sale", "newsletter-signup", "shop-window"].map((slug) =>
      world.id(slug),
    );
    const ids = [[a], [b], [""], [c], [d], [a]];
    const groups = [["=SUM(1,2)"], ["Venue"], ["Venue"], ["=SUM(1,2)"], [""], ["Venue"]];
    const days = ["2026-11-23", "2026-11-24", "2026-11-25"];
    const n = (id: string, day: string) => world.api.scansOn(id!, day).n;
    const result = world.formula("OPENQR_ROLLUP", ids, "2026-11-23", "2026-11-25", groups);
    expect(result.ok).toBe(true);
    const table = (result as { value: unknown[][] }).value;
    expect(table[0]).toEqual(["Day", "=SUM(1,2)", "Venue", "(no group)"]);
    // A repeated id counts once, in the group beside its first appearance.
    expect(table.slice(1).map((row) => [world.gas.display(row[0]), ...row.slice(1)])).toEqual(
      days.map((day) => [day, n(a!, day) + n(c!, day), n(b!, day), n(d!, day)]),
    );
    // The same with a number of days: the last 3 days are the same days.
    expect(world.formula("OPENQR_ROLLUP", ids, 3, "", groups)).toEqual(result);
    // Without groups the rollup is as before: one Scans column.
    expect(world.cells("OPENQR_ROLLUP", ids, 3)).toEqual([
      ["Day", "Scans"],
      ...days.map((day) => [day, String(n(a!, day) + n(b!, day) + n(c!, day) + n(d!, day))]),
    ]);
  });

  it("refuses groups of another shape than the ids, without any request", () => {
    const world = fresh();
    const ids = ["festival-gate", "spring-sale", "newsletter-signup"].map((slug) => [world.id(slug)]);
    expect(world.formula("OPENQR_ROLLUP", ids, 7, "", [["North"], ["South"]])).toEqual({
      ok: false,
      error:
        "groups must be the same shape as id (3 rows by 1 column), each code's group beside its id; it is 2 rows by 1 column.",
    });
    expect(world.formula("OPENQR_ROLLUP", ids, 7, "", [["North", "South", "East"]])).toEqual({
      ok: false,
      error:
        "groups must be the same shape as id (3 rows by 1 column), each code's group beside its id; it is 1 row by 3 columns.",
    });
    expect(world.api.requests).toHaveLength(0);
  });
});
