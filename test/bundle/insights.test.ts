// Week over week and the trend of each code, from dist/ in the emulator, on series made for each case.
import { beforeEach, describe, expect, it } from "vitest";
import { columnOf } from "../../src/report/summary-rows.ts";
import { daysEnding } from "../../src/shared/days.ts";
import { createRefreshWorld, type RefreshWorld, SUMMARY } from "./refresh-world.ts";
import { SLACK_WEBHOOK } from "./world.ts";

const DAY_MS = 86_400_000;
/** NOW is 2026-11-25 12:00 UTC: the last complete day is the 24th. */
const YESTERDAY = "2026-11-24";
const INSIGHT_COLUMNS = ["Last 7 full days", "Previous 7 full days", "Change", "Trend"] as const;

/** `values` on the days ending with `last`, oldest first; `before` on every earlier day since October. */
function daily(
  values: number[],
  last = YESTERDAY,
  before: (i: number) => number = () => 0,
): Record<string, number> {
  const days = daysEnding(last, 60);
  const counts: Record<string, number> = {};
  days.forEach((day, i) => {
    const fromEnd = days.length - 1 - i;
    const n = fromEnd < values.length ? values[values.length - 1 - fromEnd]! : before(i);
    if (n > 0) counts[day] = n;
  });
  return counts;
}

let world: RefreshWorld;
let ids: Record<string, string>;

function addCodes(series: Record<string, Record<string, number>>): Record<string, string> {
  const added: Record<string, string> = {};
  for (const [slug, fixedDaily] of Object.entries(series)) {
    added[slug] = world.api.addCode({ slug, fixedDaily, created_at: "2026-01-01T00:00:00Z" }).id;
  }
  return added;
}

function insightsOf(slug: string): unknown[] {
  const row = world.gas.spreadsheet.sheetValues(SUMMARY).find((r) => r[1] === slug)!;
  return INSIGHT_COLUMNS.map((name) => row[columnOf(name) - 1]);
}

describe("the Summary's week over week and trend", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    ids = addCodes({
      "spike-code": daily([200], YESTERDAY, (i) => 18 + (i % 5)),
      "drop-code": daily([0], YESTERDAY, (i) => 48 + (i % 5)),
      "short-history": daily([5, 6, 7, 8, 9]),
      "quiet-code": daily([], YESTERDAY, (i) => (i % 5 === 0 ? 1 : 0)),
      "steady-code": daily([31], YESTERDAY, (i) => 28 + (i % 5)),
      "up-half": daily([...Array(7).fill(10), ...Array(7).fill(15)]),
      "from-nothing": daily(Array(7).fill(3)),
    });
    world.saveSettings({
      days: 30,
      codes: Object.values(ids),
      schedule: "hourly",
      slackWebhookUrl: SLACK_WEBHOOK,
    });
  });

  it("is exact on known data: full UTC days, a blank change after a week of 0", () => {
    world.refreshNow();
    // Exactly 14 days of history: old enough to judge.
    expect(insightsOf("up-half")).toEqual([105, 70, 0.5, "steady"]);
    // Codes chosen one by one are not listed, so their creation is unknown: history starts at
    // the first scan, 7 days ago, too short to judge, and never "new".
    expect(insightsOf("from-nothing")).toEqual([21, 0, "", "learning"]);
    const fortnight = daysEnding(YESTERDAY, 14);
    const sum = (days: string[]) =>
      days.reduce((total, day) => total + world.api.scansOn(ids["steady-code"]!, day).n, 0);
    const [last, previous] = [sum(fortnight.slice(7)), sum(fortnight.slice(0, 7))];
    expect(insightsOf("steady-code")).toEqual([last, previous, (last - previous) / previous, "steady"]);
    expect(world.shown(SUMMARY).find((r) => r[1] === "up-half")![columnOf("Change") - 1]).toBe("+50%");
  });

  it("judges the last complete day: spike, drop, learning, quiet, steady", () => {
    world.refreshNow();
    expect(
      ["spike-code", "drop-code", "short-history", "quiet-code", "steady-code"].map(
        (slug) => insightsOf(slug)[3],
      ),
    ).toEqual(["spike", "drop", "learning", "quiet", "steady"]);
  });

  it("puts Alerts and Movers in the day's Slack digest", () => {
    world.fireSchedule();
    const lines = world.slack.messages[0]!.split("\n");
    expect(lines.filter((line) => line.includes("Alert:"))).toEqual([
      expect.stringMatching(
        /^:chart_with_downwards_trend: Alert: \*drop-code\* had a drop: 0 scans on 2026-11-24; a typical day is 50\.$/,
      ),
      expect.stringMatching(
        /^:chart_with_upwards_trend: Alert: \*spike-code\* had a spike: 200 scans on 2026-11-24; a typical day is 20\.$/,
      ),
    ]);
    expect(lines.find((line) => line.startsWith("Movers"))).toMatch(
      /^Movers \(week over week, full days\): \*spike-code\* \+\d+% · \*up-half\* \+50% · \*\S+\* [+−]\d+%$/,
    );
  });
});

