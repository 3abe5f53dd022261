// The scheduled refresh from dist/ in the emulator: the three sheets, history, faults, Slack.
import { beforeEach, describe, expect, it } from "vitest";
import { columnOf } from "../../src/report/summary-rows.ts";
import {
  BREAKDOWN,
  createRefreshWorld,
  DAILY,
  MONTHLY,
  type RefreshWorld,
  SUMMARY,
} from "./refresh-world.ts";
import { EDITOR, everythingVisible, KEY, NOW, OWNER, SLACK_WEBHOOK } from "./world.ts";

const DAY_MS = 86_400_000;
const STATUS = columnOf("Status") - 1;
/** Midnight of a day in Los Angeles in November (PST, UTC-8): what a Day cell must hold. */
const laMidnight = (day: string) => new Date(Date.parse(`${day}T08:00:00Z`));
const WEEK = [
  "2026-11-19",
  "2026-11-20",
  "2026-11-21",
  "2026-11-22",
  "2026-11-23",
  "2026-11-24",
  "2026-11-25",
];

let world: RefreshWorld;

describe("a first refresh of two chosen codes over 7 days", () => {
  let festival: string;
  let card: string;
  beforeEach(() => {
    world = createRefreshWorld();
    festival = world.id("festival-gate");
    card = world.id("business-card");
    world.saveSettings({ codes: [festival, card] });
  });

  it("fills OpenQR Daily with one row per code per day, sorted by day then slug, real dates in the sheet's zone", () => {
    const report = world.refreshNow();
    expect(report).toMatchObject({ ok: true, trigger: "manual", refreshed: 2, failed: 0, skippedForTime: 0 });
    const rows = world.gas.spreadsheet.sheetValues(DAILY);
    expect(rows[0]).toEqual(["Day", "Code ID", "Slug", "Scans", "", ""].slice(0, rows[0]!.length));
    const expected = WEEK.flatMap((day) => [
      [laMidnight(day), card, "business-card", world.api.scansOn(card, day).n],
      [laMidnight(day), festival, "festival-gate", world.api.scansOn(festival, day).n],
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 4))).toEqual(expected);
    expect(world.shown(DAILY)[1]!.slice(0, 4)).toEqual([
      "2026-11-19",
      card,
      "business-card",
      String(world.api.scansOn(card, "2026-11-19").n),
    ]);
    const sheet = world.sheet(DAILY);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.cell(1, 1).style?.fontWeight).toBe("bold");
  });

  it("formats every count as #,##0: Daily's and Breakdown's Scans, the Summary's counts and its Fleet scans", () => {
    world.refreshNow();
    const formats = (name: string) => world.gas.spreadsheet.sheetFormats(name);
    const values = (name: string) => world.gas.spreadsheet.sheetValues(name);
    const countCells = (name: string, column: number, from = 1, to = Number.POSITIVE_INFINITY) =>
      values(name)
        .map((row, r) => ({ value: row[column - 1], format: formats(name)[r]?.[column - 1] }))
        .slice(from, to)
        .filter((cell) => typeof cell.value === "number");
    const daily = countCells(DAILY, 4);
    const breakdown = countCells(BREAKDOWN, 5);
    const seriesHeader = values(SUMMARY).findIndex((row) => row[0] === "Day" && row[1] === "Fleet scans");
    const series = countCells(SUMMARY, 2, seriesHeader + 1);
    const totalAt = values(SUMMARY).findIndex((row) => row[0] === "Total");
    const lifetimes = countCells(SUMMARY, columnOf("Lifetime"), 1, totalAt + 1);
    for (const [name, cells] of Object.entries({ daily, breakdown, series, lifetimes })) {
      expect(cells.length, name).toBeGreaterThan(0);
      expect(new Set(cells.map((cell) => cell.format)), name).toEqual(new Set(["#,##0"]));
    }
  });

  it("fills OpenQR Summary with each code's row, the total and the fleet's days, and one chart on them", () => {
    world.refreshNow();
    const body = world.scansBody(festival, 7);
    const values = world.gas.spreadsheet.sheetValues(SUMMARY);
    expect(values[0]).toEqual([
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
      "Group",
    ]);
    const busiest = body.analytics.daily.reduce((best, b) => (b.n > best.n ? b : best), { day: "", n: 0 });
    expect(values[2]).toEqual([
      festival,
      "festival-gate",
      "https://oqr.to/festival-gate",
      "https://tickets.example.com/festival/entry",
      body.scans.total,
      body.scans.last7,
      // 7 days of history cannot fill the weeks before yesterday, nor judge a trend; and
      // codes chosen one by one are not listed, so the add-on does not know it is 48 days old.
      "",
      "",
      "",
      "learning",
      body.analytics.window_total,
      7,
      body.analytics.by_country[0]!.value,
      body.analytics.by_device![0]!.value,
      body.analytics.by_referrer![0]!.value,
      laMidnight(busiest.day),
      new Date(NOW),
      "ok",
      // The account is told by its creation (OpenQR gives it no id or name).
      `created ${world.api.createdAt.slice(0, 10)} ${world.api.createdAt.slice(11, 19)} UTC`,
      // The user's to fill in: a new code's group is blank.
      "",
    ]);
    expect(values[1]![1]).toBe("business-card");
    const cardBody = world.scansBody(card, 7);
    expect(values[3]!.slice(0, 11)).toEqual([
      "Total",
      "2 codes",
      "",
      "",
      body.scans.total + cardBody.scans.total,
      body.scans.last7 + cardBody.scans.last7,
      // Unknown for both codes, so unknown for the fleet: blank, not 0.
      "",
      "",
      "",
      "",
      body.analytics.window_total + cardBody.analytics.window_total,
    ]);
    expect(values[3]![STATUS]).toBe("2 ok, 0 failed; the weeks cover 0 of 2 codes");
    expect(values[5]!.slice(0, 2)).toEqual(["Day", "Fleet scans"]);
    // The 7 complete days ending yesterday: the 18th is before the API's window (blank), today is left out.
    const fleetOn = (day: string) => world.api.scansOn(festival, day).n + world.api.scansOn(card, day).n;
    expect(values.slice(6).map((row) => row.slice(0, 2))).toEqual([
      [laMidnight("2026-11-18"), ""],
      ...WEEK.slice(0, 6).map((day) => [laMidnight(day), fleetOn(day)]),
    ]);
    expect(world.shown(SUMMARY)[2]!.slice(15, 17)).toEqual([busiest.day, "2026-11-25 04:00"]);

    const charts = world.sheet(SUMMARY).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]!.type).toBe("LINE");
    expect(charts[0]!.ranges.map((r) => r.area)).toEqual([{ row: 6, column: 1, numRows: 8, numColumns: 2 }]);
  });

  it("ends the fleet's series and chart on the last complete day while today's count is filling up", () => {
    const fleetOn = (day: string) => world.api.scansOn(festival, day).n + world.api.scansOn(card, day).n;
    const chartDays = () => {
      const [range] = world.sheet(SUMMARY).charts[0]!.ranges;
      const { row, numRows } = range!.area;
      // The chart's rows below its header, as the sheet holds them.
      return world.gas.spreadsheet
        .sheetValues(SUMMARY)
        .slice(row, row - 1 + numRows)
        .map((cells) => cells.slice(0, 2));
    };
    world.refreshNow();
    // 12:00 UTC: the API's today holds the morning's scans only, and the sheet's archive has them.
    const morning = fleetOn("2026-11-25");
    expect(world.scansBody(festival, 7).analytics.daily.at(-1)!.day).toBe("2026-11-25");
    const daily = world.gas.spreadsheet.sheetValues(DAILY);
    expect(
      daily
        .filter((row) => row[0] instanceof Date && row[0].getTime() === laMidnight("2026-11-25").getTime())
        .map((row) => row[3] as number)
        .reduce((a, b) => a + b, 0),
    ).toBe(morning);
    expect(chartDays().at(-1)).toEqual([laMidnight("2026-11-24"), fleetOn("2026-11-24")]);
    expect(chartDays()).toHaveLength(7);

    // A day later the 25th is complete: the chart takes it in whole, and the 26th stays out.
    world.gas.clock.advance(DAY_MS);
    world.refreshNow();
    const whole = fleetOn("2026-11-25");
    expect(whole).toBeGreaterThan(morning);
    expect(chartDays()).toEqual(
      ["2026-11-19", ...WEEK.slice(1)].map((day) => [laMidnight(day), fleetOn(day)]),
    );
    expect(chartDays().at(-1)).toEqual([laMidnight("2026-11-25"), whole]);
    expect(world.sheet(SUMMARY).charts).toHaveLength(1);
  });

  it("fills OpenQR Breakdown with the window's top values per dimension", () => {
    world.refreshNow();
    const body = world.scansBody(festival, 7);
    const rows = world.gas.spreadsheet.sheetValues(BREAKDOWN).filter((row) => row[0] === festival);
    expect(world.gas.spreadsheet.sheetValues(BREAKDOWN)[0]).toEqual([
      "Code ID",
      "Slug",
      "Dimension",
      "Value",
      "Scans",
      "Window (days)",
      ...Array(world.gas.spreadsheet.sheetValues(BREAKDOWN)[0]!.length - 6).fill(""),
    ]);
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ...body.analytics.by_country.map((e) => [festival, "festival-gate", "country", e.value, e.n, 7]),
      ...body.analytics.by_device!.map((e) => [festival, "festival-gate", "device", e.value, e.n, 7]),
      ...body.analytics.by_referrer!.map((e) => [festival, "festival-gate", "referrer", e.value, e.n, 7]),
    ]);
  });

  it("keeps one chart, updated, after a second refresh, and writes nothing that did not change", () => {
    world.refreshNow();
    const before = world.gas.spreadsheet.sheetValues(DAILY);
    world.gas.resetCalls();
    world.refreshNow();
    expect(world.sheet(SUMMARY).charts).toHaveLength(1);
    expect(world.gas.spreadsheet.sheetValues(DAILY)).toEqual(before);
    // Same minute, same data: only the Summary's Refreshed at and status cells could differ, and they do not.
    expect(world.gas.calls["Range.setValues"] ?? 0).toBe(0);
    expect(world.gas.calls["Sheet.insertChart"] ?? 0).toBe(0);
  });

  it("reports in the sidebar's shape, with a toast from the menu", () => {
    world.gas.run("onOpen", [{ authMode: "FULL" }], { authMode: "FULL" });
    const report = world.gas.runMenuItem("Refresh reports now") as { message: string };
    expect(report.message).toBe("Refreshed 2 codes.");
    expect(world.gas.ui.toasts.at(-1)).toEqual({
      message: "Refreshed 2 codes.",
      title: "OpenQR",
      timeoutSeconds: 5,
    });
    expect(world.lastRun()).toEqual({
      time: new Date(NOW).toISOString(),
      trigger: "manual",
      ok: true,
      refreshed: 2,
      failed: 0,
      failures: [],
      skippedForTime: 0,
      durationSeconds: 0,
      slack: { status: "not-due", why: "no webhook saved" },
      message: "Refreshed 2 codes.",
      notes: [],
    });
    expect(world.call("getSettings")).toMatchObject({ lastRun: world.lastRun() });
  });
});

