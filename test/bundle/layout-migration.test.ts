// The report sheets' layouts, from dist/ in the emulator: a workbook laid out by the add-on before
// layout 2 (no Account or Group column, no layout marks) is migrated in place by the next refresh.
// (From layout 2, Group alone: code-groups.test.ts.)
import { beforeEach, describe, expect, it } from "vitest";
import { columnOf } from "../../src/report/summary-rows.ts";
import { BREAKDOWN, createRefreshWorld, DAILY, type RefreshWorld, SUMMARY } from "./refresh-world.ts";

const HOUR_MS = 3_600_000;
const LAYOUT_KEY = "openqr.layout";
const ACCOUNT = columnOf("Account");
const GROUP = columnOf("Group");
const LAYOUT_1_SUMMARY = [
  "Code ID",
  "Slug",
  "Short URL",
  "Destination",
  "Lifetime",
  "Last 7 days",
  "Last 7 full days",
  "Previous 7 full days",
  "Change",
  "Trend",
  "Window total",
  "Window (days)",
  "Top country",
  "Top device",
  "Top referrer",
  "Busiest day",
  "Refreshed at",
  "Status",
];

let world: RefreshWorld;

const layoutMarks = (name: string) =>
  world.gas.spreadsheet
    .metadataOf(name)
    .filter((record) => record.key === LAYOUT_KEY)
    .map((record) => record.value);
const callsOf = (name: string) => world.gas.calls[name] ?? 0;

/**
 * The workbook as the add-on wrote it before layout 2: the same sheets less the Summary's
 * Account and Group columns (S, T) and the layout marks. The code rows then end at Status (R).
 */
function layoutOneWorkbook(): void {
  world.fireSchedule();
  const summary = world.sheet(SUMMARY);
  summary.deleteColumns(ACCOUNT, 2);
  summary.maxColumns += 2; // a new sheet's 26 columns, as the add-on left them
  const { spreadsheet } = world.gas;
  for (const record of spreadsheet.developerMetadata.filter((r) => r.key === LAYOUT_KEY))
    spreadsheet.removeDeveloperMetadata(record);
  world.gas.properties.document.delete("openqr.reportLayout");
  expect(spreadsheet.sheetValues(SUMMARY)[0]).toEqual(LAYOUT_1_SUMMARY);
}

/** The user's columns right of Status: a formula on the row's Lifetime, and one on that column. */
function addUsersColumns(codeRows: number): void {
  const summary = world.sheet(SUMMARY);
  summary.write(1, 19, { value: "Double" });
  summary.write(1, 20, { value: "Double + 1" });
  for (let row = 2; row <= codeRows + 1; row++) {
    summary.write(row, 19, { value: `=E${row}*2`, formula: `=E${row}*2` });
    summary.write(row, 20, { value: `=S${row}+1`, formula: `=S${row}+1` });
  }
  // Beside the Total row, below the code rows: the user's note stays on its row.
  summary.write(codeRows + 2, 19, { value: "checked by Sam" });
}

beforeEach(() => {
  world = createRefreshWorld();
  world.saveSettings({ schedule: "hourly" });
});

