// The Summary's Group column, from dist/ in the emulator: the user types a group beside a code and
// it stays with that code through refreshes, the add-on's re-sort, the user's sort, codes coming and
// going and the migration from layout 2; the digest then gives each group's lines, escaped.
import { beforeEach, describe, expect, it } from "vitest";
import { slackFormattingOf } from "../../harness/fake-slack/index.ts";
import { columnOf } from "../../src/report/summary-rows.ts";
import { STATUS_DELETED } from "../../src/report/summary-status.ts";
import { BREAKDOWN, createRefreshWorld, DAILY, type RefreshWorld, SUMMARY } from "./refresh-world.ts";
import { CHAT_WEBHOOK, SLACK_WEBHOOK } from "./world.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY = "2026-11-24";
const LAYOUT_KEY = "openqr.layout";
const LIFETIME = columnOf("Lifetime");
const ACCOUNT = columnOf("Account");
const GROUP = columnOf("Group");
const HOSTILE_GROUP = "<!channel> *bold* <users/all>";

let world: RefreshWorld;

beforeEach(() => {
  world = createRefreshWorld();
  world.saveSettings({ schedule: "hourly", days: 30 });
  world.fireSchedule();
});

const summaryValues = () => world.gas.spreadsheet.sheetValues(SUMMARY);
/** The code rows' count: the Total row follows them. */
const codeRowCount = () => summaryValues().findIndex((row) => row[0] === "Total") - 1;
/** The 1-based row of a code in the Summary. */
const rowOf = (codeId: string) => summaryValues().findIndex((row) => row[0] === codeId) + 1;
const typeGroup = (codeId: string, group: string) =>
  world.sheet(SUMMARY).write(rowOf(codeId), GROUP, { value: group });
/** Every code row as [Code ID, Slug, Group], in the sheet's order. */
const codeRows = () =>
  summaryValues()
    .slice(1, codeRowCount() + 1)
    .map((row) => [row[0], row[1], row[GROUP - 1]]);
/** Each code's Group cell, by code id. */
const groupsShown = () => Object.fromEntries(codeRows().map(([id, , group]) => [id, group]));
const bySlug = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[1]).localeCompare(String(b[1])));

/** Three codes given two groups, the rest left blank. */
function typeGroups(): Record<string, string> {
  const typed = {
    [world.id("festival-gate")]: "Festival",
    [world.id("spring-sale")]: "Festival",
    [world.id("menu-table-4")]: "Café  ",
  };
  for (const [codeId, group] of Object.entries(typed)) typeGroup(codeId, group);
  return typed;
}

/** The groups as the sheet shows them: the typed text, every other code blank. */
function expectedGroups(typed: Record<string, string>, codeIds: readonly string[]) {
  return Object.fromEntries(codeIds.map((id) => [id, typed[id] ?? ""]));
}

describe("a group the user typed in the Summary", () => {
  it("stays with its code through hourly and daily refreshes, and the add-on never writes it", () => {
    const typed = typeGroups();
    const ids = codeRows().map(([id]) => id as string);
    const before = codeRows();
    for (const step of [HOUR_MS, HOUR_MS, DAY_MS]) {
      world.gas.clock.advance(step);
      world.fireSchedule();
      expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12 });
      expect(codeRows()).toEqual(before);
      expect(groupsShown()).toEqual(expectedGroups(typed, ids));
    }
    // The Total row and the chart's series below have no group.
    const total = codeRowCount() + 2;
    expect(
      summaryValues()
        .slice(total - 1)
        .map((row) => row[GROUP - 1]),
    ).toEqual(
      summaryValues()
        .slice(total - 1)
        .map(() => ""),
    );
  });

  it("moves with its row when the user sorts the Summary, and the refresh puts the rows back in order", () => {
    const typed = typeGroups();
    const before = codeRows();
    const sheet = world.sheet(SUMMARY);
    // The user's sort by Lifetime, largest first, over the code rows: whole rows move.
    sheet.sortRows(
      2,
      codeRowCount(),
      (a, b) => (sheet.cell(b, LIFETIME).value as number) - (sheet.cell(a, LIFETIME).value as number),
    );
    expect(codeRows()).not.toEqual(before);
    expect(bySlug(codeRows())).toEqual(bySlug(before));
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12 });
    expect(codeRows()).toEqual(before);
    expect(groupsShown()).toEqual(expectedGroups(typed, Object.keys(groupsShown())));
  });

  it("stays with its code when codes are added and deleted at OpenQR, and a new code starts blank", () => {
    const typed = typeGroups();
    const festival = world.id("festival-gate");
    const added = world.api.addCode({ slug: "aaa-new-poster", created_at: "2026-10-01T00:00:00Z" });
    world.api.removeCode(festival);
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12 });
    const rows = codeRows();
    // The new code sorts in first, blank; the deleted code's row is kept, with its group.
    expect(rows[0]).toEqual([added.id, "aaa-new-poster", ""]);
    expect(summaryValues()[rowOf(festival) - 1]![columnOf("Status") - 1]).toBe(STATUS_DELETED);
    expect(groupsShown()).toEqual(
      expectedGroups(
        typed,
        rows.map(([id]) => id as string),
      ),
    );
    // A group typed for the new code stays once more codes sort in above it.
    typeGroup(added.id, "Posters");
    const second = world.api.addCode({ slug: "aa-first", created_at: "2026-10-01T00:00:00Z" });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(codeRows().slice(0, 2)).toEqual([
      [second.id, "aa-first", ""],
      [added.id, "aaa-new-poster", "Posters"],
    ]);
    expect(groupsShown()[festival]).toBe("Festival");
  });

  it("holding a formula keeps the formula, moved with its row and re-based to it", () => {
    const sheet = world.sheet(SUMMARY);
    const codes = codeRowCount();
    // What Sheets would show: the slug's first word in capitals.
    for (let row = 2; row <= codes + 1; row++) {
      const slug = String(sheet.cell(row, 2).value);
      const formula = `=UPPER(REGEXEXTRACT(B${row},"^[a-z]+"))`;
      sheet.write(row, GROUP, { value: slug.split("-")[0]!.toUpperCase(), formula });
    }
    const formulas = () =>
      world.gas.spreadsheet
        .sheetFormulas(SUMMARY)
        .slice(1, codeRowCount() + 1)
        .map((row, index) => [summaryValues()[index + 1]![0], row[GROUP - 1]]);
    const before = formulas();
    const added = world.api.addCode({ slug: "aaa-new-poster", created_at: "2026-10-01T00:00:00Z" });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    // Every row moved down one: its formula with it, reading its own row; the new code's cell blank.
    expect(formulas()).toEqual([
      [added.id, ""],
      ...before.map(([id], index) => [id, `=UPPER(REGEXEXTRACT(B${index + 3},"^[a-z]+"))`]),
    ]);
  });
});