describe("strings from the API are stored literally", () => {
  const HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+44 20 7946 0000",
    "007",
    "TRUE",
    "2026-01-01",
    "1e5",
    "@x",
  ];

  it("keeps every slug, destination, referrer and an all-digit id exactly as sent, with no formula anywhere", () => {
    world = createRefreshWorld();
    const ids = HOSTILE.map(
      (slug, i) =>
        world.api.addCode({
          id: i === 0 ? "1234567890" : undefined,
          slug,
          destination: slug,
          profile: { meanDaily: 40, referrerWeights: { [slug]: 1 }, countryWeights: { [slug]: 1 } },
          created_at: "2026-10-01T00:00:00Z",
        }).id,
    );
    world.saveSettings({ codes: ids });
    expect(world.refreshNow()).toMatchObject({ refreshed: HOSTILE.length, failed: 0 });
    const summary = world.gas.spreadsheet.sheetValues(SUMMARY);
    const breakdown = world.gas.spreadsheet.sheetValues(BREAKDOWN);
    const daily = world.gas.spreadsheet.sheetValues(DAILY);
    HOSTILE.forEach((text, i) => {
      const row = summary.find((r) => r[0] === ids[i])!;
      expect(row.slice(0, 4)).toEqual([ids[i], text, `https://oqr.to/${text}`, text]);
      expect(row.slice(12, 15)).toEqual([text, "mobile", text]);
      expect(breakdown.filter((r) => r[0] === ids[i] && r[2] === "referrer").map((r) => r[3])).toEqual([
        text,
      ]);
      expect(daily.filter((r) => r[1] === ids[i]).every((r) => r[2] === text)).toBe(true);
    });
    for (const name of [DAILY, BREAKDOWN, SUMMARY]) {
      expect(
        world.gas.spreadsheet
          .sheetFormulas(name)
          .flat()
          .filter((f) => f !== ""),
      ).toEqual([]);
    }
  });
});

