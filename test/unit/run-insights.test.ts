// What a refresh works out before it writes, as pure data: each code's outcome, the run's
// days, the insights from the merged archive and the Slack digest's data (no emulator).
import { describe, expect, it } from "vitest";
import { OpenQRError } from "../../src/openqr/errors.ts";
import { COUNT_FORMAT, DAY_FORMAT, TIME_FORMAT } from "../../src/report/block-formats.ts";
import { insightsOf } from "../../src/report/code-insights.ts";
import {
  type CodeResult,
  codeResults,
  refreshedResponses,
  runFailures,
  waitingCount,
} from "../../src/report/code-outcomes.ts";
import type { DailyEntry } from "../../src/report/daily-archive.ts";
import { fleetDigest } from "../../src/report/digest-data.ts";
import { datesByDay, runWindow } from "../../src/report/run-window.ts";
import { cellIndex } from "../../src/report/summary-rows.ts";
import {
  isCurrent,
  STATUS_DELETED,
  STATUS_OK,
  STATUS_UNLISTED,
  stateCounts,
  stateOfOutcome,
  stateOfStatus,
  statusText,
} from "../../src/report/summary-status.ts";
import { buildSummary, type SummaryCode } from "../../src/report/summary-table.ts";
import { daysEnding } from "../../src/shared/days.ts";
import { scansBody } from "./fixtures.ts";

const DAY = "2026-11-24";
/** 2026-11-25 12:00 UTC: the last complete UTC day is DAY. */
const STARTED_AT = Date.UTC(2026, 10, 25, 12);

/** Archive entries of one code: its counts on the days ending with `last`, oldest first. */
function entriesOf(codeId: string, counts: readonly number[], last = DAY): DailyEntry[] {
  return daysEnding(last, counts.length).map((day, index) => ({
    instant: Date.parse(`${day}T00:00:00Z`),
    day,
    codeId,
    slug: codeId,
    scans: counts[index]!,
    cells: [],
  }));
}

const summaryCode = (codeId: string, extra: Partial<SummaryCode> = {}): SummaryCode => ({
  codeId,
  slug: `slug-${codeId}`,
  lifetime: 1000,
  topCountry: "GB",
  topReferrer: "Direct",
  state: "ok",
  covered: true,
  ...extra,
});

describe("codeResults and the views derived from them", () => {
  const notFound = new OpenQRError("not_found", 404, 'OpenQR code "x" was not found (HTTP 404).');
  const serverError = new OpenQRError("server_error", 500, "OpenQR had a server error (HTTP 500).");
  const fetched = (quotaReached: boolean) => ({
    order: ["fresh", "gone", "theirs", "broken", "late"],
    outcomes: [
      { ok: true as const, value: scansBody("ignored", "fresh-slug", [[DAY, 3]]) },
      { ok: false as const, error: notFound },
      { ok: false as const, error: notFound },
      { ok: false as const, error: serverError },
      null,
    ],
    quotaReached,
  });
  const accounts = { theirs: "created 2023-01-01 00:00:00 UTC", gone: "created 2024-01-02 03:04:05 UTC" };
  const ours = "created 2024-01-02 03:04:05 UTC";

  it("keeps one result per code in the fetch order, leaving out another account's code OpenQR does not find", () => {
    const results = codeResults(fetched(false), accounts, ours);
    expect(results.map((result) => [result.codeId, result.outcome.kind])).toEqual([
      ["fresh", "refreshed"],
      ["gone", "failed"],
      ["broken", "failed"],
      ["late", "skipped"],
    ]);
    // The response is the code's, whatever id it carried.
    expect(refreshedResponses(results).map((response) => [response.id, response.slug])).toEqual([
      ["fresh", "fresh-slug"],
    ]);
    expect(results[3]!.outcome).toEqual({ kind: "skipped", why: "time" });
    expect(codeResults(fetched(true), accounts, ours)[3]!.outcome).toEqual({ kind: "skipped", why: "quota" });
  });

  it("says a missing code was deleted or is not in the account, and names failures by their known slugs", () => {
    const results = codeResults(fetched(false), accounts, ours);
    expect(runFailures(results, { gone: "old-flyer" })).toEqual([
      {
        codeId: "gone",
        slug: "old-flyer",
        reason:
          'OpenQR has no code "gone" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.',
      },
      { codeId: "broken", slug: "", reason: "OpenQR had a server error (HTTP 500)." },
    ]);
    expect(waitingCount(results)).toBe(1);
  });

  it("judges nothing another account's when the run's account is unknown", () => {
    const results = codeResults(fetched(false), accounts, null);
    expect(results.map((result) => result.codeId)).toEqual(["fresh", "gone", "theirs", "broken", "late"]);
  });
});