describe("a Summary of layout 2", () => {
  const LAYOUT_2_SUMMARY = [
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
    "Account",
  ];

  /** The workbook as layout 2 left it: no Group column (T), every sheet marked 2. */
  function layoutTwoWorkbook(): void {
    const summary = world.sheet(SUMMARY);
    summary.deleteColumns(GROUP, 1);
    summary.maxColumns += 1; // a new sheet's 26 columns, as the add-on left them
    for (const record of world.gas.spreadsheet.developerMetadata.filter((r) => r.key === LAYOUT_KEY))
      record.value = "2";
    world.gas.properties.document.delete("openqr.reportLayout");
    expect(summaryValues()[0]).toEqual(LAYOUT_2_SUMMARY);
  }

  it("gains Group after Account: every row kept, the user's columns moved right with their formulas re-based", () => {
    layoutTwoWorkbook();
    const summary = world.sheet(SUMMARY);
    const codes = codeRowCount();
    summary.write(1, 20, { value: "Double" });
    summary.write(1, 21, { value: "Double + 1" });
    for (let row = 2; row <= codes + 1; row++) {
      summary.write(row, 20, { value: `=E${row}*2`, formula: `=E${row}*2` });
      summary.write(row, 21, { value: `=T${row}+1`, formula: `=T${row}+1` });
    }
    summary.write(codes + 2, 20, { value: "checked by Sam" });
    const before = summaryValues();
    const daily = world.gas.spreadsheet.sheetValues(DAILY);
    const breakdown = world.gas.spreadsheet.sheetValues(BREAKDOWN);

    // At the same instant, so OpenQR's counts are those the layout-2 run wrote.
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12, failed: 0 });
    const after = summaryValues();
    expect(after[0]).toEqual([...LAYOUT_2_SUMMARY, "Group", "Double", "Double + 1"]);
    expect(summary.cell(1, GROUP).style?.fontWeight).toBe("bold");
    expect(after).toHaveLength(before.length);
    const formulas = world.gas.spreadsheet.sheetFormulas(SUMMARY);
    for (let row = 2; row <= codes + 1; row++) {
      // The add-on's columns exactly as they were, Group blank, the user's columns one right.
      expect(after[row - 1]!.slice(0, ACCOUNT)).toEqual(before[row - 1]!.slice(0, ACCOUNT));
      expect(after[row - 1]![GROUP - 1]).toBe("");
      expect(formulas[row - 1]!.slice(GROUP, GROUP + 2)).toEqual([`=E${row}*2`, `=U${row}+1`]);
    }
    expect(after[codes + 1]!.slice(0, 2)).toEqual(["Total", "12 codes"]);
    expect(after[codes + 1]!.slice(GROUP - 1, GROUP + 1)).toEqual(["", "checked by Sam"]);
    expect(world.gas.spreadsheet.sheetValues(DAILY)).toEqual(daily);
    expect(world.gas.spreadsheet.sheetValues(BREAKDOWN)).toEqual(breakdown);
    for (const name of [DAILY, BREAKDOWN, SUMMARY])
      expect(
        world.gas.spreadsheet
          .metadataOf(name)
          .filter((record) => record.key === LAYOUT_KEY)
          .map((record) => record.value),
      ).toEqual(["3"]);

    // A group typed in the new column stays with its code; nothing is inserted again.
    const inserted = world.gas.calls["Sheet.insertColumnsAfter"] ?? 0;
    const festival = world.id("festival-gate");
    typeGroup(festival, "Festival");
    world.api.addCode({ slug: "aaa-new-poster", created_at: "2026-10-01T00:00:00Z" });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.gas.calls["Sheet.insertColumnsAfter"] ?? 0).toBe(inserted);
    expect(summaryValues()[0]).toEqual(after[0]);
    expect(groupsShown()[festival]).toBe("Festival");
    expect(Object.values(groupsShown()).filter((group) => group !== "")).toEqual(["Festival"]);
    const row = rowOf(festival);
    expect(world.gas.spreadsheet.sheetFormulas(SUMMARY)[row - 1]!.slice(GROUP, GROUP + 2)).toEqual([
      `=E${row}*2`,
      `=U${row}+1`,
    ]);
  });
});