describe("history", () => {
  it("outlives the API window and a deleted code: 40 days later old rows stay and new days are added", () => {
    world = createRefreshWorld();
    world.saveSettings({ days: 30 });
    world.refreshNow();
    const gone = world.id("flyer-a5");
    const firstRows = world.gas.spreadsheet.sheetValues(DAILY).slice(1);
    world.gas.clock.advance(40 * DAY_MS);
    world.api.removeCode(gone);
    const report = world.refreshNow();
    expect(report).toMatchObject({ ok: true, refreshed: 11, failed: 0 });
    const rows = world.gas.spreadsheet.sheetValues(DAILY).slice(1);
    // Every row of the first refresh is still there, unchanged (its window has passed).
    const key = (row: unknown[]) => `${(row[0] as Date).getTime()}|${row[1]}`;
    const now = new Map(rows.map((row) => [key(row), row]));
    for (const row of firstRows) expect(now.get(key(row))).toEqual(row);
    expect(rows).toHaveLength(firstRows.length + 30 * 11);
    const days = new Set(rows.map((row) => (row[0] as Date).getTime()));
    expect(days.size).toBe(60); // two 30-day windows, 10 days apart
    const sorted = rows.map((row) => (row[0] as Date).getTime());
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    const summary = world.gas.spreadsheet.sheetValues(SUMMARY);
    expect(summary.find((row) => row[0] === gone)![STATUS]).toBe(
      "deleted at OpenQR: its rows in OpenQR Daily are kept",
    );
    expect(summary.find((row) => row[0] === "Total")![1]).toBe("11 codes");
  });
});