describe("a workbook of layout 1", () => {
  it("is migrated in place: every row kept, the user's column moved right with its formula working", () => {
    layoutOneWorkbook();
    addUsersColumns(12);
    const before = world.gas.spreadsheet.sheetValues(SUMMARY);
    const daily = world.gas.spreadsheet.sheetValues(DAILY);
    const breakdown = world.gas.spreadsheet.sheetValues(BREAKDOWN);
    const inserted = callsOf("Sheet.insertColumnsAfter");

    // At the same instant, so OpenQR's counts (today's still growing) are those the legacy run wrote.
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12, failed: 0 });
    expect(callsOf("Sheet.insertColumnsAfter")).toBe(inserted + 1);

    const after = world.gas.spreadsheet.sheetValues(SUMMARY);
    expect(after[0]).toEqual([...LAYOUT_1_SUMMARY, "Account", "Group", "Double", "Double + 1"]);
    expect(world.sheet(SUMMARY).cell(1, ACCOUNT).style?.fontWeight).toBe("bold");
    expect(world.sheet(SUMMARY).cell(1, GROUP).style?.fontWeight).toBe("bold");
    // Every row, in its place: the same codes, the user's formulas two columns right, re-based.
    expect(after.map((row) => row[0])).toEqual(before.map((row) => row[0]));
    const formulas = world.gas.spreadsheet.sheetFormulas(SUMMARY);
    const account = `created ${world.api.createdAt.slice(0, 10)} ${world.api.createdAt.slice(11, 19)} UTC`;
    for (let row = 2; row <= 13; row++) {
      expect(after[row - 1]![ACCOUNT - 1]).toBe(account);
      expect(after[row - 1]![GROUP - 1]).toBe("");
      expect(formulas[row - 1]!.slice(GROUP, GROUP + 2)).toEqual([`=E${row}*2`, `=U${row}+1`]);
      // Everything else on the row is as a refresh at that instant makes it.
      expect(after[row - 1]!.slice(0, 16)).toEqual(before[row - 1]!.slice(0, 16));
      expect(after[row - 1]![17]).toBe("ok");
    }
    expect(after[13]!.slice(0, 2)).toEqual(["Total", "12 codes"]);
    expect(after[13]![GROUP]).toBe("checked by Sam");
    // OpenQR Daily and Breakdown keep their layout and every row (the same UTC day: the same counts).
    expect(world.gas.spreadsheet.sheetValues(DAILY)).toEqual(daily);
    expect(world.gas.spreadsheet.sheetValues(BREAKDOWN)).toEqual(breakdown);
    for (const name of [DAILY, BREAKDOWN, SUMMARY]) expect(layoutMarks(name)).toEqual(["3"]);

    // The next run finds the mark it left: no metadata read, nothing migrated again.
    const finds = callsOf("DeveloperMetadataFinder.find");
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(callsOf("DeveloperMetadataFinder.find")).toBe(finds);
    expect(callsOf("Sheet.insertColumnsAfter")).toBe(inserted + 1);
    expect(world.gas.spreadsheet.sheetFormulas(SUMMARY)).toEqual(formulas);
    expect(world.gas.spreadsheet.sheetValues(SUMMARY)[0]).toEqual(after[0]);
  });

  it("without columns of the user's gains the Account and Group headers beside Status, with no column inserted", () => {
    layoutOneWorkbook();
    const inserted = callsOf("Sheet.insertColumnsAfter");
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(callsOf("Sheet.insertColumnsAfter")).toBe(inserted);
    const after = world.gas.spreadsheet.sheetValues(SUMMARY);
    expect(after[0]).toEqual([...LAYOUT_1_SUMMARY, "Account", "Group"]);
    expect(after.slice(1, 13).every((row) => String(row[ACCOUNT - 1]).startsWith("created "))).toBe(true);
  });

  it("with a column inserted among the add-on's is refused as before, by its own layout's columns", () => {
    layoutOneWorkbook();
    world.sheet(SUMMARY).insertColumns(3, 1);
    const before = world.gas.spreadsheet.sheetValues(SUMMARY);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      message: `Columns were inserted or moved among the add-on's columns of "OpenQR Summary" (A to R: Code ID to Status), so nothing was changed: move your own columns to the right of column R, then refresh again.`,
    });
    expect(world.gas.spreadsheet.sheetValues(SUMMARY)).toEqual(before);
    for (const name of [DAILY, BREAKDOWN, SUMMARY]) expect(layoutMarks(name)).toEqual([]);
  });

  it("is left as it is by a run that cannot list the codes", () => {
    layoutOneWorkbook();
    addUsersColumns(12);
    const before = world.gas.spreadsheet.sheetFormulas(SUMMARY);
    world.api.inject("*list", Array(10).fill({ status: 404, code: "not_found" }));
    world.fireSchedule();
    expect(world.lastRun().ok).toBe(false);
    expect(world.gas.spreadsheet.sheetFormulas(SUMMARY)).toEqual(before);
    expect(layoutMarks(SUMMARY)).toEqual([]);
  });
});

describe("a layout this version does not know", () => {
  it("stops the refresh before anything is written", () => {
    world.fireSchedule();
    world.gas.properties.document.delete("openqr.reportLayout");
    const mark = world.gas.spreadsheet.metadataOf(DAILY).find((record) => record.key === LAYOUT_KEY)!;
    mark.value = "4";
    const before = world.gas.spreadsheet.sheetValues(SUMMARY);
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      message:
        '"OpenQR Daily" was laid out by a newer version of the OpenQR add-on than this one, so nothing was changed: refresh again once your add-on is up to date.',
    });
    expect(world.gas.spreadsheet.sheetValues(SUMMARY)).toEqual(before);
  });
});

describe("a new workbook", () => {
  it("is made at the current layout, marked on every sheet", () => {
    world.fireSchedule();
    for (const name of [DAILY, BREAKDOWN, SUMMARY]) expect(layoutMarks(name)).toEqual(["3"]);
    expect(world.gas.spreadsheet.sheetValues(SUMMARY)[0]).toEqual([...LAYOUT_1_SUMMARY, "Account", "Group"]);
  });
});
