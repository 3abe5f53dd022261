// The Summary and Breakdown sheets' pure rows, the refresh order and the run report.
import { describe, expect, it } from "vitest";
import { mergeBreakdown } from "../../src/report/breakdown-rows.ts";
import { stalestFirst } from "../../src/report/refresh-order.ts";
import { completedRun, failedRun } from "../../src/report/run-report.ts";
import type { WritableRow } from "../../src/report/sheet-cells.ts";
import { refreshedAtByCode } from "../../src/report/summary-rows.ts";
import { STATUS_DELETED, STATUS_WAITING } from "../../src/report/summary-status.ts";
import { buildSummary } from "../../src/report/summary-table.ts";
import { scansBody } from "./fixtures.ts";

const date = (day: string) => new Date(`${day}T00:00:00Z`);
const RUN = new Date("2026-11-25T12:00:00Z");
const EARLIER = new Date("2026-11-25T11:00:00Z");
/** /v1/me's created_at for the key, and the Account cell it makes. */
const CREATED = "2024-01-02T03:04:05.000Z";
const ACCOUNT = "'created 2024-01-02 03:04:05 UTC";

describe("buildSummary", () => {
  const alpha = scansBody("a1", "alpha", [
    ["2026-11-24", 3],
    ["2026-11-25", 5],
  ]);
  const series = { dates: [date("2026-11-24"), date("2026-11-25")], totalsOf: () => [3, 5] };
  const dayDates = { "2026-11-24": date("2026-11-24"), "2026-11-25": date("2026-11-25") };

  it("lays out code rows, the total row and the chart's series below", () => {
    const summary = buildSummary({
      existing: [],
      codes: [{ codeId: "a1", outcome: { kind: "refreshed", response: alpha } }],
      allCodes: true,
      accountCreatedAt: CREATED,
      runAt: RUN,
      dayDates,
      series,
      insights: {
        a1: {
          week: { last: 30, previous: 20, change: 0.5 },
          judgement: { trend: "steady", scans: 3, typical: 4 },
        },
      },
    });
    expect(summary.table).toEqual([
      [
        "'Code ID",
        "'Slug",
        "'Short URL",
        "'Destination",
        "'Lifetime",
        "'Last 7 days",
        "'Last 7 full days",
        "'Previous 7 full days",
        "'Change",
        "'Trend",
        "'Window total",
        "'Window (days)",
        "'Top country",
        "'Top device",
        "'Top referrer",
        "'Busiest day",
        "'Refreshed at",
        "'Status",
        "'Account",
        "'Group",
      ],
      [
        "'a1",
        "'alpha",
        "'https://oqr.to/alpha",
        "'https://example.com/alpha",
        108,
        8,
        30,
        20,
        0.5,
        "'steady",
        8,
        2,
        "'GB",
        "'mobile",
        "'Direct",
        date("2026-11-25"),
        RUN,
        "'ok",
        ACCOUNT,
        "",
      ],
      [
        "'Total",
        "'1 code",
        "",
        "",
        108,
        8,
        30,
        20,
        0.5,
        "",
        8,
        "",
        "",
        "",
        "",
        date("2026-11-25"),
        RUN,
        "'1 ok, 0 failed",
        "",
        "",
      ],
      Array(20).fill(""),
      ["'Day", "'Fleet scans", ...Array(18).fill("")],
      [date("2026-11-24"), 3, ...Array(18).fill("")],
      [date("2026-11-25"), 5, ...Array(18).fill("")],
    ]);
    expect(summary.chartRows).toEqual({ start: 4, numRows: 3 });
    expect(refreshedAtByCode(summary.table)).toEqual({ a1: RUN.getTime() });
  });

  it("keeps a failed code's numbers with its reason, marks waiting and deleted codes, totals only current codes", () => {
    const before = buildSummary({
      existing: [],
      codes: [
        { codeId: "a1", outcome: { kind: "refreshed", response: alpha } },
        {
          codeId: "b2",
          outcome: { kind: "refreshed", response: scansBody("b2", "beta", [["2026-11-25", 1]]) },
        },
        {
          codeId: "c3",
          outcome: { kind: "refreshed", response: scansBody("c3", "gamma", [["2026-11-25", 2]]) },
        },
      ],
      allCodes: true,
      accountCreatedAt: CREATED,
      runAt: EARLIER,
      dayDates,
      series,
      insights: {},
    }).table;
    const after = buildSummary({
      existing: before,
      codes: [
        {
          codeId: "a1",
          outcome: { kind: "failed", reason: "OpenQR had a server error (HTTP 500) after 5 tries." },
        },
        { codeId: "b2", outcome: { kind: "skipped", why: "time" } },
      ],
      allCodes: true,
      accountCreatedAt: CREATED,
      runAt: RUN,
      dayDates,
      series,
      insights: {},
    }).table;
    const byId = (table: WritableRow[], id: string) => table.find((row) => row[0] === `'${id}`)!;
    expect(byId(after, "a1")).toEqual([
      ...byId(before, "a1").slice(0, 17),
      "'failed: OpenQR had a server error (HTTP 500) after 5 tries.",
      ACCOUNT,
      "",
    ]);
    expect(byId(after, "b2")[17]).toBe(`'${STATUS_WAITING}`);
    expect(byId(after, "c3")[17]).toBe(`'${STATUS_DELETED}`);
    expect(byId(after, "c3")[4]).toBe(102);
    const total = after.find((row) => row[0] === "'Total")!;
    expect(total.slice(1, 5)).toEqual(["'2 codes", "", "", 108 + 101]);
    expect(total[17]).toBe("'0 ok, 1 failed, 1 waiting; the weeks cover 0 of 2 codes");
  });

  it("leaves a total over unknowns blank, sums the weeks only over codes known in both, and leaves unknown days blank", () => {
    const code = (id: string) => ({
      codeId: id,
      outcome: { kind: "refreshed" as const, response: scansBody(id, `slug-${id}`, [["2026-11-25", 1]]) },
    });
    const judgement = { trend: "learning" as const, scans: null, typical: null };
    const week = (last: number | null, previous: number | null) => ({
      week: { last, previous, change: last !== null && previous ? (last - previous) / previous : null },
      judgement,
    });
    const totalOf = (insights: Parameters<typeof buildSummary>[0]["insights"]) => {
      const { table } = buildSummary({
        existing: [],
        codes: ["a", "b", "c"].map(code),
        allCodes: true,
        runAt: RUN,
        dayDates,
        accountCreatedAt: null,
        series: { dates: series.dates, totalsOf: () => [null, 5] },
        insights,
      });
      const total = table.find((row) => row[0] === "'Total")!;
      return {
        weeks: total.slice(6, 9),
        busiest: total[15],
        status: total[17],
        series: table.slice(-2).map((row) => row.slice(0, 2)),
      };
    };
    // The free plan's first refresh: no code has a full week yet.
    const unknown = totalOf({ a: week(null, null), b: week(null, null), c: week(null, null) });
    expect(unknown.weeks).toEqual(["", "", ""]);
    expect(unknown.status).toBe("'3 ok, 0 failed; the weeks cover 0 of 3 codes");
    expect(unknown.series).toEqual([
      [date("2026-11-24"), ""],
      [date("2026-11-25"), 5],
    ]);
    expect(unknown.busiest).toEqual(date("2026-11-25"));
    // b's previous week is unknown: it is left out of both weeks, so the change compares a and c alone.
    const partly = totalOf({ a: week(30, 20), b: week(500, null), c: week(10, 20) });
    expect(partly.weeks).toEqual([40, 40, 0]);
    expect(partly.status).toBe("'3 ok, 0 failed; the weeks cover 2 of 3 codes");
    const all = totalOf({ a: week(30, 20), b: week(5, 10), c: week(10, 20) });
    expect(all.weeks).toEqual([45, 50, -0.1]);
    expect(all.status).toBe("'3 ok, 0 failed");
  });

  it("leaves Lifetime, Last 7 days and Window total blank when no code in scope has them", () => {
    const { table } = buildSummary({
      existing: [],
      codes: [{ codeId: "a1", outcome: { kind: "failed", reason: "OpenQR had a server error (HTTP 500)." } }],
      allCodes: true,
      runAt: RUN,
      dayDates,
      accountCreatedAt: null,
      series,
      insights: {},
    });
    const total = table.find((row) => row[0] === "'Total")!;
    expect([total[4], total[5], total[10]]).toEqual(["", "", ""]);
  });

  it("carries a user's own column with its code row when the order changes", () => {
    const first = buildSummary({
      existing: [],
      codes: [{ codeId: "a1", outcome: { kind: "refreshed", response: alpha } }],
      allCodes: false,
      accountCreatedAt: CREATED,
      runAt: EARLIER,
      dayDates,
      series,
      insights: {},
    }).table;
    const withNote = first.map((row, index) => [...row, index === 1 ? "'call the printer" : ""]);
    const next = buildSummary({
      existing: withNote,
      codes: [
        {
          codeId: "0a",
          outcome: { kind: "refreshed", response: scansBody("0a", "aardvark", [["2026-11-25", 1]]) },
        },
        { codeId: "a1", outcome: { kind: "refreshed", response: alpha } },
      ],
      allCodes: false,
      accountCreatedAt: CREATED,
      runAt: RUN,
      dayDates,
      series,
      insights: {},
    }).table;
    expect(next[1]![0]).toBe("'0a");
    expect(next[1]![20]).toBe("");
    expect(next[2]![0]).toBe("'a1");
    expect(next[2]![20]).toBe("'call the printer");
  });
});