describe("summary-status: the Status text written from an outcome reads back as the same state", () => {
  const outcomes: CodeResult["outcome"][] = [
    { kind: "refreshed", response: scansBody("a", "a", [[DAY, 1]]) },
    { kind: "failed", reason: "OpenQR had a server error (HTTP 500)." },
    { kind: "skipped", why: "time" },
    { kind: "skipped", why: "quota" },
  ];
  it.each(outcomes.map((outcome) => [outcome.kind, outcome] as const))("%s", (_, outcome) => {
    expect(stateOfStatus(statusText(outcome))).toBe(stateOfOutcome(outcome));
  });

  it("knows deleted and unlisted rows, and counts only the add-on's own words", () => {
    expect([STATUS_OK, STATUS_DELETED, STATUS_UNLISTED, "", "call the printer"].map(stateOfStatus)).toEqual([
      "ok",
      "deleted",
      "unlisted",
      "other",
      "other",
    ]);
    expect(isCurrent("deleted") || isCurrent("unlisted")).toBe(false);
    expect(isCurrent("other")).toBe(true);
    expect(stateCounts(["ok", "failed", "waiting", "waiting", "other"])).toEqual({
      ok: 1,
      failed: 1,
      waiting: 2,
    });
  });
});

describe("runWindow", () => {
  it("ends the series with the last complete UTC day, as long as the window the API honoured", () => {
    const free = scansBody("a", "a", [
      ["2026-11-19", 1],
      ["2026-11-25", 2],
    ]);
    const window = runWindow([{ ...free, analytics: { ...free.analytics, days_window: 7 } }], 30, STARTED_AT);
    expect(window.day).toBe(DAY);
    expect(window.seriesDays).toEqual(daysEnding(DAY, 7));
    // Today's day (still filling up) needs a date too; each day once.
    expect(window.days).toEqual([...daysEnding(DAY, 7), "2026-11-25"]);
  });

  it("uses the settings' days when nothing was refreshed", () => {
    expect(runWindow([], 30, STARTED_AT).seriesDays).toEqual(daysEnding(DAY, 30));
  });

  it("gives each day the Date the spreadsheet's zone makes of it", () => {
    const dates = datesByDay(["2026-11-23", DAY], (days) => days.map((day) => new Date(`${day}T08:00:00Z`)));
    expect(dates).toEqual({
      "2026-11-23": new Date("2026-11-23T08:00:00Z"),
      [DAY]: new Date(`${DAY}T08:00:00Z`),
    });
  });
});

describe("insightsOf", () => {
  it("judges the last complete day against the 28 before it, and compares the two last full weeks", () => {
    const entries = entriesOf("spiky", [...Array(28).fill(10), 60]);
    const { spiky } = insightsOf(entries, ["spiky"], {}, DAY);
    expect(spiky).toEqual({
      week: { last: 120, previous: 70, change: (120 - 70) / 70 },
      judgement: { trend: "spike", scans: 60, typical: 10 },
    });
  });

  it("calls a code created under 14 days before the day new, and one with a short known history learning", () => {
    const entries = [
      ...entriesOf("young", [...Array(28).fill(10), 60]),
      // Silent until 10 days ago: its history starts with its first scan.
      ...entriesOf("quiet-start", [...Array(19).fill(0), ...Array(10).fill(5)]),
    ];
    const insights = insightsOf(entries, ["young", "quiet-start", "unseen"], { young: "2026-11-20" }, DAY);
    expect(insights.young!.judgement.trend).toBe("new");
    expect(insights["quiet-start"]!.judgement.trend).toBe("learning");
    expect(insights.unseen).toEqual({
      week: { last: null, previous: null, change: null },
      judgement: { trend: "learning", scans: null, typical: null },
    });
  });
});