describe("the digest with groups", () => {
  /** The figures OpenQR's model gives a set of codes: scans on DAY, and over the 7 days to it. */
  function figures(codeIds: readonly string[]) {
    const week = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.parse(DAY) - i * DAY_MS).toISOString().slice(0, 10),
    );
    const sum = (days: readonly string[]) =>
      codeIds.reduce((total, id) => total + days.reduce((s, day) => s + world.api.scansOn(id, day).n, 0), 0);
    const n = (value: number) => value.toLocaleString("en-US");
    return `${n(sum([DAY]))} · 7 days ${n(sum(week))} · ${codeIds.length} ${codeIds.length === 1 ? "code" : "codes"}`;
  }

  /** Groups typed after the first run, then the next day's first scheduled run posts the digest. */
  function digestWithGroups(webhook: string) {
    const hostile = world.api.addCode({
      slug: "hostile-group",
      fixedDaily: { [DAY]: 100_000 },
      created_at: "2026-10-01T00:00:00Z",
    });
    world.refreshNow();
    const festival = [world.id("festival-gate"), world.id("spring-sale")];
    for (const id of festival) typeGroup(id, "Festival");
    typeGroup(hostile.id, HOSTILE_GROUP);
    world.saveSettings({ schedule: "hourly", days: 30, slackWebhookUrl: webhook });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    const others = codeRows()
      .map(([id]) => id as string)
      .filter((id) => id !== hostile.id && !festival.includes(id));
    return { hostile: figures([hostile.id]), festival: figures(festival), others: figures(others) };
  }

  /** The "By group" line and the group lines after it. */
  const groupLinesOf = (text: string) => {
    const lines = text.split("\n");
    const start = lines.indexOf(`By group on ${DAY}:`);
    const end = lines.findIndex((line, index) => index > start && !line.startsWith("• "));
    return lines.slice(start, end);
  };

  it("to Slack: each group's lines after the fleet's, the group's name escaped", () => {
    const expected = digestWithGroups(SLACK_WEBHOOK);
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "slack" });
    const [text] = world.slack.messages;
    expect(groupLinesOf(text!)).toEqual([
      `By group on ${DAY}:`,
      `• *&lt;!channel&gt; *bold* &lt;users/all&gt;*: ${expected.hostile}`,
      `• *Festival*: ${expected.festival}`,
      `• (no group): ${expected.others}`,
    ]);
    expect(text!.split("\n")[2]).toBe(`By group on ${DAY}:`);
    const formatting = slackFormattingOf(text!);
    expect(formatting.mentions).toEqual([]);
    expect(formatting.links).toHaveLength(1);
  });

  it("to Google Chat: the same lines, the name neutralised", () => {
    const expected = digestWithGroups(CHAT_WEBHOOK);
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    const [message] = world.chat.received;
    expect(groupLinesOf(message!.text)).toEqual([
      `By group on ${DAY}:`,
      `• *‹!channel› ∗bold∗ ‹users/all›*: ${expected.hostile}`,
      `• *Festival*: ${expected.festival}`,
      `• (no group): ${expected.others}`,
    ]);
    expect(message!.formatting.mentions).toEqual([]);
    expect(message!.formatting.links).toHaveLength(1);
  });

  it("without groups reads as before: no group line", () => {
    world.saveSettings({ schedule: "hourly", days: 30, slackWebhookUrl: SLACK_WEBHOOK });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    const [text] = world.slack.messages;
    expect(text).not.toContain("group");
    expect(text!.split("\n")[2]).toMatch(/^(Movers|Top 10 codes on |:chart)/);
  });
});
