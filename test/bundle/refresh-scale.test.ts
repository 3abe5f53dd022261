// The refresh at scale, from dist/ in the emulator: time budget, stalest first, write costs.
import { describe, expect, it } from "vitest";
import { CELLS_WRITTEN } from "../../harness/emulator/index.ts";
import { columnOf } from "../../src/report/summary-rows.ts";
import type { LastRun } from "../../src/shared/settings.ts";
import { createRefreshWorld, DAILY, SUMMARY } from "./refresh-world.ts";
import { OWNER } from "./world.ts";

const HOUR_MS = 3_600_000;
const STATUS = columnOf("Status") - 1;
const SIX_MINUTES_MS = 360_000;

/** Fires the schedule and returns the run's report and its virtual duration. */
function scheduledRun(world: ReturnType<typeof createRefreshWorld>): { report: LastRun; ms: number } {
  const start = world.gas.clock.now();
  world.fireSchedule();
  return { report: world.lastRun(), ms: world.gas.clock.now() - start };
}

const refreshedAt = (world: ReturnType<typeof createRefreshWorld>) =>
  new Map(
    world.gas.spreadsheet
      .sheetValues(SUMMARY)
      .filter((row) => row[STATUS] === "ok" || String(row[STATUS]).startsWith("waiting"))
      .map((row) => [row[0] as string, row[columnOf("Refreshed at") - 1] as Date | ""]),
  );

describe("400 codes", () => {
  it("at 2 s per round trip: one run covers them all well inside 6 minutes", () => {
    const world = createRefreshWorld({ codeCount: 400, apiDelayMs: 2000 });
    world.saveSettings({ schedule: "hourly", days: 30 });
    const { report, ms } = scheduledRun(world);
    expect(report).toMatchObject({ ok: true, refreshed: 400, failed: 0, skippedForTime: 0 });
    // The list (2 pages) and 20 batches of 20, each one 2 s round trip.
    expect(ms).toBe(22 * 2000);
    expect(world.api.requests.filter((r) => r.url.includes("/scans"))).toHaveLength(400);
  });

  it("at 30 s per round trip: each run stops starting batches at 4.5 minutes, the next runs go on stalest first", () => {
    const world = createRefreshWorld({ codeCount: 400, apiDelayMs: 30_000 });
    world.saveSettings({ schedule: "hourly", days: 7 });
    const covered = new Set<string>();
    const runs: LastRun[] = [];
    for (let run = 0; run < 4 && covered.size < 400; run++) {
      const before = world.api.requests.length;
      const { report, ms } = scheduledRun(world);
      expect(ms).toBeLessThan(SIX_MINUTES_MS);
      runs.push(report);
      const fetched = world.api.requests
        .slice(before)
        .filter((r) => r.url.includes("/scans"))
        .map((r) => decodeURIComponent(r.url.split("/")[5]!));
      // Never a code already covered while some code has not been refreshed at all.
      if (covered.size + fetched.length <= 400) for (const id of fetched) expect(covered.has(id)).toBe(false);
      for (const id of fetched) covered.add(id);
      world.gas.clock.advance(HOUR_MS);
    }
    // 2 list pages, then batches of 20 until 4.5 minutes: 7 batches of 30 s after the 60 s of listing.
    expect(runs.map((r) => [r.refreshed, r.skippedForTime])).toEqual([
      [140, 260],
      [140, 260],
      [140, 260],
    ]);
    expect(covered.size).toBe(400);
    expect(runs[0]!.message).toBe(
      "Refreshed 140 codes; 260 codes wait for the next run (this one reached its time limit).",
    );
    const waiting = world.gas.spreadsheet
      .sheetValues(SUMMARY)
      .filter((row) => String(row[STATUS]).startsWith("waiting"));
    expect(waiting).toHaveLength(260);
    expect(refreshedAt(world).size).toBe(400);
  });
});

