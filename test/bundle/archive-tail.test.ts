// An archive that grows for years, from dist/ in the emulator: a run reads only the rows it
// needs (the window and the trend's baseline) from the bottom of OpenQR Daily, and only while
// the sheet provably keeps the add-on's order; a sheet sorted or moved by hand is read whole
// and put back in order, never merged into the wrong rows.
import { describe, expect, it } from "vitest";
import { prefillHistory } from "../../bench/worlds.ts";
import { CELLS_READ } from "../../harness/emulator/index.ts";
import type { CellValue } from "../../harness/emulator/spreadsheet-model.ts";
import type { FakeCode } from "../../harness/fake-openqr/index.ts";
import { OUT_OF_ORDER_NOTE } from "../../src/report/daily-tail.ts";
import { createRefreshWorld, DAILY, type RefreshWorld, SUMMARY } from "./refresh-world.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 22:30 UTC, so the run two hours later is on a new UTC day. */
const START = Date.parse("2026-11-25T22:30:00Z");
const TAIL_KEY = "openqr.dailyTail";

/** A world whose OpenQR Daily already holds `historyDays` days before the window, for `codes` (default: all). */
function worldWith(options: {
  days: number;
  historyDays: number;
  codes?: (all: readonly FakeCode[]) => FakeCode[];
}) {
  const world = createRefreshWorld({ now: START });
  const chosen = options.codes ? options.codes(world.api.codes) : world.api.codes;
  world.saveSettings({
    days: options.days,
    schedule: "hourly",
    codes: options.codes ? chosen.map((code) => code.id) : "all",
  });
  if (options.historyDays > 0)
    prefillHistory(world.gas.spreadsheet, chosen, START, options.days, options.historyDays);
  return world;
}

/** A scheduled run, with what it read. */
function run(world: RefreshWorld): { cellsRead: number; notes: string[] } {
  world.gas.resetCalls();
  world.fireSchedule();
  const report = world.lastRun();
  expect(report, report.message).toMatchObject({ ok: true });
  return { cellsRead: world.gas.calls[CELLS_READ] ?? 0, notes: report.notes };
}

const dailyRows = (world: RefreshWorld) => world.gas.spreadsheet.sheetValues(DAILY).slice(1);
const keyOf = (row: readonly CellValue[]) => `${(row[0] as Date).toISOString()}|${row[1]}`;

function expectInOrderWithoutDuplicates(world: RefreshWorld): void {
  const rows = dailyRows(world);
  const keys = rows.map(keyOf);
  expect(new Set(keys).size).toBe(keys.length);
  const order = rows.map((row) => `${(row[0] as Date).toISOString()}|${String(row[2]).toLowerCase()}`);
  expect(order).toEqual([...order].sort());
}

/** Rewrites the Daily's rows below the header in a new order, values only, as a sort by the user would. */
function rewriteRows(world: RefreshWorld, rows: CellValue[][]): void {
  const sheet = world.sheet(DAILY);
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      sheet.write(r + 2, c + 1, { value });
    });
  });
}

describe("an hourly run with years of history", () => {
  it("reads about what the same run reads without history, and keeps every row", () => {
    const none = worldWith({ days: 30, historyDays: 0 });
    const years = worldWith({ days: 30, historyDays: 3 * 365 });
    const history = dailyRows(years);
    expect(history).toHaveLength(12 * 3 * 365);
    const runs: Array<[number, number]> = [];
    for (let hour = 0; hour < 3; hour++) {
      runs.push([run(none).cellsRead, run(years).cellsRead]);
      none.gas.clock.advance(HOUR_MS);
      years.gas.clock.advance(HOUR_MS);
    }
    // The first run reads the whole archive once (no run has left its fingerprint yet) ...
    expect(runs[0]![1]).toBeGreaterThan(12 * 3 * 365 * 4);
    // ... the hourly runs, on the same UTC day and on a new one, read about what they read without.
    for (const [without, withHistory] of runs.slice(1)) {
      expect(withHistory).toBeLessThanOrEqual(without * 1.2);
      expect(withHistory).toBeGreaterThanOrEqual(without);
    }
    // Every history row kept as it was, then the same rows as the sheet without history.
    const rows = dailyRows(years);
    expect(rows.slice(0, history.length)).toEqual(history);
    expect(rows.slice(history.length)).toEqual(dailyRows(none));
    expect(years.gas.spreadsheet.sheetValues(SUMMARY)).toEqual(none.gas.spreadsheet.sheetValues(SUMMARY));
  });

  it("leaves the same sheets as reading the whole archive every run", () => {
    const tail = worldWith({ days: 7, historyDays: 400 });
    const whole = worldWith({ days: 7, historyDays: 400 });
    // A note in a column of the user's, on a row the runs rewrite (the newest day of the history).
    for (const world of [tail, whole]) {
      world.sheet(DAILY).write(1, 5, { value: "Note" });
      world.sheet(DAILY).write(12 * 400 + 1, 5, { value: "campaign" });
    }
    // Hourly, across midnight UTC, then a day, a week and 40 days later (the window moves past the history).
    for (const step of [0, HOUR_MS, HOUR_MS, DAY_MS, 7 * DAY_MS, 40 * DAY_MS]) {
      tail.gas.clock.advance(step);
      whole.gas.clock.advance(step);
      whole.gas.properties.document.delete(TAIL_KEY);
      run(tail);
      run(whole);
      expect(tail.gas.spreadsheet.sheetValues(DAILY)).toEqual(whole.gas.spreadsheet.sheetValues(DAILY));
      expect(tail.gas.spreadsheet.sheetValues(SUMMARY)).toEqual(whole.gas.spreadsheet.sheetValues(SUMMARY));
    }
    expect(tail.gas.spreadsheet.sheetValues(DAILY).filter((row) => row[4] === "campaign")).toHaveLength(1);
    expectInOrderWithoutDuplicates(tail);
  });

  it("keeps a count typed into a row outside the window, reading only the tail", () => {
    const world = worldWith({ days: 7, historyDays: 400 });
    run(world);
    world.gas.clock.advance(HOUR_MS);
    // A row of 20 days ago: outside the 7-day window, inside the rows the trend needs.
    const index = dailyRows(world).length - 12 * 20;
    world.sheet(DAILY).write(index + 2, 4, { value: 999_999 });
    const { cellsRead } = run(world);
    expect(cellsRead).toBeLessThan(12 * 400);
    expect(dailyRows(world)[index]![3]).toBe(999_999);
  });
});

