import { describe, expect, it } from "vitest";
import { renderForGoogleChat } from "../../src/report/google-chat-render.ts";
import { CAUSE_TEXTS, scheduleAlert } from "../../src/report/schedule-alert-message.ts";
import {
  type AlertState,
  alertStep,
  markAlerted,
  REALERT_AFTER_MS,
} from "../../src/report/schedule-alerts.ts";
import { renderForSlack } from "../../src/report/slack-render.ts";
import { STALE_AFTER_MS, staleReport } from "../../src/report/staleness.ts";
import { alertStateSchema, lastRunSchema, parseStored } from "../../src/settings/stored.ts";
import { FAILURE_CAUSES, type LastRun } from "../../src/shared/settings.ts";

const T0 = Date.parse("2026-11-25T12:00:00.000Z");
const HOUR = 3_600_000;

/** Runs the decision over outcomes an hour apart, marking every posted failure as told. */
function replay(outcomes: Array<"ok" | (typeof FAILURE_CAUSES)[number]>) {
  let state: AlertState | null = null;
  const posts: string[] = [];
  outcomes.forEach((outcome, index) => {
    const now = T0 + index * HOUR;
    const step = alertStep(state, outcome === "ok" ? { ok: true } : { ok: false, cause: outcome }, now);
    state = step.state;
    if (step.post?.kind === "failure") {
      posts.push(`${index}: ${step.post.cause} ×${step.post.failedRuns}`);
      state = markAlerted(step.state!, now);
    } else if (step.post) posts.push(`${index}: recovered after ${step.post.failedRuns}`);
  });
  return { posts, state };
}

describe("alertStep", () => {
  it("alerts on a streak's first failure only, then recovers once", () => {
    expect(replay(["ok", "key-rejected", "key-rejected", "key-rejected", "ok", "ok"]).posts).toEqual([
      "1: key-rejected ×1",
      "4: recovered after 3",
    ]);
  });

  it("alerts again when the cause changes, and after a day of the same cause", () => {
    const day = REALERT_AFTER_MS / HOUR;
    const outcomes = Array.from({ length: day + 1 }, () => "unreachable" as const);
    expect(replay([...outcomes, "no-key"]).posts).toEqual([
      "0: unreachable ×1",
      `${day}: unreachable ×${day + 1}`,
      `${day + 1}: no-key ×${day + 2}`,
    ]);
  });

  it("keeps the streak's start through a change of cause", () => {
    const { state } = replay(["key-rejected", "no-key"]);
    expect(state).toMatchObject({ since: new Date(T0).toISOString(), failedRuns: 2, cause: "no-key" });
  });

  it("a busy lock neither starts, counts in nor ends a streak", () => {
    expect(replay(["busy", "busy"])).toEqual({ posts: [], state: null });
    expect(replay(["no-key", "busy", "ok"]).posts).toEqual(["0: no-key ×1", "2: recovered after 1"]);
  });

  it("a streak nobody was told of ends without a recovery", () => {
    const first = alertStep(null, { ok: false, cause: "authorization" }, T0);
    expect(first.post).toMatchObject({ kind: "failure" });
    expect(alertStep(first.state, { ok: true }, T0 + HOUR)).toEqual({ state: null, post: null });
  });
});