describe("faults", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({});
    world.refreshNow();
  });

  it("a code failing with 500 keeps its rows and shows why, while the others update", () => {
    const broken = world.id("spring-sale");
    const dailyOf = (id: string) => world.gas.spreadsheet.sheetValues(DAILY).filter((row) => row[1] === id);
    const breakdownOf = (id: string) =>
      world.gas.spreadsheet.sheetValues(BREAKDOWN).filter((row) => row[0] === id);
    const before = { daily: dailyOf(broken), breakdown: breakdownOf(broken) };
    const summaryBefore = world.gas.spreadsheet.sheetValues(SUMMARY).find((row) => row[0] === broken)!;
    world.gas.clock.advance(DAY_MS);
    world.api.inject(broken, Array(10).fill({ status: 500, code: "server_error" }));
    const report = world.refreshNow();
    expect(report).toMatchObject({
      ok: true,
      refreshed: 11,
      failed: 1,
      failures: [
        {
          codeId: broken,
          slug: "spring-sale",
          reason: "OpenQR had a server error (HTTP 500) after 5 tries. Try again in a few minutes.",
        },
      ],
      message: "Refreshed 11 codes; 1 code failed and kept its previous rows.",
    });
    expect(dailyOf(broken)).toEqual(before.daily);
    expect(breakdownOf(broken)).toEqual(before.breakdown);
    const summaryAfter = world.gas.spreadsheet.sheetValues(SUMMARY).find((row) => row[0] === broken)!;
    // Its numbers stay; only what the archive says about its weeks is worked out again.
    const kept = (row: unknown[]) => [...row.slice(0, 6), ...row.slice(10, 17)];
    expect(kept(summaryAfter)).toEqual(kept(summaryBefore));
    expect(summaryAfter[STATUS]).toBe(
      "failed: OpenQR had a server error (HTTP 500) after 5 tries. Try again in a few minutes.",
    );
    const other = world.id("festival-gate");
    expect(dailyOf(other).at(-1)!.slice(0, 4)).toEqual([
      laMidnight("2026-11-26"),
      other,
      "festival-gate",
      world.api.scansOn(other, "2026-11-26").n,
    ]);
  });

  it("a refresh already running elsewhere: nothing touched, the report says so", () => {
    const before = JSON.stringify(
      [DAILY, BREAKDOWN, SUMMARY].map((n) => world.gas.spreadsheet.sheetValues(n)),
    );
    world.gas.locks.holdByAnotherProcess("document");
    const report = world.refreshNow();
    expect(report).toMatchObject({
      ok: false,
      message: "A refresh is already running in this spreadsheet; try again in a minute.",
    });
    expect(world.lastRun().message).toBe(report.message);
    expect(JSON.stringify([DAILY, BREAKDOWN, SUMMARY].map((n) => world.gas.spreadsheet.sheetValues(n)))).toBe(
      before,
    );
  });

  it("a revoked key fails the run as a whole and keeps every row", () => {
    const before = world.gas.spreadsheet.sheetValues(DAILY);
    world.api.revokeKey(KEY);
    const report = world.refreshNow();
    expect(report).toMatchObject({
      ok: false,
      message: "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.",
    });
    expect(world.gas.spreadsheet.sheetValues(DAILY)).toEqual(before);
  });
});

