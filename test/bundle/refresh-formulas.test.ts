// "Refresh formulas", from dist/ in the emulator: the menu item and sidebar call, the pass
// after a scheduled run, the formulas' cache bypass and what the quota planner counts.
import { beforeEach, describe, expect, it } from "vitest";
import type { SheetModel } from "../../harness/emulator/index.ts";
import type { FormulaRefresh, LastRun, SchedulePlan, Settings } from "../../src/shared/settings.ts";
import { createRefreshWorld, type RefreshWorld } from "./refresh-world.ts";
import { EDITOR, SLACK_WEBHOOK } from "./world.ts";

const MINE = "My codes";
const FRESH = "Refreshed 3 formula cells: Sheets recalculates them now, with numbers fetched afresh.";

let world: RefreshWorld;
let mine: SheetModel;
let ids: [string, string];

/** What the user types into a cell: a formula, or text. */
function type(sheet: SheetModel, row: number, column: number, input: string): void {
  const formula = input.startsWith("=") ? input : "";
  sheet.write(row, column, { value: input, formula });
}

/** Every formula of every sheet, to compare before and after. */
const allFormulas = () =>
  world.gas.spreadsheet.sheets.map((sheet) => [sheet.name, world.gas.spreadsheet.sheetFormulas(sheet.name)]);

/** Sheets recalculating what changed, the cells shown as an editor's (which sheet, which cell, ok?). */
function recalculated() {
  return world.gas.recalculate({ user: EDITOR }).map((record) => ({
    cell: `${record.sheet}!${record.cell}`,
    formula: record.formula,
    ok: record.runs.map((run) => run.result.ok),
  }));
}

const scansRequests = () => world.api.requests.filter((request) => request.url.includes("/scans?"));
const refreshFormulas = () => world.call("refreshFormulas") as FormulaRefresh;

beforeEach(() => {
  world = createRefreshWorld();
  ids = [world.id("festival-gate"), world.id("spring-sale")];
  mine = world.gas.spreadsheet.addSheet(MINE);
  type(mine, 2, 1, ids[0]);
  type(mine, 3, 1, ids[1]);
  type(mine, 1, 2, "=OPENQR_SCANS(A2, 7)");
  type(mine, 1, 3, "=openqr_total(A2:A3)");
  type(mine, 1, 4, "=SUM(B2:B8)");
  type(mine, 1, 5, "OPENQR_SCANS shows daily scans");
  type(mine, 2, 5, '="see OPENQR_TOTAL(A2)"');
  type(world.gas.spreadsheet.sheet("Sheet1"), 1, 1, "=OPENQR_CODES()");
  // The user typed them: Sheets calculates each once, and the answers are cached.
  world.gas.recalculate({ user: EDITOR });
  world.api.requests.length = 0;
});

