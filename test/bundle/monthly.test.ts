// OpenQR Monthly from dist/ in the emulator: a year and more of archive gives exact monthly
// figures against a model computed here from OpenQR Daily's rows (UTC months, a 31-day and a
// 28-day month, a month the archive only partly holds, a deleted code's months); an hourly
// refresh rewrites only the months it touched and reads only the archive's tail.
import { describe, expect, it } from "vitest";
import { prefillHistory } from "../../bench/worlds.ts";
import { CELLS_READ, type CellValue } from "../../harness/emulator/index.ts";
import type { FakeCode } from "../../harness/fake-openqr/index.ts";
import { MONTHLY_BUILT_NOTE } from "../../src/report/sheet-kinds.ts";
import { createRefreshWorld, DAILY, MONTHLY, type RefreshWorld } from "./refresh-world.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 22:30 UTC on the last day of March: two hours later it is April in UTC. */
const START = Date.parse("2026-03-31T22:30:00Z");
const WINDOW_DAYS = 30;
/** The archive's first day: mid-January 2025, so January 2025 is held only in part. */
const FIRST_DAY = Date.parse("2025-01-17T00:00:00Z");
const HISTORY_DAYS = Math.floor(START / DAY_MS) - WINDOW_DAYS - FIRST_DAY / DAY_MS + 1;

/** A world whose OpenQR Daily holds history from FIRST_DAY for three live codes and one deleted at OpenQR. */
function yearOfArchive(): { world: RefreshWorld; live: FakeCode[]; deleted: FakeCode } {
  const world = createRefreshWorld({ now: START });
  // business-card is over a year old: it has a month-over-month and a year-over-year figure.
  const live = world.api.codes.filter((code) =>
    ["business-card", "menu-table-4", "bus-stop-poster"].includes(code.slug),
  );
  const deleted: FakeCode = { ...live[0]!, id: "c0ffee0000000000000000000000dead", slug: "retired-flyer" };
  world.saveSettings({ days: WINDOW_DAYS, schedule: "hourly", codes: live.map((code) => code.id) });
  prefillHistory(world.gas.spreadsheet, [...live, deleted], START, WINDOW_DAYS, HISTORY_DAYS);
  return { world, live, deleted };
}

function run(world: RefreshWorld): { cellsRead: number; notes: string[] } {
  world.gas.resetCalls();
  world.fireSchedule();
  const report = world.lastRun();
  expect(report, report.message).toMatchObject({ ok: true });
  return { cellsRead: world.gas.calls[CELLS_READ] ?? 0, notes: report.notes };
}

const monthOf = (day: string) => day.slice(0, 7);
const addMonths = (month: string, count: number) => {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + count, 1));
  return date.toISOString().slice(0, 7);
};
const daysIn = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/** A Day cell (midnight in Los Angeles) as OpenQR's UTC day. */
const utcDay = (cell: CellValue) =>
  new Date((cell as Date).getTime() + 12 * HOUR_MS).toISOString().slice(0, 10);

type ModelRow = [
  string,
  string,
  string,
  string,
  number | "",
  number,
  number | "",
  number | "",
  number | "",
  number | "",
  boolean,
];

/** The Monthly table the archive implies, computed from OpenQR Daily's rows; `today` is the API's. */
function model(world: RefreshWorld, today: string): ModelRow[] {
  const groups = new Map<
    string,
    { month: string; id: string; slug: string; lastDay: string; scans: number; days: number }
  >();
  for (const row of world.gas.spreadsheet.sheetValues(DAILY).slice(1)) {
    const day = utcDay(row[0]!);
    const key = `${monthOf(day)}|${row[1]}`;
    const group = groups.get(key) ?? {
      month: monthOf(day),
      id: String(row[1]),
      slug: "",
      lastDay: "",
      scans: 0,
      days: 0,
    };
    if (day >= group.lastDay) [group.lastDay, group.slug] = [day, String(row[2])];
    group.scans += row[3] as number;
    group.days++;
    groups.set(key, group);
  }
  const complete = (g: { month: string; days: number } | undefined) =>
    g !== undefined && g.month < monthOf(today) && g.days === daysIn(g.month);
  const rows: ModelRow[] = [];
  for (const g of groups.values()) {
    const before = groups.get(`${addMonths(g.month, -1)}|${g.id}`);
    const yearAgo = groups.get(`${addMonths(g.month, -12)}|${g.id}`);
    const change = (other: typeof before) =>
      complete(g) && complete(other) && other!.scans > 0 ? g.scans / other!.scans - 1 : "";
    rows.push([
      g.month,
      g.id,
      g.slug,
      "",
      g.scans,
      g.days,
      complete(before) ? before!.scans : "",
      change(before),
      complete(yearAgo) ? yearAgo!.scans : "",
      change(yearAgo),
      complete(g),
    ]);
  }
  const lower = (text: string) => text.toLowerCase();
  return rows.sort((a, b) =>
    a[0] !== b[0]
      ? a[0] < b[0]
        ? -1
        : 1
      : lower(a[2]) < lower(b[2])
        ? -1
        : lower(a[2]) > lower(b[2])
          ? 1
          : a[1] < b[1]
            ? -1
            : 1,
  );
}

