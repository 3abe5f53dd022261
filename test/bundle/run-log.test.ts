/**
 * The OpenQR Runs sheet through the built bundle: one row per run (manual, scheduled, stopped
 * as a whole), bounded by trimming the oldest rows in one call, a constant handful of calls
 * per run however long the log, and never a reason for a run to fail.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { LastRun, RunLogOpening } from "../../src/shared/settings.ts";
import { createRefreshWorld, type RefreshWorld, SUMMARY } from "./refresh-world.ts";
import { KEY, OWNER, SLACK_WEBHOOK } from "./world.ts";

const RUNS = "OpenQR Runs";
const HEADER = [
  "Finished at",
  "Trigger",
  "Status",
  "Duration (s)",
  "Refreshed",
  "Failed",
  "Waiting",
  "Outcome",
  "Chat",
];
const MINUTE_MS = 60_000;
const PROTECTED_NOTE =
  "The run log (OpenQR Runs) could not be written: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

let world: RefreshWorld;

/** The calls a run made of the spreadsheet (SpreadsheetApp's own, sheets, ranges, metadata). */
function spreadsheetCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(calls).filter(([name]) =>
      /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DeveloperMetadata\w*)\./.test(name),
    ),
  );
}

/** A run stopped because another holds the lock: the run log's calls are all it makes of the spreadsheet. */
function busyRun(): LastRun {
  world.gas.locks.holdByAnotherProcess("document");
  const report = world.refreshNow();
  world.gas.locks.releaseOtherProcess("document");
  return report;
}

/** Rows of earlier runs, as a long-lived log holds them: "run 1" the oldest. */
function seedRuns(count: number): void {
  const sheet = world.sheet(RUNS);
  const first = sheet.lastRow() + 1;
  for (let i = 0; i < count; i++) {
    sheet.write(first + i, 2, { value: "scheduled" });
    sheet.write(first + i, 8, { value: `run ${i + 1}` });
  }
}

const outcomes = () => world.gas.spreadsheet.sheetValues(RUNS).map((row) => row[7]);

beforeEach(() => {
  world = createRefreshWorld();
  world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
});

describe("the run log", () => {
  it("holds one row per run, oldest first: a manual run, a scheduled run that posts the digest, a run stopped by a revoked key", () => {
    world.refreshNow();
    world.gas.clock.advance(61 * MINUTE_MS);
    world.fireSchedule();
    world.gas.clock.advance(5 * MINUTE_MS + 30_000);
    world.api.revokeKey(KEY);
    expect(world.refreshNow()).toMatchObject({ ok: false, notes: [] });
    // As the sheet shows them, in the spreadsheet's zone (Los Angeles): real dates, counts, words.
    expect(world.shown(RUNS)).toEqual([
      HEADER,
      [
        "2026-11-25 04:00:00",
        "manual",
        "completed",
        "0.0",
        "12",
        "0",
        "0",
        "Refreshed 12 codes.",
        "not posted: manual refreshes do not post to Slack",
      ],
      [
        "2026-11-25 05:01:00",
        "scheduled",
        "completed",
        "0.0",
        "12",
        "0",
        "0",
        "Refreshed 12 codes.",
        "posted to Slack",
      ],
      // Stopped as a whole: no code was tried, so the counts are blank, never 0.
      [
        "2026-11-25 05:06:30",
        "manual",
        "failed",
        "0.0",
        "",
        "",
        "",
        "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.",
        "not posted: the refresh did not run",
      ],
    ]);
    const values = world.gas.spreadsheet.sheetValues(RUNS);
    expect(values[1]![0]).toEqual(new Date("2026-11-25T12:00:00Z"));
    expect(world.gas.spreadsheet.sheetFormats(RUNS)[3]).toEqual([
      "yyyy-mm-dd hh:mm:ss",
      "General",
      "General",
      "0.0",
      "#,##0",
      "#,##0",
      "#,##0",
      "General",
      "General",
    ]);
    const sheet = world.sheet(RUNS);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.cell(1, 1).style?.fontWeight).toBe("bold");
    expect(world.gas.spreadsheet.metadataOf(RUNS)).toMatchObject([
      { key: "openqr.reportSheet", value: "runs" },
    ]);
    // Created by a manual run, it did not take the user away from the Summary.
    expect(world.gas.spreadsheet.activeSheet.name).toBe(SUMMARY);
  });

  it("costs five calls of the spreadsheet per run however long it is; at 550 runs the oldest 50 go in one call", () => {
    world.refreshNow();
    world.gas.resetCalls();
    busyRun();
    const logCalls = {
      "Spreadsheet.getSheetById": 1,
      "Sheet.appendRow": 1,
      "Sheet.getLastRow": 1,
      "Sheet.getRange": 1,
      "Range.setNumberFormats": 1,
    };
    // The busy run touches no report sheet: besides finding the file and the toast, these are the log's calls.
    const busyCalls = { "SpreadsheetApp.getActiveSpreadsheet": 1, "Spreadsheet.toast": 1 };
    expect(spreadsheetCalls(world.gas.calls)).toEqual({ ...busyCalls, ...logCalls });
    // 2 runs written; 547 more seeded: 549.
    seedRuns(547);
    expect(world.sheet(RUNS).lastRow()).toBe(1 + 549);
    world.gas.resetCalls();
    busyRun();
    expect(spreadsheetCalls(world.gas.calls)).toEqual({
      ...busyCalls,
      ...logCalls,
      "Sheet.deleteRows": 1,
    });
    // The newest 500 runs: the 2 the add-on wrote and the oldest 48 seeded ones are gone.
    const after = outcomes();
    expect(after).toHaveLength(1 + 500);
    expect(after[1]).toBe("run 49");
    expect(after[499]).toBe("run 547");
    expect(after[500]).toBe("A refresh is already running in this spreadsheet; try again in a minute.");
    // The next 49 runs only append; the 50th trims again, in one call.
    world.gas.resetCalls();
    for (let run = 0; run < 49; run++) busyRun();
    expect(world.gas.calls["Sheet.deleteRows"] ?? 0).toBe(0);
    expect(world.sheet(RUNS).lastRow()).toBe(1 + 549);
    busyRun();
    expect(world.gas.calls["Sheet.deleteRows"]).toBe(1);
    expect(outcomes()).toHaveLength(1 + 500);
    expect(outcomes()[1]).toBe("run 99");
    expect(world.gas.spreadsheet.sheetValues(RUNS)[0]).toEqual(HEADER);
  });

  it("a whole refresh adds the same five calls and nothing else", () => {
    world.refreshNow();
    world.gas.resetCalls();
    world.refreshNow();
    const short = spreadsheetCalls(world.gas.calls);
    seedRuns(500);
    world.gas.resetCalls();
    world.refreshNow();
    expect(spreadsheetCalls(world.gas.calls)).toEqual(short);
  });

  it("keeps the user's own columns to the right on their rows", () => {
    world.refreshNow();
    const sheet = world.sheet(RUNS);
    sheet.write(1, 10, { value: "Checked" });
    sheet.write(2, 10, { value: "yes, by Sam" });
    sheet.write(2, 11, { value: "=E2*2", formula: "=E2*2" });
    world.refreshNow();
    expect(world.gas.spreadsheet.sheetValues(RUNS).map((row) => row.slice(9, 11))).toEqual([
      ["Checked", ""],
      ["yes, by Sam", "=E2*2"],
      ["", ""],
    ]);
  });
});