describe("Refresh formulas", () => {
  it("rewrites exactly the OPENQR_ formula cells, keeping their text, and says how many", () => {
    const before = allFormulas();
    expect(refreshFormulas()).toEqual({
      refreshed: 3,
      waiting: 0,
      tooLong: 0,
      restored: 0,
      cacheBypassed: true,
      message: FRESH,
    });
    expect(allFormulas()).toEqual(before);
    expect(mine.cell(1, 5).value).toBe("OPENQR_SCANS shows daily scans");
    // Only those three are calculated again: not =SUM, not the formula quoting a name.
    expect(recalculated()).toEqual([
      { cell: "Sheet1!A1", formula: "=OPENQR_CODES()", ok: [true] },
      { cell: `${MINE}!B1`, formula: "=OPENQR_SCANS(A2, 7)", ok: [true] },
      { cell: `${MINE}!C1`, formula: "=openqr_total(A2:A3)", ok: [true] },
    ]);
  });

  it("bypasses the formulas' 5-minute cache: recalculated cells fetch afresh, and show what is new", () => {
    world.gas.clock.advance(60_000);
    const poster = world.api.addCode({ slug: "new-poster" });
    refreshFormulas();
    const records = world.gas.recalculate({ user: EDITOR });
    // One request per code each formula names, and the listing: nothing answered from the cache.
    expect(scansRequests().map((request) => request.url.replace(/^.*\/dynamic\//, ""))).toEqual([
      `${ids[0]}/scans?days=7`,
      `${ids[0]}/scans?days=1`,
      `${ids[1]}/scans?days=1`,
    ]);
    const codes = records[0]!.runs[0]!.result as { ok: true; value: string[][] };
    expect(codes.value.map((row) => row[1])).toContain(poster.slug);
  });

  it("is what makes them fetch: without it, a recalculation within 5 minutes is answered from the cache", () => {
    world.gas.clock.advance(60_000);
    const poster = world.api.addCode({ slug: "new-poster" });
    // The user edits the formulas' text (a space): Sheets recalculates them, the cache answers.
    type(world.gas.spreadsheet.sheet("Sheet1"), 1, 1, "=OPENQR_CODES( )");
    type(mine, 1, 2, "=OPENQR_SCANS(A2,7)");
    const records = world.gas.recalculate({ user: EDITOR });
    expect(world.api.requests).toEqual([]);
    const codes = records[0]!.runs[0]!.result as { ok: true; value: string[][] };
    expect(codes.value.map((row) => row[1])).not.toContain(poster.slug);
  });

  it("keeps a cached recalculation at 8 service calls once a refresh has started a new generation", () => {
    const id = ids[1];
    refreshFormulas();
    world.formula("OPENQR_SCANS", id, 365);
    world.gas.resetCalls();
    world.formula("OPENQR_SCANS", id, 365);
    const calls = Object.entries(world.gas.calls).filter(([name]) => !name.startsWith("cells "));
    expect(Object.fromEntries(calls)).toEqual({
      "PropertiesService.getUserProperties": 1,
      "Properties.getProperty": 1,
      "Utilities.computeDigest": 1,
      "CacheService.getDocumentCache": 1,
      "Cache.getAll": 2,
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Spreadsheet.getSpreadsheetTimeZone": 1,
    });
    expect(calls.reduce((sum, [, n]) => sum + n, 0)).toBe(8);
  });

  it("is a menu item that toasts its sentence", () => {
    world.gas.run("onOpen", [], { authMode: "LIMITED", event: {} });
    const menu = world.gas.ui.menus.at(-1)!;
    expect(menu.items.map((item) => item.caption)).toEqual([
      "Settings…",
      "Refresh reports now",
      "Refresh formulas",
      "Help",
    ]);
    world.gas.runMenuItem("Refresh formulas");
    expect(world.gas.ui.toasts.at(-1)).toEqual({ message: FRESH, title: "OpenQR", timeoutSeconds: 5 });
  });

  it("says when there is nothing to refresh, and starts no cache generation", () => {
    for (const [sheet, row, column] of [
      [mine, 1, 2],
      [mine, 1, 3],
      [world.gas.spreadsheet.sheet("Sheet1"), 1, 1],
    ] as const) {
      sheet.write(row, column, { value: "", formula: "" });
    }
    expect(refreshFormulas()).toMatchObject({
      refreshed: 0,
      cacheBypassed: false,
      message: "No formulas in this spreadsheet call OPENQR_ functions: there was nothing to refresh.",
    });
    expect(world.gas.caches.document.get("oqr:formula-generation")).toBeNull();
  });

  it("waits for another refresh holding the document lock, changing nothing", () => {
    world.gas.locks.holdByAnotherProcess("document");
    expect(() => refreshFormulas()).toThrow(
      "A refresh is already running in this spreadsheet; try Refresh formulas again in a minute.",
    );
    expect(world.gas.recalculate()).toEqual([]);
  });

  it("puts back formulas a stopped pass had cleared, leaving cells typed into since", () => {
    // A pass stopped after clearing B1 and C1; the user has typed into C1 since.
    world.gas.properties.document.set(
      "openqr.formulaRewrite",
      JSON.stringify({
        sheetId: mine.sheetId,
        cells: [
          ["B1", "=OPENQR_SCANS(A2, 7)"],
          ["C1", "=openqr_total(A2:A3)"],
        ],
      }),
    );
    mine.write(1, 2, { value: "", formula: "" });
    type(mine, 1, 3, "my note");
    expect(refreshFormulas()).toMatchObject({
      refreshed: 2,
      restored: 1,
      message:
        "Refreshed 2 formula cells: Sheets recalculates them now, with numbers fetched afresh; put back 1 formula cell an interrupted refresh had cleared.",
    });
    expect(mine.cell(1, 2).formula).toBe("=OPENQR_SCANS(A2, 7)");
    expect(mine.cell(1, 3).value).toBe("my note");
    expect(world.gas.properties.document.get("openqr.formulaRewrite")).toBeUndefined();
  });
});

describe("refreshing formulas after each scheduled refresh", () => {
  it("is off by default: a scheduled run leaves the formulas alone", () => {
    world.saveSettings({ schedule: "hourly" });
    world.fireSchedule();
    expect(world.lastRun()).not.toHaveProperty("formulaCells");
    expect(recalculated()).toEqual([]);
  });

  it("when ticked, a scheduled run refreshes them and its report says how many", () => {
    world.saveSettings({ schedule: "hourly", refreshFormulas: true });
    world.fireSchedule();
    const report: LastRun = world.lastRun();
    expect(report.formulaCells).toBe(3);
    expect(report.message).toBe(`Refreshed 12 codes. ${FRESH}`);
    expect(recalculated().map((record) => record.cell)).toEqual(["Sheet1!A1", `${MINE}!B1`, `${MINE}!C1`]);
    // A manual refresh does not: the menu's Refresh formulas is there for that.
    world.refreshNow();
    expect(world.lastRun()).not.toHaveProperty("formulaCells");
  });

  it("leaves the formulas as they are when the run has too little time left, and says they wait", () => {
    // 100 codes at 57 s a round trip, then a Slack post taking 59 s: past 5.5 minutes.
    const slow = createRefreshWorld({ codeCount: 100, apiDelayMs: 57_000 });
    const sheet = slow.gas.spreadsheet.sheet("Sheet1");
    type(sheet, 1, 1, "=OPENQR_CODES()");
    type(sheet, 2, 1, `=OPENQR_TOTAL("${slow.api.codes[0]!.id}")`);
    slow.gas.recalculate();
    slow.saveSettings({ schedule: "hourly", refreshFormulas: true, slackWebhookUrl: SLACK_WEBHOOK });
    slow.slack.inject([{ delayMs: 59_000 }]);
    slow.fireSchedule();
    const report = slow.lastRun();
    expect(report.slack).toEqual({ status: "posted", chat: "slack" });
    expect(report.formulaCells).toBe(0);
    expect(report.message).toBe(
      "Refreshed 80 codes; 20 codes wait for the next run (this one reached its time limit). Refreshed no formula cells; 2 formula cells wait: the time ran out (use Refresh formulas).",
    );
    expect(slow.gas.recalculate()).toEqual([]);
    // Nothing rewritten, so the formulas' cached answers still count.
    expect(slow.gas.caches.document.get("oqr:formula-generation")).toBeNull();
    expect(slow.gas.spreadsheet.sheetFormulas("Sheet1")).toEqual([
      ["=OPENQR_CODES()"],
      [`=OPENQR_TOTAL("${slow.api.codes[0]!.id}")`],
    ]);
  });

  it("is the user's own setting, kept with their schedule", () => {
    const saved = world.call("saveSettings", [
      { days: 7, schedule: "daily", hour: 6, codes: "all", formulasUseMyKey: false, refreshFormulas: true },
    ]) as Settings;
    expect(saved.refreshFormulas).toBe(true);
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({ refreshFormulas: false });
    // Left out, it stays as saved.
    world.saveSettings({ schedule: "hourly" });
    expect(world.call("getSettings")).toMatchObject({ refreshFormulas: true, schedule: "hourly" });
  });
});

describe("the quota planner", () => {
  const hourly = { days: 7, schedule: "hourly", hour: 7, codes: "all", formulasUseMyKey: false };

  it("counts the formula cells' fetches when refreshing them after each run is ticked", () => {
    world.refreshNow();
    // 12 codes + 1 listing; the formulas: 1 id (B1), 2 ids (C1) and a listing (A1).
    const plan = world.call("estimateSchedule", [{ ...hourly, refreshFormulas: true }]) as SchedulePlan;
    expect(plan).toMatchObject({
      codes: 12,
      formulaCells: 3,
      fetchesPerDay: 24 * (12 + 1 + 4),
      message:
        "Hourly for 12 codes and 3 formula cells uses about 408 of 20,000 URL fetches and 3 of 90 trigger minutes a day; OpenQR Daily has room for about 361 years of history.",
    });
    const without = world.call("estimateSchedule", [{ ...hourly, refreshFormulas: false }]) as SchedulePlan;
    expect(without.fetchesPerDay).toBe(24 * 13);
    expect(without).not.toHaveProperty("formulaCells");
    // Rewriting the 3 cells: 0.1 s each, 24 times a day.
    expect(plan.minutesPerDay! - without.minutesPerDay!).toBeCloseTo(0.1, 5);
  });

  it("shows the saved plan with them, counted when saving", () => {
    world.refreshNow();
    const saved = world.call("saveSettings", [{ ...hourly, refreshFormulas: true }]) as Settings;
    expect(saved.schedulePlan).toMatchObject({ formulaCells: 3, fetchesPerDay: 408 });
    // A new formula is counted at the next pass.
    type(mine, 5, 2, '=OPENQR_SUMMARY("abc", 30)');
    expect((world.call("getSettings") as Settings).schedulePlan.formulaCells).toBe(3);
    refreshFormulas();
    expect((world.call("getSettings") as Settings).schedulePlan).toMatchObject({
      formulaCells: 4,
      fetchesPerDay: 24 * (12 + 1 + 5),
    });
  });
});