describe("mergeBreakdown", () => {
  it("replaces a refreshed code's rows, keeps the others, marks what the plan leaves out", () => {
    const existing: WritableRow[] = [
      ["'Code ID", "'Slug", "'Dimension", "'Value", "'Scans", "'Window (days)"],
      ["'a1", "'alpha", "'country", "'FR", 2, 30],
      ["'z9", "'failed-one", "'country", "'GB", 9, 30],
    ];
    const { table } = mergeBreakdown(existing, [
      {
        codeId: "a1",
        slug: "alpha",
        windowDays: 7,
        byDimension: {
          country: [
            { value: "GB", n: 4 },
            { value: "+44 20", n: 1 },
          ],
          device: undefined,
          referrer: [{ value: "<b>x</b>", n: 5 }],
        },
      },
    ]);
    expect(table).toEqual([
      existing[0],
      ["'a1", "'alpha", "'country", "'GB", 4, 7],
      ["'a1", "'alpha", "'country", "'+44 20", 1, 7],
      ["'a1", "'alpha", "'device", "'(not in plan)", "", 7],
      ["'a1", "'alpha", "'referrer", "'<b>x</b>", 5, 7],
      existing[2],
    ]);
  });
});

describe("stalestFirst", () => {
  it("puts never-refreshed codes first in list order, then the oldest refresh, once each", () => {
    expect(stalestFirst(["a", "b", "c", "d", "b"], { a: 300, b: 100, d: null })).toEqual([
      "c",
      "d",
      "b",
      "a",
    ]);
  });
});