describe("the scheduled run", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
  });

  it("runs as the trigger's owner in FULL mode, without touching the UI", () => {
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 12 });
    expect(world.gas.calls["SpreadsheetApp.getUi"] ?? 0).toBe(0);
    expect(world.gas.ui.toasts).toEqual([]);
  });

  it("stops and says so when the add-on needs authorization again", () => {
    world.gas.setAuthorizationRequired(true, OWNER);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      trigger: "scheduled",
      message:
        "Scheduled refreshes are paused: the add-on needs your permission again. Open Extensions › OpenQR › Settings once to grant it.",
    });
    expect(world.gas.spreadsheet.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(world.api.requests.filter((r) => r.url.includes("/scans"))).toEqual([]);
  });

  it("records a missing key", () => {
    world.call("clearApiKey");
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      message: "No OpenQR API key: open Extensions › OpenQR › Settings",
    });
  });

  const NO_DOCUMENT =
    "The scheduled refresh could not open this spreadsheet: Apps Script ran it without access to the file, so nothing was refreshed. Use Refresh now; if this keeps happening, turn the schedule off.";
  const triggerKey = () => `openqr.trigger.${world.gas.spreadsheet.id}`;
  const ownerProperties = () => world.gas.properties.user(OWNER);

  it("without the spreadsheet: changes nothing, and keeps the failure where the owner's sidebar shows it", () => {
    world.gas.settings.activeSpreadsheetInTriggers = false;
    world.fireSchedule();
    expect(world.gas.spreadsheet.sheets).toHaveLength(1);
    expect(world.gas.properties.document.get("openqr.lastRun")).toBeUndefined();
    expect(world.gas.logs).toContain(`OpenQR scheduled refresh: ${NO_DOCUMENT}`);
    expect(world.call("getSettings")).toMatchObject({
      lastRun: { ok: false, trigger: "scheduled", message: NO_DOCUMENT },
    });
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({ lastRun: null });
  });

  it("without a grant and without the file's properties: keeps the pause where the owner's sidebar shows it", () => {
    world.gas.setAuthorizationRequired(true, OWNER);
    world.gas.settings.documentServicesInTriggers = false;
    world.fireSchedule();
    expect(world.gas.properties.document.get("openqr.lastRun")).toBeUndefined();
    expect(
      JSON.parse(ownerProperties().get(`openqr.scheduleFailure.${world.gas.spreadsheet.id}`)!),
    ).toMatchObject({
      ok: false,
      message:
        "Scheduled refreshes are paused: the add-on needs your permission again. Open Extensions › OpenQR › Settings once to grant it.",
    });
  });

  it("adopts a trigger saved before trigger ids were remembered, and runs it", () => {
    const uid = ownerProperties().get(triggerKey());
    expect(uid).toBe(world.gas.triggers[0]!.uid);
    ownerProperties().delete(triggerKey());
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 12 });
    expect(ownerProperties().get(triggerKey())).toBe(uid);
  });

  it("only logs when neither the trigger's file nor the spreadsheet is known", () => {
    ownerProperties().delete(triggerKey());
    world.gas.settings.activeSpreadsheetInTriggers = false;
    world.fireSchedule();
    expect(world.gas.logs).toContain(
      `OpenQR scheduled refresh: ${NO_DOCUMENT} (no spreadsheet is known for this trigger)`,
    );
    expect([...ownerProperties().keys()].filter((key) => key.startsWith("openqr.scheduleFailure."))).toEqual(
      [],
    );
    expect(world.gas.spreadsheet.sheets).toHaveLength(1);
  });

  it("posts the Slack digest on the first scheduled run of a day only, with neither secret in it", () => {
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "slack" });
    world.gas.clock.advance(3_600_000);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
    world.refreshNow();
    expect(world.lastRun().slack).toEqual({
      status: "not-due",
      why: "manual refreshes do not post to Slack",
    });
    expect(world.slack.messages).toHaveLength(1);
    // 12:00 UTC is 04:00 in Los Angeles: 20 hours later it is the next day there.
    world.gas.clock.advance(20 * 3_600_000);
    world.fireSchedule();
    expect(world.slack.messages).toHaveLength(2);

    const [text] = world.slack.messages;
    const festival = world.id("festival-gate");
    const day = "2026-11-24";
    expect(text!.split("\n")[1]).toMatch(
      /^\*[\d,]+ scans\* on 2026-11-24 \(UTC\) · [\d,]+ over the 7 days to 2026-11-24 · [\d,]+ lifetime · 12 codes$/,
    );
    expect(text).toContain(
      `*festival-gate*: ${world.api.scansOn(festival, day).n.toLocaleString("en-US")} · 7 days`,
    );
    const posts = JSON.stringify(world.slack.posts);
    expect(posts).not.toContain(KEY);
    expect(JSON.stringify(world.slack.posts.map((p) => p.body))).not.toContain("XXXXSECRET");
    const visible = everythingVisible(world) + JSON.stringify(world.lastRun());
    expect(visible).not.toContain(KEY);
    expect(visible).not.toContain("XXXXSECRET");
  });

  it("tries the day's digest again on the next run after Slack's rate limit or server error, not after a refusal", () => {
    world.slack.inject([{ status: 429, body: "rate_limited" }, { status: 503 }]);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({
      status: "failed",
      chat: "slack",
      why: "HTTP 429 rate_limited: Slack is limiting posts; the next scheduled run tries again",
    });
    world.gas.clock.advance(3_600_000);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({
      status: "failed",
      chat: "slack",
      why: "HTTP 503: Slack had a server error; the next scheduled run tries again",
    });
    world.gas.clock.advance(3_600_000);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "slack" });
    expect(world.slack.messages).toHaveLength(1);

    world.gas.clock.advance(24 * 3_600_000);
    world.slack.inject([{ status: 400, body: "invalid_payload" }]);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({
      status: "failed",
      chat: "slack",
      why: "HTTP 400 invalid_payload: Slack refused the message",
    });
    world.gas.clock.advance(3_600_000);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
    expect(world.slack.messages).toHaveLength(1);
  });

  it("records a Slack failure without failing the refresh", () => {
    world.slack.revoke(SLACK_WEBHOOK);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: true,
      refreshed: 12,
      slack: {
        status: "failed",
        chat: "slack",
        why: "HTTP 404 no_service: the webhook was revoked or its channel is gone: save a new webhook URL in Settings",
      },
    });
  });
});

