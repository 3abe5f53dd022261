import { describe, expect, it } from "vitest";
import { chatOutcomeText, runLogRow, runLogRowFormats, runsToTrim } from "../../src/report/run-log.ts";
import { completedRun, failedRun } from "../../src/report/run-report.ts";

const timing = {
  finishedAt: Date.parse("2026-11-25T12:00:00Z"),
  trigger: "scheduled" as const,
  durationMs: 12_340,
};

describe("a run's row in OpenQR Runs", () => {
  it("a completed run: its time as a Date, its counts, its outcome and the digest's in words", () => {
    const report = completedRun(
      timing,
      {
        refreshed: 10,
        failures: [{ codeId: "qr_1", slug: "a", reason: "HTTP 500" }],
        skippedForTime: 2,
        notes: [],
      },
      { status: "failed", chat: "google-chat", why: "HTTP 429: rate limited" },
    );
    expect(runLogRow(report)).toEqual([
      new Date("2026-11-25T12:00:00Z"),
      "'scheduled",
      "'completed",
      12.3,
      10,
      1,
      2,
      `'${report.message}`,
      "'Google Chat failed: HTTP 429: rate limited",
    ]);
  });

  it("a run stopped as a whole: counts blank, never 0; text that looks like a formula stays text", () => {
    const row = runLogRow(failedRun({ ...timing, trigger: "manual" }, '=HYPERLINK("x") failed', "other"));
    expect(row.slice(1)).toEqual([
      "'manual",
      "'failed",
      12.3,
      "",
      "",
      "",
      '\'=HYPERLINK("x") failed',
      "'not posted: the refresh did not run",
    ]);
  });

  it("names the digest's outcome", () => {
    expect(chatOutcomeText({ status: "posted", chat: "slack" })).toBe("posted to Slack");
    expect(chatOutcomeText({ status: "not-due", why: "no webhook saved" })).toBe(
      "not posted: no webhook saved",
    );
  });

  it("formats the date-time, the duration and the counts; the text as General", () => {
    expect(runLogRowFormats()).toEqual([
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
  });

  it("trims nothing below 550 runs, then back to the latest 500", () => {
    expect([0, 549, 550, 560].map(runsToTrim)).toEqual([0, 0, 50, 60]);
  });
});
