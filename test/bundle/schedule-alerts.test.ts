// The schedule's failure alerts and recovery message (docs/alerts.md), from dist/ in the
// emulator: each fake endpoint checks what it receives.
import { beforeEach, describe, expect, it } from "vitest";
import { slackFormattingOf } from "../../harness/fake-slack/index.ts";
import { createRefreshWorld, type RefreshWorld, SUMMARY } from "./refresh-world.ts";
import { CHAT_WEBHOOK, everythingVisible, KEY, OWNER, SLACK_WEBHOOK } from "./world.ts";

const HOUR = 3_600_000;
const NEW_KEY = "oqr_live_replaced00000000000000";
const ZONE = "America/Los Angeles";
const FAILED = ":warning: *OpenQR scheduled refresh failed* · ";
const RECOVERED = ":white_check_mark: *OpenQR scheduled refresh recovered* · ";

let world: RefreshWorld;

/** The Slack messages that are alerts or recoveries (not digests). */
const alerts = () => world.slack.messages.filter((text) => /scheduled refresh (failed|recovered)/.test(text));

/** Fires the schedule `runs` times, the clock an hour on before each. */
function fireHourly(runs: number): void {
  for (let run = 0; run < runs; run++) {
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
  }
}

function replaceKey(): void {
  world.api.addKey(NEW_KEY);
  world.call("saveApiKey", [NEW_KEY]);
}

const sheetLink = () => `<${world.gas.spreadsheet.url}|Untitled spreadsheet>`;

describe("a key revoked under an hourly schedule", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true });
    world.api.revokeKey(KEY);
  });

  it("alerts once over several failing runs, again after a day, and on a change of cause; recovers once", () => {
    fireHourly(6);
    expect(world.lastRun()).toMatchObject({ ok: false, failure: { cause: "key-rejected" } });
    expect(alerts()).toEqual([
      [
        FAILED + sheetLink(),
        `OpenQR rejected the saved API key. Failing since 2026-11-25 05:00 (${ZONE}); 1 failed run so far.`,
        "*To do:* Save a valid API key in Extensions › OpenQR › Settings.",
      ].join("\n"),
    ]);
    // The runs after the first say what came of their alert: none was due.
    expect(world.lastRun().alert).toBeUndefined();

    fireHourly(18);
    expect(alerts()).toHaveLength(1);
    fireHourly(1); // 24 hours after the first alert
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]!.split("\n")[1]).toBe(
      `OpenQR rejected the saved API key. Failing since 2026-11-25 05:00 (${ZONE}); 25 failed runs so far.`,
    );
    expect(world.lastRun().alert).toEqual({ status: "posted", chat: "slack" });

    world.call("clearApiKey");
    fireHourly(3);
    expect(alerts()).toHaveLength(3);
    expect(alerts()[2]!.split("\n").slice(1)).toEqual([
      `No OpenQR API key is saved for the schedule. Failing since 2026-11-25 05:00 (${ZONE}); 26 failed runs so far.`,
      "*To do:* Save your OpenQR API key in Extensions › OpenQR › Settings.",
    ]);

    replaceKey();
    fireHourly(3);
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12 });
    expect(alerts()).toHaveLength(4);
    expect(alerts()[3]).toBe(
      [RECOVERED + sheetLink(), `Recovered after 28 failed runs since 2026-11-25 05:00 (${ZONE}).`].join(
        "\n",
      ),
    );
    // No key and no webhook in any post or anywhere a user or an operator could read.
    const posted = world.slack.posts.map((post) => post.body).join("\n");
    for (const secret of [KEY, NEW_KEY, SLACK_WEBHOOK]) {
      expect(posted).not.toContain(secret);
      expect(everythingVisible(world)).not.toContain(secret);
    }
  });

  it("does not end the streak on a manual refresh: the next scheduled success recovers", () => {
    fireHourly(2);
    replaceKey();
    world.refreshNow();
    expect(alerts()).toHaveLength(1);
    fireHourly(1);
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]).toContain("Recovered after 2 failed runs since");
  });

  it("posts the recovery after the day's digest on Google Chat, a second apart (a space takes about one a second)", () => {
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: CHAT_WEBHOOK });
    fireHourly(2);
    replaceKey();
    // The next day's first scheduled run: the day's digest, then the recovery, to one space.
    world.gas.clock.advance(24 * HOUR);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      slack: { status: "posted", chat: "google-chat" },
      alert: { status: "posted", chat: "google-chat" },
    });
    expect(world.chat.messages.map((text) => text.split("\n")[0]!.slice(0, 40))).toEqual([
      "⚠️ *OpenQR scheduled refresh failed* · <",
      "*OpenQR daily digest* · <https://docs.go",
      "✅ *OpenQR scheduled refresh recovered* ·",
    ]);
  });

  it("keeps the streak through a webhook's server error, and posts the alert on the next run", () => {
    world.slack.inject([{ status: 500 }]);
    fireHourly(1);
    expect(world.lastRun().alert).toEqual({
      status: "failed",
      chat: "slack",
      why: "HTTP 500: Slack had a server error; the next scheduled run tries again",
    });
    fireHourly(1);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain("; 2 failed runs so far.");
  });
});