describe("an editor's refresh", () => {
  it("uses the editor's own key and settings' codes", () => {
    world = createRefreshWorld();
    world.call("saveApiKey", [KEY], EDITOR);
    const report = world.gas.runFromSidebar("refreshNow", [], { user: EDITOR }) as { refreshed: number };
    expect(report.refreshed).toBe(12);
  });
});

describe("what users do to the sheets between runs", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({});
    world.refreshNow();
    world.gas.clock.advance(DAY_MS);
  });

  /** The (day, code) keys of Daily's rows, in order, and whether any repeats. */
  const dailyKeys = (name = DAILY) =>
    world.gas.spreadsheet
      .sheetValues(name)
      .slice(1)
      .map((row) => `${(row[0] as Date).toISOString().slice(0, 10)}|${row[2]}`);
  const expectSortedWithoutDuplicates = (name = DAILY) => {
    const keys = dailyKeys(name);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());
  };

  it("a renamed add-on sheet is found again by its metadata, not by name", () => {
    // Forget the ids the last run remembered, so the sheets are looked up by metadata.
    world.gas.properties.document.delete("openqr.reportSheetIds");
    world.sheet(DAILY).name = "Scans archive";
    const rows = world.gas.spreadsheet.sheetValues("Scans archive").length;
    expect(world.refreshNow()).toMatchObject({ ok: true, notes: [] });
    expect(world.gas.spreadsheet.sheetByName(DAILY)).toBeUndefined();
    expect(world.gas.spreadsheet.sheetValues("Scans archive")).toHaveLength(rows + 12);
  });

  it("a user's own sheet with the add-on's name is left alone, and the report says to rename it", () => {
    const fresh = createRefreshWorld();
    fresh.saveSettings({});
    const theirs = fresh.gas.spreadsheet.addSheet(SUMMARY);
    theirs.write(1, 1, { value: "my own summary" });
    const report = fresh.refreshNow();
    expect(report).toMatchObject({
      ok: false,
      message: `A sheet named "OpenQR Summary" is not the add-on's, so nothing was changed: rename it, then refresh again.`,
    });
    expect(fresh.gas.spreadsheet.sheetValues(SUMMARY)).toEqual([["my own summary"]]);
    // No report sheet made; the run log (a sheet of its own) records the stopped run.
    expect(fresh.gas.spreadsheet.sheets.map((s) => s.name)).toEqual(["Sheet1", SUMMARY, "OpenQR Runs"]);
    expect(fresh.api.requests.filter((r) => r.url.includes("/scans"))).toEqual([]);
  });

  it("a Daily sheet sorted by Scans is put back in order, with no duplicate", () => {
    const sheet = world.sheet(DAILY);
    const rows = world.gas.spreadsheet.sheetValues(DAILY);
    const sorted = [rows[0]!, ...rows.slice(1).sort((a, b) => (b[3] as number) - (a[3] as number))];
    sorted.forEach((row, r) => {
      row.forEach((value, c) => {
        sheet.write(r + 1, c + 1, { value });
      });
    });
    world.refreshNow();
    expectSortedWithoutDuplicates();
    expect(dailyKeys()).toHaveLength(rows.length - 1 + 12);
  });

  it("a column the user added stays with its rows; deleted rows are refilled within the window only", () => {
    const sheet = world.sheet(DAILY);
    const festival = world.id("festival-gate");
    sheet.write(1, 5, { value: "Note" });
    // A note on festival-gate's newest row, which the refresh updates and which moves down
    // when the deleted rows above it are refilled.
    const before = world.gas.spreadsheet.sheetValues(DAILY);
    const notedIndex = before.map((row) => row[1]).lastIndexOf(festival);
    sheet.write(notedIndex + 1, 5, { value: "gate opened" });
    const notedDay = before[notedIndex]![0];
    // Delete the 12 rows of the oldest day (it leaves the next window) and 2 rows inside the window.
    sheet.deleteRows(2, 12);
    sheet.deleteRows(40, 2);
    expect(world.refreshNow().ok).toBe(true);
    expectSortedWithoutDuplicates();
    const after = world.gas.spreadsheet.sheetValues(DAILY);
    expect(after[0]!.slice(0, 5)).toEqual(["Day", "Code ID", "Slug", "Scans", "Note"]);
    expect(after.filter((row) => row[4] === "gate opened").map((row) => row.slice(0, 4))).toEqual([
      [notedDay, festival, "festival-gate", world.api.scansOn(festival, "2026-11-25").n],
    ]);
    // 7 days of 12 codes, the oldest day's 12 rows gone for good, the 2 window rows refilled, a new day added.
    expect(after.length - 1).toBe(7 * 12 - 12 + 12);
  });

  it("a deleted Daily sheet is created again with the window refilled, and the report says so", () => {
    world.gas.spreadsheet.removeSheet(world.sheet(DAILY));
    const report = world.refreshNow();
    expect(report.notes).toEqual([
      "OpenQR Daily was missing and was created again: only the last 7 days (what OpenQR still returns) could be refilled; older history is gone.",
    ]);
    expect(world.gas.spreadsheet.sheetValues(DAILY)).toHaveLength(1 + 7 * 12);
    expectSortedWithoutDuplicates();
  });

  it("a value typed into Scans inside the window is corrected; one outside it is the user's", () => {
    const sheet = world.sheet(DAILY);
    sheet.write(2, 4, { value: 999_999 }); // the oldest day: leaves the 7-day window today
    sheet.write(80, 4, { value: "lots" }); // inside the window
    world.refreshNow();
    const rows = world.gas.spreadsheet.sheetValues(DAILY);
    expect(rows[1]![3]).toBe(999_999);
    expect(rows.filter((row) => row[3] === "lots")).toEqual([]);
  });
});

