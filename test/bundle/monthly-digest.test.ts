// The monthly digest from dist/ in the emulator: the first scheduled run of each month (in the
// spreadsheet's zone, once the month has ended in UTC too) posts the month that just ended,
// from OpenQR Monthly's rows, once; manual runs never post it.
import { beforeEach, describe, expect, it } from "vitest";
import { prefillHistory } from "../../bench/worlds.ts";
import type { FakeCode } from "../../harness/fake-openqr/index.ts";
import { percent } from "../../src/report/daily-digest.ts";
import { columnOf } from "../../src/report/summary-rows.ts";
import { createRefreshWorld, MONTHLY, type RefreshWorld, SUMMARY } from "./refresh-world.ts";
import { SLACK_WEBHOOK } from "./world.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 22:30 UTC on 31 March 2026 (15:30 in Los Angeles, the world's zone). */
const START = Date.parse("2026-03-31T22:30:00Z");
const WINDOW_DAYS = 30;
const FIRST_DAY = Date.parse("2025-01-17T00:00:00Z");
const HISTORY_DAYS = Math.floor(START / DAY_MS) - WINDOW_DAYS - FIRST_DAY / DAY_MS + 1;
const HOSTILE_GROUP = "<!channel> Spring";

let world: RefreshWorld;
let live: FakeCode[];

beforeEach(() => {
  world = createRefreshWorld({ now: START });
  live = world.api.codes.filter((code) =>
    ["business-card", "menu-table-4", "bus-stop-poster"].includes(code.slug),
  );
  const deleted: FakeCode = { ...live[0]!, id: "c0ffee0000000000000000000000dead", slug: "retired-flyer" };
  world.saveSettings({
    days: WINDOW_DAYS,
    schedule: "hourly",
    codes: live.map((code) => code.id),
    slackWebhookUrl: SLACK_WEBHOOK,
  });
  prefillHistory(world.gas.spreadsheet, [...live, deleted], START, WINDOW_DAYS, HISTORY_DAYS);
});

const monthlyPosts = () => world.slack.messages.filter((text) => text.startsWith("*OpenQR monthly digest"));

/** The month's rows of OpenQR Monthly as [slug, scans, previous month, complete, a year before]. */
function monthRows(month: string): Array<[string, number, number | "", boolean, number | ""]> {
  return world.gas.spreadsheet
    .sheetValues(MONTHLY)
    .slice(1)
    .filter(
      (row) =>
        row[0] instanceof Date &&
        new Date((row[0] as Date).getTime() + 12 * HOUR_MS).toISOString().startsWith(month),
    )
    .map((row) => [
      String(row[2]),
      row[4] as number,
      row[6] as number | "",
      row[10] as boolean,
      row[8] as number | "",
    ]);
}