describe("a sheet re-sorted or rearranged by the user", () => {
  /** Two chosen codes, 400 days of history: the sheet's last rows alone can still look ordered. */
  const twoCodes = () =>
    worldWith({ days: 7, historyDays: 400, codes: (all) => all.filter((c) => c.slug < "m").slice(0, 2) });

  it("sorted by slug: read whole and put back in order, no row lost or duplicated, and the report says so", () => {
    const world = twoCodes();
    run(world);
    world.gas.clock.advance(HOUR_MS);
    const before = dailyRows(world);
    const slugs = [...new Set(before.map((row) => String(row[2])))].sort();
    // A stable sort by Slug: each code's rows together, in day order. The last ones are one code's days, in order.
    rewriteRows(
      world,
      slugs.flatMap((slug) => before.filter((row) => row[2] === slug)),
    );
    const { notes } = run(world);
    expect(notes).toContain(OUT_OF_ORDER_NOTE);
    expectInOrderWithoutDuplicates(world);
    expect(new Set(dailyRows(world).map(keyOf))).toEqual(new Set(before.map(keyOf)));
    // Back in order: the next run reads only the tail, and has nothing to say.
    world.gas.clock.advance(HOUR_MS);
    const next = run(world);
    expect(next.notes).toEqual([]);
    // OpenQR Monthly's rows of the months rebuilt, and of the same months a year before, included.
    expect(next.cellsRead).toBeLessThan(2 * 400 + 150);
  });

  it("sorted by Scans, with a column of the user's: put back in order, each note still on its row", () => {
    const world = twoCodes();
    run(world);
    world.gas.clock.advance(DAY_MS);
    const sheet = world.sheet(DAILY);
    sheet.write(1, 5, { value: "Note" });
    const before = world.gas.spreadsheet.sheetValues(DAILY).slice(1);
    before.forEach((row, r) => {
      row[4] = `note ${keyOf(row)}`;
      sheet.write(r + 2, 5, { value: row[4] });
    });
    rewriteRows(
      world,
      before.slice().sort((a, b) => (b[3] as number) - (a[3] as number)),
    );
    const { notes } = run(world);
    expect(notes).toEqual([OUT_OF_ORDER_NOTE]);
    expectInOrderWithoutDuplicates(world);
    const after = dailyRows(world);
    expect(after).toHaveLength(before.length + 2);
    for (const row of after.filter((r) => r[4] !== "")) expect(row[4]).toBe(`note ${keyOf(row)}`);
    expect(after.filter((r) => r[4] !== "")).toHaveLength(before.length);
  });

  it("a recent row moved to the top: read whole, no (day, code) twice", () => {
    const world = twoCodes();
    run(world);
    world.gas.clock.advance(DAY_MS);
    const before = dailyRows(world);
    const last = before[before.length - 1]!;
    rewriteRows(world, [last, ...before.slice(0, -1)]);
    const { notes } = run(world);
    expect(notes).toEqual([OUT_OF_ORDER_NOTE]);
    expectInOrderWithoutDuplicates(world);
    expect(dailyRows(world)).toHaveLength(before.length + 2);
  });

  it("old years deleted from the top (to make room): read whole once, without a note, then the tail again", () => {
    const world = twoCodes();
    run(world);
    // At the same instant, so OpenQR's counts (today's still growing) are those the first run wrote.
    const before = dailyRows(world);
    world.sheet(DAILY).deleteRows(2, 2 * 300);
    const once = run(world);
    expect(once.notes).toEqual([]);
    expect(once.cellsRead).toBeGreaterThan(2 * 100 * 4);
    expect(dailyRows(world)).toEqual(before.slice(2 * 300));
    world.gas.clock.advance(HOUR_MS);
    expect(run(world).cellsRead).toBeLessThan(once.cellsRead);
  });
});