describe("each cause has its own line of what to do", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
  });

  const lastAlertLines = () => alerts()[alerts().length - 1]!.split("\n").slice(1);
  const since = (time: string) => `Failing since 2026-11-25 ${time} (${ZONE}); 1 failed run so far.`;

  it("OpenQR unreachable", () => {
    world.api.inject(
      "*list",
      Array.from({ length: 5 }, () => ({ kind: "drop" as const })),
    );
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: false, failure: { cause: "unreachable" } });
    expect(lastAlertLines()).toEqual([
      `OpenQR could not be reached (network or server errors, after retries). ${since("04:00")}`,
      "*To do:* Nothing to change if openqr.uk is back up: the next scheduled run tries again.",
    ]);
  });

  it("the sheets' layout refused", () => {
    world.refreshNow();
    world.sheet(SUMMARY).insertColumns(3, 1);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: false, failure: { cause: "layout-refused" } });
    expect(lastAlertLines()).toEqual([
      `The report sheets' layout was refused (columns moved, a newer layout, or a sheet in the way). ${since("04:00")}`,
      "*To do:* Use Refresh reports now in the spreadsheet: its message names the sheet to fix.",
    ]);
  });

  it("the document unavailable: the alert links the file by its id", () => {
    world.gas.settings.activeSpreadsheetInTriggers = false;
    world.fireSchedule();
    const [first, ...rest] = alerts()[0]!.split("\n");
    expect(first).toBe(
      `${FAILED}<https://docs.google.com/spreadsheets/d/${world.gas.spreadsheet.id}/edit|your spreadsheet>`,
    );
    // Without the file, its time zone is unknown: the script's is used, and named.
    expect(rest[0]).toMatch(
      /^The schedule ran without access to the spreadsheet\. Failing since \d{4}-\d\d-\d\d \d\d:\d\d \([\w/]+\); 1 failed run so far\.$/,
    );
    expect(rest[1]).toBe(
      "*To do:* Open the spreadsheet and save the schedule again in Extensions › OpenQR › Settings.",
    );
    expect(world.call("getSettings")).toMatchObject({
      lastRun: { failure: { cause: "document-unavailable" } },
    });
  });

  it("another failure (OpenQR's plan refuses the listing)", () => {
    world.api.inject("*list", [{ status: 403, code: "plan_limit_exceeded" }]);
    world.fireSchedule();
    expect(lastAlertLines()).toEqual([
      `The scheduled refresh failed. ${since("04:00")}`,
      "*To do:* Open Extensions › OpenQR › Settings: Last refresh says why.",
    ]);
  });

  it("authorization lapsed: no alert can be posted (UrlFetch needs the grant), the run records why", () => {
    world.gas.setAuthorizationRequired(true, OWNER);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      failure: { cause: "authorization" },
      alert: {
        status: "failed",
        chat: "slack",
        why: "not posted: without the add-on's permission Apps Script cannot reach the webhook; the sidebar shows the failure",
      },
    });
    expect(world.slack.posts).toEqual([]);
    // Granted again: the streak nobody was told of ends quietly.
    world.gas.setAuthorizationRequired(false, OWNER);
    fireHourly(1);
    expect(world.lastRun()).toMatchObject({ ok: true });
    expect(alerts()).toEqual([]);
  });

  it("the daily fetch quota: the alert cannot be posted either until it resets", () => {
    world.gas.useUrlFetchQuota(OWNER, 19_990);
    // The rest of today's quota (saving the key used some).
    expect(() => {
      for (;;) world.gas.useUrlFetchQuota(OWNER, 1);
    }).toThrow("Service invoked too many times for one day: urlfetch.");
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: false,
      failure: { cause: "fetch-quota" },
      alert: {
        status: "failed",
        chat: "slack",
        why: "Apps Script's daily URL fetch quota is used up; the next scheduled run tries again",
      },
    });
  });

  it("a busy lock says nothing of the schedule: no alert, and the streak goes on", () => {
    world.call("clearApiKey");
    world.fireSchedule();
    world.gas.locks.holdByAnotherProcess("document");
    fireHourly(1);
    expect(world.lastRun()).toMatchObject({ ok: false, failure: { cause: "busy" } });
    world.gas.locks.releaseOtherProcess("document");
    fireHourly(1);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain("; 1 failed run so far.");
    world.saveOwnerKey();
    fireHourly(1);
    expect(alerts()[1]).toContain("Recovered after 2 failed runs since");
  });
});

describe("the alert to Google Chat, for a spreadsheet with a hostile name", () => {
  it("escapes the name for each chat: no mention, one link (the sheet's)", () => {
    const hostile = "<users/all> *Q4* <!channel> & <https://evil.example|report>";
    for (const webhook of [CHAT_WEBHOOK, SLACK_WEBHOOK]) {
      world = createRefreshWorld();
      world.gas.spreadsheet.name = hostile;
      world.saveSettings({ schedule: "hourly", slackWebhookUrl: webhook });
      world.call("clearApiKey");
      world.fireSchedule();
      const text = webhook === CHAT_WEBHOOK ? world.chat.received[0]!.text : world.slack.messages[0]!;
      const formatting =
        webhook === CHAT_WEBHOOK ? world.chat.received[0]!.formatting : slackFormattingOf(text);
      expect(formatting.mentions).toEqual([]);
      expect(formatting.links).toEqual([world.gas.spreadsheet.url]);
      expect(text.split("\n")[0]).toBe(
        webhook === CHAT_WEBHOOK
          ? `⚠️ *OpenQR scheduled refresh failed* · <${world.gas.spreadsheet.url}|‹users/all› ∗Q4∗ ‹!channel› & ‹https://evil.example|report›>`
          : `${FAILED}<${world.gas.spreadsheet.url}|&lt;users/all&gt; *Q4* &lt;!channel&gt; &amp; &lt;https://evil.example|report&gt;>`,
      );
      const body = (webhook === CHAT_WEBHOOK ? world.chat.posts : world.slack.posts)
        .map((p) => p.body)
        .join("");
      expect(body).not.toContain(webhook);
      expect(body).not.toContain(KEY);
    }
  });
});