describe("never a reason for a run to fail", () => {
  it("a protected log: the run refreshes and reports as before, with a note", () => {
    world.refreshNow();
    world.sheet(RUNS).protectedFromScript = true;
    const before = world.gas.spreadsheet.sheetValues(RUNS);
    const report = world.refreshNow();
    expect(report).toMatchObject({ ok: true, refreshed: 12, message: "Refreshed 12 codes." });
    expect(report.notes).toEqual([PROTECTED_NOTE]);
    expect(world.lastRun()).toEqual(report);
    expect(world.gas.spreadsheet.sheetValues(RUNS)).toEqual(before);
    // A scheduled run too.
    world.gas.clock.advance(61 * MINUTE_MS);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, trigger: "scheduled", notes: [PROTECTED_NOTE] });
    // Unprotected, the log picks up again.
    world.sheet(RUNS).protectedFromScript = false;
    world.refreshNow();
    expect(world.lastRun().notes).toEqual([]);
    expect(outcomes()).toHaveLength(1 + 2);
  });

  it("a deleted log comes back on the next run; a renamed one is found by its metadata", () => {
    world.refreshNow();
    world.gas.spreadsheet.removeSheet(world.sheet(RUNS));
    expect(world.refreshNow().notes).toEqual([]);
    expect(outcomes()).toEqual(["Outcome", "Refreshed 12 codes."]);
    world.sheet(RUNS).name = "Refresh history";
    world.gas.properties.document.delete("openqr.runLogSheetId");
    world.refreshNow();
    expect(world.gas.spreadsheet.sheetValues("Refresh history")).toHaveLength(1 + 2);
    expect(world.gas.spreadsheet.sheets.filter((s) => s.name === RUNS)).toEqual([]);
  });

  it("a user's own sheet named OpenQR Runs is left alone, and the run says so", () => {
    const theirs = world.gas.spreadsheet.addSheet(RUNS);
    theirs.write(1, 1, { value: "my runs" });
    const report = world.refreshNow();
    expect(report).toMatchObject({ ok: true, refreshed: 12 });
    expect(report.notes).toEqual([
      'The run log was not written: a sheet named "OpenQR Runs" is not the add-on\'s. Rename it to keep a log of the runs.',
    ]);
    expect(world.gas.spreadsheet.sheetValues(RUNS)).toEqual([["my runs"]]);
  });

  it("a spreadsheet without room for the log's sheet: the run is kept, with the platform's reason", () => {
    world.refreshNow();
    world.gas.spreadsheet.removeSheet(world.sheet(RUNS));
    const used = world.gas.spreadsheet.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
    world.sheet("Sheet1").maxRows += Math.floor((10_000_000 - used) / 26) - 10;
    const report = world.refreshNow();
    expect(report).toMatchObject({ ok: true, refreshed: 12 });
    // The room check's warning, then the log's note in the platform's words.
    expect(report.notes).toHaveLength(2);
    expect(report.notes[0]).toMatch(/^This spreadsheet is 99% full/);
    expect(report.notes[1]).toBe(
      "The run log (OpenQR Runs) could not be written: This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
    );
  });
});

describe("the sidebar's Open run log", () => {
  const open = () => world.gas.runFromSidebar("openRunLog", [], { user: OWNER }) as RunLogOpening;

  it("says no run wrote it yet, then shows it once one has", () => {
    expect(open()).toEqual({
      opened: false,
      message: 'No run has written the run log yet: the next refresh creates the "OpenQR Runs" sheet.',
    });
    world.refreshNow();
    expect(world.gas.spreadsheet.activeSheet.name).toBe(SUMMARY);
    expect(open()).toEqual({ opened: true, message: "Opened OpenQR Runs." });
    expect(world.gas.spreadsheet.activeSheet.name).toBe(RUNS);
  });
});