describe("fleetDigest", () => {
  const entries = [
    ...entriesOf("a1", [...Array(28).fill(10), 60]),
    ...entriesOf("b2", [...Array(28).fill(100), 5]),
    ...entriesOf("c3", [...Array(29).fill(4)]),
  ];
  const insights = insightsOf(entries, ["a1", "b2", "c3"], {}, DAY);

  it("tells of the codes this run covered, in the Summary's order, with their day, week, alerts and movers", () => {
    const digest = fleetDigest({
      codes: [
        summaryCode("b2", { lifetime: null, topReferrer: "(not in plan)", state: "waiting" }),
        summaryCode("gone", { state: "deleted", covered: false }),
        summaryCode("a1"),
        summaryCode("c3", { topCountry: "" }),
      ],
      entries,
      insights,
      day: DAY,
      notRefreshed: 1,
      groups: new Map(),
    });
    expect(digest).toEqual({
      day: DAY,
      notRefreshed: 1,
      alerts: [
        { slug: "slug-b2", trend: "drop", scans: 5, typical: 100 },
        { slug: "slug-a1", trend: "spike", scans: 60, typical: 10 },
      ],
      movers: [
        { slug: "slug-b2", change: (605 - 700) / 700, previous: 700 },
        { slug: "slug-a1", change: (120 - 70) / 70, previous: 70 },
        { slug: "slug-c3", change: 0, previous: 28 },
      ],
      codes: [
        {
          slug: "slug-b2",
          dayScans: 5,
          weekScans: 605,
          lifetime: 0,
          topCountry: "GB",
          topReferrer: "(not in plan)",
        },
        {
          slug: "slug-a1",
          dayScans: 60,
          weekScans: 120,
          lifetime: 1000,
          topCountry: "GB",
          topReferrer: "Direct",
        },
        {
          slug: "slug-c3",
          dayScans: 4,
          weekScans: 28,
          lifetime: 1000,
          topCountry: "",
          topReferrer: "Direct",
        },
      ],
    });
  });

  it("takes its codes from what built the Summary: this run's rows, with failed and waiting ones' earlier numbers", () => {
    const day = new Date(`${DAY}T00:00:00Z`);
    const first = buildSummary({
      existing: [],
      codes: [
        { codeId: "a1", outcome: { kind: "refreshed", response: scansBody("a1", "alpha", [[DAY, 60]]) } },
        { codeId: "b2", outcome: { kind: "refreshed", response: scansBody("b2", "beta", [[DAY, 5]]) } },
      ],
      allCodes: false,
      accountCreatedAt: null,
      runAt: new Date(STARTED_AT),
      dayDates: { [DAY]: day },
      series: { dates: [day], totalsOf: () => [65] },
      insights,
    });
    const next = buildSummary({
      existing: first.table,
      codes: [
        { codeId: "b2", outcome: { kind: "failed", reason: "OpenQR had a server error (HTTP 500)." } },
        { codeId: "n3", outcome: { kind: "skipped", why: "time" } },
      ],
      allCodes: true,
      accountCreatedAt: null,
      runAt: new Date(STARTED_AT),
      dayDates: { [DAY]: day },
      series: { dates: [day], totalsOf: () => [65] },
      insights,
    });
    // The Summary's order (by slug: "" first), a1 kept from the first run but not covered by this one.
    expect(next.codes).toEqual([
      {
        codeId: "n3",
        slug: "",
        lifetime: null,
        topCountry: "",
        topReferrer: "",
        state: "waiting",
        covered: true,
      },
      {
        codeId: "a1",
        slug: "alpha",
        lifetime: 160,
        topCountry: "GB",
        topReferrer: "Direct",
        state: "ok",
        covered: false,
      },
      {
        codeId: "b2",
        slug: "beta",
        lifetime: 105,
        topCountry: "GB",
        topReferrer: "Direct",
        state: "failed",
        covered: true,
      },
    ]);
    const digest = fleetDigest({
      codes: next.codes,
      entries,
      insights,
      day: DAY,
      notRefreshed: 2,
      groups: new Map(),
    });
    expect(digest.codes.map((code) => [code.slug, code.lifetime])).toEqual([
      ["", 0],
      ["beta", 105],
    ]);
  });
});

describe("the Summary's number formats, declared by column name", () => {
  it("formats Busiest day as a day and Refreshed at as a time, each in its own column", () => {
    const day = new Date(`${DAY}T00:00:00Z`);
    const { formats, table, chartRows } = buildSummary({
      existing: [],
      codes: [
        { codeId: "a1", outcome: { kind: "refreshed", response: scansBody("a1", "alpha", [[DAY, 6]]) } },
      ],
      allCodes: false,
      accountCreatedAt: null,
      runAt: new Date(STARTED_AT),
      dayDates: { [DAY]: day },
      series: { dates: [day], totalsOf: () => [6] },
      insights: {},
    });
    const formatOf = (column: number, row: number) =>
      formats.find((format) => format.column === column && row >= format.fromRow && row <= format.toRow)
        ?.format;
    // Row 1 is a1's, row 2 the total's.
    for (const row of [1, 2]) {
      expect(formatOf(cellIndex("Busiest day"), row)).toBe(DAY_FORMAT);
      expect(formatOf(cellIndex("Refreshed at"), row)).toBe(TIME_FORMAT);
      expect(formatOf(cellIndex("Lifetime"), row)).toBe(COUNT_FORMAT);
      expect(formatOf(cellIndex("Status"), row)).toBeUndefined();
      expect(formatOf(cellIndex("Window (days)"), row)).toBeUndefined();
    }
    // The series' days below, under their own header; not its header row.
    expect(formatOf(0, chartRows.start)).toBeUndefined();
    expect(formatOf(0, chartRows.start + 1)).toBe(DAY_FORMAT);
    expect(chartRows.start + 1).toBe(table.length - 1);
  });
});