describe("the monthly digest", () => {
  it("is posted once for each month that ended, by the first scheduled run after it ended in the spreadsheet's zone", () => {
    world.fireSchedule();
    // The first scheduled run with a webhook: February is the last month over everywhere.
    expect(monthlyPosts().map((text) => text.split("\n")[0])).toEqual([
      "*OpenQR monthly digest: February 2026* · <https://docs.google.com/spreadsheets/d/1EmulatedSpreadsheet0000000000000000000000000/edit|Untitled spreadsheet>",
    ]);
    expect(world.lastRun().monthlyDigest).toEqual({ status: "posted", chat: "slack" });
    const summary = world.gas.spreadsheet.sheetValues(SUMMARY);
    world
      .sheet(SUMMARY)
      .write(summary.findIndex((row) => row[1] === "business-card") + 1, columnOf("Group"), {
        value: HOSTILE_GROUP,
      });

    // From 23:30 UTC to 06:30 UTC (23:30 in Los Angeles, UTC−7 in April) it is still March there.
    for (let hour = 0; hour < 8; hour++) {
      world.gas.clock.advance(HOUR_MS);
      world.fireSchedule();
    }
    expect(monthlyPosts()).toHaveLength(1);
    // 07:30 UTC is 00:30 on 1 April in Los Angeles: March goes out, once.
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(monthlyPosts()).toHaveLength(2);
    for (let hour = 0; hour < 5; hour++) {
      world.gas.clock.advance(HOUR_MS);
      world.fireSchedule();
      expect(world.lastRun().monthlyDigest).toBeUndefined();
    }
    expect(monthlyPosts()).toHaveLength(2);

    const march = monthlyPosts()[1]!.split("\n");
    const rows = monthRows("2026-03");
    expect(rows.map(([slug]) => slug).sort()).toEqual([
      "bus-stop-poster",
      "business-card",
      "menu-table-4",
      "retired-flyer",
    ]);
    // retired-flyer, deleted at OpenQR, has only the days before the window: its March is partial.
    const whole = rows.filter(([, , before, complete]) => complete && before !== "");
    expect(whole.map(([slug]) => slug).sort()).toEqual(["bus-stop-poster", "business-card", "menu-table-4"]);
    const total = rows.reduce((sum, [, scans]) => sum + scans, 0);
    const now = whole.reduce((sum, [, scans]) => sum + scans, 0);
    const previous = whole.reduce((sum, [, , before]) => sum + (before as number), 0);
    const yearAgo = rows.filter(([, , , complete, then]) => complete && then !== "");
    const nowYearAgo = yearAgo.reduce((sum, [, scans]) => sum + scans, 0);
    const then = yearAgo.reduce((sum, [, , , , before]) => sum + (before as number), 0);
    expect(march[0]).toBe(
      "*OpenQR monthly digest: March 2026* · <https://docs.google.com/spreadsheets/d/1EmulatedSpreadsheet0000000000000000000000000/edit|Untitled spreadsheet>",
    );
    expect(march[1]).toBe(
      `*${total.toLocaleString("en-US")} scans* in March 2026 (UTC days) · 4 codes · ` +
        `${percent(now / previous - 1)} vs February 2026 (3 of 4 codes) · ` +
        `${percent(nowYearAgo / then - 1)} vs March 2025 (${yearAgo.length} of 4 codes)`,
    );
    expect(march[2]).toBe(
      "_1 code's month is partly held in OpenQR Daily: counted as held, left out of the changes._",
    );
    // The group typed reaches the Monthly rows written after it (March, April); February's keep theirs.
    const cardGroups = world.gas.spreadsheet
      .sheetValues(MONTHLY)
      .filter((row) => row[2] === "business-card")
      .map((row) => [new Date((row[0] as Date).getTime() + 12 * HOUR_MS).toISOString().slice(0, 7), row[3]]);
    expect(cardGroups.slice(-3)).toEqual([
      ["2026-02", ""],
      ["2026-03", HOSTILE_GROUP],
      ["2026-04", HOSTILE_GROUP],
    ]);
    // The group the user typed reaches the digest, escaped for Slack.
    expect(march.find((line) => line.startsWith("Groups: "))).toContain("*&lt;!channel&gt; Spring* ");
    expect(monthlyPosts().join("\n")).not.toContain("<!channel>");
  });

  it("is never posted by a manual refresh, nor without a webhook", () => {
    world.call("refreshNow");
    expect(world.lastRun().monthlyDigest).toBeUndefined();
    world.saveSettings({
      days: WINDOW_DAYS,
      schedule: "hourly",
      codes: live.map((c) => c.id),
      slackWebhookUrl: "",
    });
    world.fireSchedule();
    expect(world.lastRun().monthlyDigest).toBeUndefined();
    expect(monthlyPosts()).toEqual([]);
  });

  it("is tried again by the next scheduled run after a rate limit, and posted once", () => {
    // The day's digest is posted first, then the month's: both meet Slack's rate limit.
    world.slack.inject([
      { status: 429, body: "rate_limited" },
      { status: 429, body: "rate_limited" },
    ]);
    world.fireSchedule();
    expect(world.lastRun().monthlyDigest).toEqual({
      status: "failed",
      chat: "slack",
      why: "HTTP 429 rate_limited: Slack is limiting posts; the next scheduled run tries again",
    });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.lastRun().monthlyDigest).toEqual({ status: "posted", chat: "slack" });
    world.gas.clock.advance(HOUR_MS);
    world.fireSchedule();
    expect(world.lastRun().monthlyDigest).toBeUndefined();
    expect(monthlyPosts()).toHaveLength(1);
  });
});