describe("a free-plan code", () => {
  it("takes its previous week and its baseline from the archive beyond the API's 7 days", () => {
    world = createRefreshWorld();
    ids = addCodes({ "free-spike": daily([200], "2026-11-25", (i) => 20 + (i % 3)) });
    world.saveSettings({ days: 30, codes: [ids["free-spike"]!] });
    world.refreshNow();
    // The plan shrinks to 7 days of analytics; a day later the judged day is the 25th.
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    world.gas.clock.advance(DAY_MS);
    const requestsBefore = world.api.requests.length;
    world.refreshNow();
    // The account (which rows are whose), then the one code's 30 days, whatever the plan honours.
    expect(world.api.requests.slice(requestsBefore).map((r) => r.url)).toEqual([
      "https://openqr.uk/v1/me",
      `https://openqr.uk/v1/dynamic/${ids["free-spike"]}/scans?days=30`,
    ]);
    const [last, previous, change, trend] = insightsOf("free-spike");
    const week = (days: string[]) =>
      days.reduce((sum, day) => sum + world.api.scansOn(ids["free-spike"]!, day).n, 0);
    const fortnight = daysEnding("2026-11-25", 14);
    expect([last, previous]).toEqual([week(fortnight.slice(7)), week(fortnight.slice(0, 7))]);
    expect(change).toBeCloseTo(((last as number) - (previous as number)) / (previous as number), 12);
    expect(trend).toBe("spike");
  });
});

describe("new and learning, with every code listed", () => {
  const TREND = columnOf("Trend") - 1;
  /** Each code row's trend, by slug: the rows between the header and the Total. */
  const trends = () => {
    const values = world.gas.spreadsheet.sheetValues(SUMMARY);
    const codeRows = values.slice(
      1,
      values.findIndex((row) => row[0] === "Total"),
    );
    return Object.fromEntries(codeRows.map((row) => [row[1] as string, row[TREND]]));
  };

  it("calls new only the codes created under 14 days before the judged day", () => {
    world = createRefreshWorld();
    const created = (day: string) => `${day}T18:30:00Z`;
    const steady = daily(Array(14).fill(6));
    world.api.addCode({ slug: "made-13-days-before", fixedDaily: steady, created_at: created("2026-11-11") });
    world.api.addCode({ slug: "made-14-days-before", fixedDaily: steady, created_at: created("2026-11-10") });
    world.api.addCode({ slug: "made-today", fixedDaily: {}, created_at: created("2026-11-25") });
    world.saveSettings({ days: 30, codes: "all" });
    world.refreshNow();
    expect(trends()).toMatchObject({
      "made-13-days-before": "new",
      "made-14-days-before": "steady",
      "made-today": "new",
      // Seeded: 12 days old (new); 33 and 420 days old, judged on the 30 days OpenQR returned.
      "newsletter-signup": "new",
      "wifi-guest": expect.stringMatching(/^(steady|quiet|spike|drop)$/),
      "menu-table-4": expect.stringMatching(/^(steady|quiet|spike|drop)$/),
    });
  });

  it("on a free plan's first refresh, leaves every week blank (the Total too) and calls no old code new", () => {
    world = createRefreshWorld();
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    world.saveSettings({ days: 30, codes: "all" });
    world.refreshNow();
    const values = world.gas.spreadsheet.sheetValues(SUMMARY);
    const totalAt = values.findIndex((row) => row[0] === "Total");
    const codeRows = values.slice(1, totalAt);
    expect(codeRows).toHaveLength(12);
    for (const row of [...codeRows, values[totalAt]!]) {
      expect(INSIGHT_COLUMNS.slice(0, 3).map((name) => row[columnOf(name) - 1])).toEqual(["", "", ""]);
    }
    expect(values[totalAt]![columnOf("Status") - 1]).toBe("12 ok, 0 failed; the weeks cover 0 of 12 codes");
    // Only the newsletter code is 12 days old; the others, 33 to 800 days old, wait for history.
    const byTrend = Object.entries(trends());
    expect(byTrend.filter(([, trend]) => trend === "new").map(([slug]) => slug)).toEqual([
      "newsletter-signup",
    ]);
    expect(byTrend.filter(([, trend]) => trend !== "new").every(([, trend]) => trend === "learning")).toBe(
      true,
    );
  });

  it("fills the free plan's weeks and trends from the archive as the days go by", () => {
    world = createRefreshWorld();
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    world.saveSettings({ days: 30, codes: "all" });
    const total = () => {
      const row = world.gas.spreadsheet.sheetValues(SUMMARY).find((r) => r[0] === "Total")!;
      const columns = [...INSIGHT_COLUMNS.slice(0, 3), "Status"] as const;
      return columns.map((name) => row[columnOf(name) - 1]);
    };
    world.refreshNow();
    // A day later the last full week is known, the one before not yet: the Total compares like
    // with like, so it waits for both.
    world.gas.clock.advance(DAY_MS);
    world.refreshNow();
    expect(insightsOf("menu-table-4").slice(0, 2)).toEqual([expect.any(Number), ""]);
    expect(total()).toEqual(["", "", "", "12 ok, 0 failed; the weeks cover 0 of 12 codes"]);
    // Eight days after the first refresh, 14 complete days are archived: weeks and trends for all.
    for (let day = 2; day <= 8; day++) {
      world.gas.clock.advance(DAY_MS);
      world.refreshNow();
    }
    const ids = world.api.codes.map((code) => code.id);
    const week = (days: string[]) =>
      days.reduce((sum, day) => sum + ids.reduce((n, id) => n + world.api.scansOn(id, day).n, 0), 0);
    const fortnight = daysEnding("2026-12-02", 14);
    const [last, previous] = [week(fortnight.slice(7)), week(fortnight.slice(0, 7))];
    expect(total()).toEqual([last, previous, (last - previous) / previous, "12 ok, 0 failed"]);
    expect(Object.values(trends()).filter((trend) => trend === "learning" || trend === "new")).toEqual([]);
  });
});