describe("finding the sheets again", () => {
  it("by the ids the last run remembered: one call each, no metadata search, whatever their names", () => {
    world = createRefreshWorld();
    world.saveSettings({});
    world.refreshNow();
    world.sheet(SUMMARY).name = "Campaign overview";
    world.gas.resetCalls();
    expect(world.refreshNow()).toMatchObject({ ok: true, notes: [] });
    // The four report sheets and the run log.
    expect(world.gas.calls["Spreadsheet.getSheetById"]).toBe(5);
    expect(world.gas.calls["Spreadsheet.createDeveloperMetadataFinder"] ?? 0).toBe(0);
    expect(world.gas.spreadsheet.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Campaign overview",
      DAILY,
      BREAKDOWN,
      MONTHLY,
      "OpenQR Runs",
    ]);
  });
});

describe("the Summary's chart", () => {
  it("follows its series when the fleet grows, and comes back when the user deletes it", () => {
    world = createRefreshWorld();
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    world.saveSettings({ codes: [a] });
    world.refreshNow();
    // Header, 1 code, total, blank, series header: the series header is row 5.
    expect(
      world.sheet(SUMMARY).charts.map((c) => [c.ranges[0]!.area, c.anchor.row, c.anchor.column]),
    ).toEqual([[{ row: 5, column: 1, numRows: 8, numColumns: 2 }, 5, 4]]);
    world.saveSettings({ codes: [a, b] });
    world.refreshNow();
    const [chart] = world.sheet(SUMMARY).charts;
    expect(world.sheet(SUMMARY).charts).toHaveLength(1);
    expect(chart!.ranges[0]!.area).toEqual({ row: 6, column: 1, numRows: 8, numColumns: 2 });
    expect(chart!.options.title).toBe("Scans per day, all codes");
    world.sheet(SUMMARY).charts.length = 0;
    world.refreshNow();
    expect(world.sheet(SUMMARY).charts).toHaveLength(1);
  });
});