describe("write costs", () => {
  it("an hourly refresh of 200 codes × 365 days writes a small fraction of the first, in a few calls per sheet", () => {
    // 23:30 UTC, then 00:30: the hourly run that adds a day, the most an hourly run ever changes.
    const world = createRefreshWorld({ codeCount: 200, now: Date.parse("2026-11-25T23:30:00Z") });
    world.saveSettings({ schedule: "hourly", days: 365 });
    world.gas.resetCalls();
    expect(scheduledRun(world).report).toMatchObject({ refreshed: 200, failed: 0 });
    const first = { ...world.gas.calls };
    const archive = world.gas.spreadsheet.sheetValues(DAILY);
    world.gas.clock.advance(HOUR_MS);
    world.gas.resetCalls();
    expect(scheduledRun(world).report).toMatchObject({ refreshed: 200, failed: 0 });
    const hourly = { ...world.gas.calls };

    // 364 days of the first run untouched; the 25th, still filling up at 23:30, now complete;
    // and the new day's 200 rows below them.
    const daily = world.gas.spreadsheet.sheetValues(DAILY);
    const completed = archive.length - 200;
    expect(daily.slice(0, completed)).toEqual(archive.slice(0, completed));
    expect(daily.slice(completed, archive.length).map((row) => row.slice(0, 3))).toEqual(
      archive.slice(completed).map((row) => row.slice(0, 3)),
    );
    const wholeDay = daily.slice(completed, archive.length).map((row) => row[3]);
    expect(wholeDay).toEqual(
      archive.slice(completed).map((row) => world.api.scansOn(row[1] as string, "2026-11-25").n),
    );
    expect(wholeDay.every((n, i) => (n as number) >= (archive[completed + i]![3] as number))).toBe(true);
    expect(wholeDay.some((n, i) => (n as number) > (archive[completed + i]![3] as number))).toBe(true);
    expect(daily.length - archive.length).toBe(200);
    // One setValues per sheet, two for the Summary (its rows, and the chart's series below them).
    expect(hourly["Range.setValues"]).toBe(5);
    expect(hourly["Range.setNumberFormats"] ?? 0).toBeLessThanOrEqual(6); // The run log's row too.
    // Everything the run asks of the spreadsheet, reads included: a small constant, whatever the
    // archive's size. Measured 78: OpenQR Daily's 73,000 needed rows in two reads of at most
    // 250,000 cells, the room check (getSheets, then each of the 6 sheets' id and size, the run
    // log's included), the trigger's check that it runs in the file it was made for (getId), the
    // formulas of the Summary's Group column (2: its range, a user's cells, carried with their
    // rows), OpenQR Monthly's 17 (its size, header, Month column, the rows rebuilt, those a year
    // before, one write), and the run log's row (found by id, appended, its last row, its
    // formats: 5 calls, however long the log, src/sheets/run-log-sheet.ts).
    const spreadsheetCalls = Object.entries(hourly)
      .filter(([name]) =>
        /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DeveloperMetadata\w*|EmbeddedChart)\./.test(name),
      )
      .reduce((sum, [, n]) => sum + n, 0);
    expect(spreadsheetCalls).toBeLessThanOrEqual(78);
    // One per sheet (OpenQR Monthly included) and the Summary's series, and the run log's header, written once.
    expect(first["Range.setValues"]).toBe(6);
    const writes = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(([name]) => /^(Range|Sheet)\.(set|insert|delete|clear|update|remove)/.test(name))
        .reduce((sum, [, n]) => sum + n, 0);
    expect(writes(hourly)).toBeLessThanOrEqual(12);
    // The new day's rows, the Breakdown's moved window, the Summary's changed cells and series.
    // Measured: 22,709 of 314,144 (7%), most of it the Breakdown, whose 365-day window moved a day.
    expect(hourly[CELLS_WRITTEN]! / first[CELLS_WRITTEN]!).toBeLessThan(0.08);
    expect(world.gas.triggers.filter((t) => t.owner === OWNER)).toHaveLength(1);
  });

  it("a new code sorting into a year of 50 codes beside a user's formula column: its rows move, the formulas in two calls", () => {
    const world = createRefreshWorld({ codeCount: 50, now: Date.parse("2026-11-25T23:30:00Z") });
    world.saveSettings({ schedule: "hourly", days: 365 });
    scheduledRun(world);
    const sheet = world.sheet(DAILY);
    const last = sheet.lastRow();
    sheet.write(1, 5, { value: "Double" });
    for (let row = 2; row <= last; row++) sheet.write(row, 5, { value: `=D${row}*2`, formula: `=D${row}*2` });
    world.api.addCode({
      slug: "aaa-new",
      created_at: new Date(Date.parse("2025-01-01T00:00:00Z")).toISOString(),
    });
    world.gas.clock.advance(HOUR_MS);
    world.gas.resetCalls();
    expect(scheduledRun(world).report).toMatchObject({ refreshed: 51, failed: 0 });
    const calls = world.gas.calls;
    // Its rows sorted in on every day of the archive: one formula (in R1C1) over a range per day, one call.
    // Read once for the Daily's user column, once for the Summary's Group column (a user's cells).
    expect(calls["Range.getFormulasR1C1"]).toBe(2);
    expect(calls["Sheet.getRangeList"]).toBe(1);
    expect(calls["RangeList.setFormulaR1C1"]).toBe(1);
    expect(calls["Range.setFormulasR1C1"] ?? 0).toBe(0);
    expect(calls["Range.setValues"]).toBe(5);
    const formulas = world.gas.spreadsheet.sheetFormulas(DAILY);
    // Past midnight: the new day's 50 rows, and the new code's 365 days of the window.
    expect(formulas).toHaveLength(last + 50 + 365);
    const moved = formulas.slice(1).map((row, index) => [row[4], index + 2] as const);
    expect(moved.filter(([formula]) => formula !== "")).toHaveLength(last - 1);
    for (const [formula, row] of moved) if (formula !== "") expect(formula).toBe(`=D${row}*2`);
  });
});