describe("the alert message", () => {
  const input = {
    spreadsheetName: "Q4 <!channel>",
    spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
    sinceText: "2026-11-25 04:00 (America/Los Angeles)",
  };

  it("gives each cause its own what-failed and to-do line", () => {
    const todos = FAILURE_CAUSES.map((cause) => CAUSE_TEXTS[cause].todo);
    expect(new Set(todos).size).toBe(FAILURE_CAUSES.length);
    expect(CAUSE_TEXTS["fetch-quota"]).toEqual({
      what: "Apps Script's daily URL fetch quota is used up.",
      todo: "Choose a less frequent schedule or fewer codes in Extensions › OpenQR › Settings.",
    });
    expect(CAUSE_TEXTS.authorization).toEqual({
      what: "The add-on's permission has lapsed.",
      todo: "Open Extensions › OpenQR › Settings once to grant it again.",
    });
  });

  it("renders for Slack and Google Chat, the file's name escaped", () => {
    const message = scheduleAlert({
      ...input,
      post: { kind: "failure", cause: "fetch-quota", since: "", failedRuns: 3 },
    });
    expect(renderForSlack(message).text).toBe(
      [
        ":warning: *OpenQR scheduled refresh failed* · <https://docs.google.com/spreadsheets/d/abc/edit|Q4 &lt;!channel&gt;>",
        "Apps Script's daily URL fetch quota is used up. Failing since 2026-11-25 04:00 (America/Los Angeles); 3 failed runs so far.",
        "*To do:* Choose a less frequent schedule or fewer codes in Extensions › OpenQR › Settings.",
      ].join("\n"),
    );
    const recovery = scheduleAlert({ ...input, post: { kind: "recovery", since: "", failedRuns: 1 } });
    expect(renderForGoogleChat(recovery).text).toBe(
      [
        "✅ *OpenQR scheduled refresh recovered* · <https://docs.google.com/spreadsheets/d/abc/edit|Q4 ‹!channel›>",
        "Recovered after 1 failed run since 2026-11-25 04:00 (America/Los Angeles).",
      ].join("\n"),
    );
  });
});

describe("staleReport", () => {
  const failed = { ok: false, message: "OpenQR rejected the API key (HTTP 401)." } as LastRun;
  const iso = (ms: number) => new Date(ms).toISOString();

  it("shows past twice the schedule's interval, with the last failure's reason", () => {
    expect(STALE_AFTER_MS).toEqual({ off: null, hourly: 2 * HOUR, every6h: 12 * HOUR, daily: 48 * HOUR });
    expect(staleReport("hourly", iso(T0 - 2 * HOUR), failed, T0)).toBeNull();
    expect(staleReport("hourly", iso(T0 - 2 * HOUR - 1), failed, T0)).toEqual({
      lastSuccess: iso(T0 - 2 * HOUR - 1),
      reason: "OpenQR rejected the API key (HTTP 401).",
    });
    expect(staleReport("daily", iso(T0 - 47 * HOUR), failed, T0)).toBeNull();
    expect(staleReport("off", iso(T0 - 1000 * HOUR), failed, T0)).toBeNull();
  });

  it("with no success on record: stale once a run failed", () => {
    expect(staleReport("hourly", null, null, T0)).toBeNull();
    expect(staleReport("every6h", null, failed, T0)).toEqual({ lastSuccess: null, reason: failed.message });
  });
});

describe("stored", () => {
  it("reads an alert state, and forgets a damaged one", () => {
    const state: AlertState = {
      cause: "key-rejected",
      since: "2026-11-25T12:00:00.000Z",
      failedRuns: 2,
      alertedAt: null,
      alertedCause: null,
    };
    expect(parseStored(JSON.stringify(state), alertStateSchema)).toEqual(state);
    expect(parseStored(JSON.stringify({ ...state, cause: "gremlins" }), alertStateSchema)).toBeNull();
  });

  it("reads a failed run's cause; an unknown one is other", () => {
    const run = { ok: false, failure: { cause: "no-key" } };
    expect(parseStored(JSON.stringify(run), lastRunSchema)?.failure).toEqual({ cause: "no-key" });
    const odd = { ok: false, failure: { cause: "gremlins" } };
    expect(parseStored(JSON.stringify(odd), lastRunSchema)?.failure).toEqual({ cause: "other" });
  });
});

describe("docs/alerts.md", () => {
  it("lists every alerted cause with the message's own texts", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync("docs/alerts.md", "utf8");
    for (const cause of FAILURE_CAUSES.filter((c) => c !== "busy")) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${cause}\``));
      expect(row, cause).toBeDefined();
      expect(row).toContain(CAUSE_TEXTS[cause].what.replace(/\.$/, ""));
      expect(row).toContain(CAUSE_TEXTS[cause].todo);
    }
  });
});