describe("a chosen code that OpenQR no longer has", () => {
  it("fails with a reason that fits the report sheets, and the others refresh", () => {
    world = createRefreshWorld();
    world.saveSettings({ codes: [world.id("festival-gate"), "0000000000000000deadbeef"] });
    expect(world.refreshNow()).toMatchObject({
      refreshed: 1,
      failures: [
        {
          codeId: "0000000000000000deadbeef",
          slug: "",
          reason:
            'OpenQR has no code "0000000000000000deadbeef" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.',
        },
      ],
    });
  });
});

describe("the daily URL fetch quota", () => {
  it("stops the refresh cleanly when UrlFetch says Service invoked too many times, keeping every row", () => {
    world = createRefreshWorld({ codeCount: 30 });
    world.saveSettings({ schedule: "hourly" });
    world.fireSchedule();
    const before = world.gas.spreadsheet.sheetValues(DAILY);
    world.gas.clock.advance(DAY_MS);
    // Room for the list call and one fetchAll of 20 today; the batch of the last 10 is refused.
    world.gas.useUrlFetchQuota(OWNER, 20_000 - 25);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: true,
      refreshed: 20,
      failed: 0,
      skippedForTime: 10,
      message:
        "Refreshed 20 codes; 10 codes wait: daily URL fetch quota reached (Apps Script allows 20,000 a day; it resets within 24 hours).",
    });
    const after = world.gas.spreadsheet.sheetValues(DAILY);
    // Every row it had is still there, and the 20 refreshed codes gained the new day.
    const key = (row: unknown[]) => `${(row[0] as Date).getTime()}|${row[1]}`;
    const now = new Map(after.slice(1).map((row) => [key(row), row]));
    for (const row of before.slice(1, -30)) expect(now.get(key(row))).toEqual(row);
    expect(after.length - before.length).toBe(20);
    const statuses = world.gas.spreadsheet
      .sheetValues(SUMMARY)
      .filter((row) => typeof row[4] === "number" && row[0] !== "Total")
      .map((row) => row[STATUS]);
    expect(statuses.filter((status) => status === "ok")).toHaveLength(20);
    expect(statuses.filter((status) => status !== "ok")).toEqual(
      Array(10).fill(
        "waiting: the daily URL fetch quota was reached; a run after it resets refreshes it first",
      ),
    );
  });
});