/** The Monthly sheet's rows, its Month column as shown (yyyy-mm). */
function monthlyRows(world: RefreshWorld): ModelRow[] {
  const shown = world.shown(MONTHLY);
  return world.gas.spreadsheet
    .sheetValues(MONTHLY)
    .slice(1)
    .map((row, index) => [shown[index + 1]![0], ...row.slice(1, 11)] as unknown as ModelRow);
}

const find = (rows: readonly ModelRow[], month: string, id: string) =>
  rows.find((r) => r[0] === month && r[1] === id)!;

describe("OpenQR Monthly from a year and more of archive", () => {
  it("gives each UTC month's exact figures, honest about partial months and a deleted code's", () => {
    const { world, live, deleted } = yearOfArchive();
    const first = run(world);
    // Made beside an existing archive: built from all of it, once, and the report says so.
    expect(first.notes).toContain(MONTHLY_BUILT_NOTE);
    expect(world.shown(MONTHLY)[0]).toEqual([
      "Month",
      "Code ID",
      "Slug",
      "Group",
      "Scans",
      "Days counted",
      "Previous month",
      "Change",
      "Same month last year",
      "Change vs last year",
      "Complete",
    ]);
    const rows = monthlyRows(world);
    expect(rows).toEqual(model(world, "2026-03-31"));
    // 15 months × 4 codes, January 2025 to March 2026.
    expect(rows).toHaveLength(15 * 4);
    // A code with scans in the months compared (some of the fake codes sleep for months).
    const code = live
      .map((c) => c.id)
      .find((id) =>
        ["2025-02", "2026-01", "2026-02"].every((month) => (find(rows, month, id)[4] as number) > 0),
      )!;
    expect(code).toBeDefined();
    // A 28-day and a 31-day month, complete, compared with the month before and the year before.
    const february = find(rows, "2026-02", code);
    expect(february.slice(5)).toEqual([
      28,
      find(rows, "2026-01", code)[4],
      expect.any(Number),
      find(rows, "2025-02", code)[4],
      expect.any(Number),
      true,
    ]);
    expect(find(rows, "2026-01", code)[5]).toBe(31);
    // January 2025 is held from the 17th: 15 days, not complete, so nothing compares with it.
    expect(find(rows, "2025-01", code).slice(5)).toEqual([15, "", "", "", "", false]);
    expect(find(rows, "2025-02", code).slice(6, 8)).toEqual(["", ""]);
    expect(find(rows, "2026-01", code).slice(8, 10)).toEqual(["", ""]);
    // The current month: its days so far, its changes blank, last month's figure beside it.
    expect(find(rows, "2026-03", code).slice(5)).toEqual([
      31,
      february[4],
      "",
      find(rows, "2025-03", code)[4],
      "",
      false,
    ]);
    // The deleted code keeps its months; March holds only its day before the window.
    expect(find(rows, "2026-03", deleted.id).slice(2, 6)).toEqual([
      "retired-flyer",
      "",
      expect.any(Number),
      1,
    ]);
    expect(rows.filter((row) => row[1] === deleted.id)).toHaveLength(15);
    // Formats: Month as yyyy-mm, counts as #,##0, changes as +0%.
    const shownFebruary = world.shown(MONTHLY)[rows.indexOf(february) + 1]!;
    expect(shownFebruary[0]).toBe("2026-02");
    expect(shownFebruary[7]).toMatch(/^[+-]?\d+%$/);
  });

  it("an hourly run rewrites only the touched months' changed cells; at the month's end, March is completed", () => {
    const { world, deleted } = yearOfArchive();
    run(world);
    world.gas.clock.advance(HOUR_MS);
    const before = monthlyRows(world);
    const firstMarch = before.findIndex((row) => row[0] === "2026-03");
    run(world);
    const after = monthlyRows(world);
    expect(after).toEqual(model(world, "2026-03-31"));
    // Same day: only March's Scans cells that changed (sheet rows are table rows + 2).
    const changed = after
      .map((row, index) => (row[4] !== before[index]![4] ? index : -1))
      .filter((i) => i >= 0);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed[0]).toBeGreaterThanOrEqual(firstMarch);
    expect(world.gas.valueWrites.filter((write) => write.sheet === MONTHLY)).toEqual([
      {
        sheet: MONTHLY,
        row: changed[0]! + 2,
        column: 5,
        numRows: changed[changed.length - 1]! - changed[0]! + 1,
        numColumns: 1,
      },
    ]);

    // Past midnight UTC: April begins; March is rebuilt once more (completed), earlier months stay as they were.
    world.gas.clock.advance(HOUR_MS);
    const lastOfMarch = monthlyRows(world);
    run(world);
    const april = monthlyRows(world);
    expect(april).toEqual(model(world, "2026-04-01"));
    expect(april.slice(0, firstMarch)).toEqual(lastOfMarch.slice(0, firstMarch));
    const writes = world.gas.valueWrites.filter((write) => write.sheet === MONTHLY);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.row).toBeGreaterThanOrEqual(firstMarch + 2);
    const march = april.filter((row) => row[0] === "2026-03" && row[1] !== deleted.id);
    for (const row of march) {
      expect(row[5]).toBe(31);
      expect(row[10]).toBe(true);
      expect(row[7]).not.toBe("");
    }
    // The deleted code: March kept from the archive (one day, not complete), no April row.
    expect(find(april, "2026-03", deleted.id).slice(5)).toEqual([
      1,
      expect.any(Number),
      "",
      expect.any(Number),
      "",
      false,
    ]);
    expect(april.filter((row) => row[0] === "2026-04").map((row) => row[1])).not.toContain(deleted.id);
  });

  it("a refresh after a gap past a month's end reads that month's first days again and completes it", () => {
    const { world } = yearOfArchive();
    run(world);
    // Next refresh twelve days into April: its 30-day window starts on March 14.
    world.gas.clock.advance(12 * DAY_MS);
    run(world);
    const rows = monthlyRows(world);
    expect(rows).toEqual(model(world, "2026-04-12"));
    const march = rows.filter((row) => row[0] === "2026-03" && row[5] === 31);
    expect(march).toHaveLength(3);
    for (const row of march) expect(row[10]).toBe(true);
  });

  it("keeps a user's columns beside their rows, follows a rename, and never touches a sheet of the user's with its name", () => {
    const { world } = yearOfArchive();
    run(world);
    const monthly = world.sheet(MONTHLY);
    monthly.name = "Months";
    const rows = world.gas.spreadsheet.sheetValues("Months");
    const last = rows.length;
    monthly.write(1, 12, { value: "Note" });
    monthly.write(last, 12, { value: "check" });
    monthly.write(2, 12, { value: "oldest" });
    world.gas.clock.advance(2 * HOUR_MS);
    run(world);
    const after = world.gas.spreadsheet.sheetValues("Months");
    // April's rows came after March's; the notes stayed with their rows.
    expect(after[last - 1]![11]).toBe("check");
    expect(after[last - 1]!.slice(0, 2)).toEqual(rows[last - 1]!.slice(0, 2));
    expect(after[1]![11]).toBe("oldest");
    expect(after.slice(last).every((row) => row[11] === "")).toBe(true);

    // A workbook from before OpenQR Monthly, with a sheet of the user's under that name.
    const other = yearOfArchive().world;
    const theirs = other.gas.spreadsheet.addSheet(MONTHLY);
    theirs.write(1, 1, { value: "my months" });
    other.fireSchedule();
    expect(other.lastRun()).toMatchObject({
      ok: false,
      message: `A sheet named "OpenQR Monthly" is not the add-on's, so nothing was changed: rename it, then refresh again.`,
    });
    expect(other.gas.spreadsheet.sheetValues(MONTHLY)).toEqual([["my months"]]);
  });

  it("an hourly run reads about what the same run reads without history", () => {
    const worldWith = (historyDays: number) => {
      const world = createRefreshWorld({ now: START });
      world.saveSettings({ days: WINDOW_DAYS, schedule: "hourly", codes: "all" });
      if (historyDays > 0)
        prefillHistory(world.gas.spreadsheet, world.api.codes, START, WINDOW_DAYS, historyDays);
      return world;
    };
    const none = worldWith(0);
    const years = worldWith(3 * 365);
    run(none);
    run(years);
    // Hourly, on the month's last day and past midnight into the next month.
    for (const step of [HOUR_MS, HOUR_MS]) {
      none.gas.clock.advance(step);
      years.gas.clock.advance(step);
      const without = run(none).cellsRead;
      const withHistory = run(years).cellsRead;
      expect(withHistory).toBeLessThanOrEqual(without * 1.2);
    }
    expect(years.gas.spreadsheet.sheetValues(MONTHLY).length).toBeGreaterThan(36 * 12);
  });
});