describe("run report", () => {
  const timing = { finishedAt: RUN.getTime(), trigger: "scheduled" as const, durationMs: 12_345 };

  it("says what happened in one sentence and lists at most 20 failures", () => {
    const failures = Array.from({ length: 23 }, (_, i) => ({
      codeId: `id${i}`,
      slug: `s${i}`,
      reason: "HTTP 500",
    }));
    const report = completedRun(
      timing,
      { refreshed: 5, failures, skippedForTime: 2, notes: [] },
      { status: "posted", chat: "slack" },
    );
    expect(report).toMatchObject({
      time: "2026-11-25T12:00:00.000Z",
      trigger: "scheduled",
      ok: true,
      refreshed: 5,
      failed: 23,
      skippedForTime: 2,
      durationSeconds: 12.3,
      message:
        "Refreshed 5 codes; 23 codes failed and kept their previous rows; 2 codes wait for the next run (this one reached its time limit).",
    });
    expect(report.failures).toHaveLength(20);
  });

  it("fits one property value however long the API's strings are", () => {
    const failures = Array.from({ length: 20 }, (_, i) => ({
      codeId: "x".repeat(5000),
      slug: "y".repeat(50_000),
      reason: `r${i}`,
    }));
    const report = completedRun(
      timing,
      { refreshed: 0, failures, skippedForTime: 0, notes: [] },
      { status: "posted", chat: "slack" },
    );
    expect(JSON.stringify(report).length).toBeLessThan(9000);
    expect(report.failed).toBe(20);
    expect(report.failures[0]!.slug).toHaveLength(100);
  });

  it("records a run that could not start", () => {
    expect(failedRun(timing, "No OpenQR API key", "no-key")).toMatchObject({
      ok: false,
      refreshed: 0,
      message: "No OpenQR API key",
      failure: { cause: "no-key" },
    });
  });
});
