// The daily digest to a Google Chat or a Slack webhook, from dist/ in the emulator: each fake
// endpoint checks the payload it receives, hostile code names included.
import { beforeEach, describe, expect, it } from "vitest";
import { FAKE_CHAT_KEY, FAKE_CHAT_TOKEN } from "../../harness/fake-chat/index.ts";
import { slackFormattingOf } from "../../harness/fake-slack/index.ts";
import { createRefreshWorld, type RefreshWorld } from "./refresh-world.ts";
import { CHAT_WEBHOOK, everythingVisible, KEY, OWNER, SLACK_WEBHOOK } from "./world.ts";

const HOUR = 3_600_000;
/** 12:00 UTC (04:00 in Los Angeles): the digest tells of the last complete UTC day. */
const DAY = "2026-11-24";
const SHEET_LINK = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit$/;

/** Code names meant to ping a whole space or channel, link elsewhere or format the line. */
const HOSTILE = [
  "<users/all>",
  "&lt;users/all&gt;",
  "<!channel> <@U0123>",
  "<https://evil.example|your report>",
  "*bold* _it_ ~s~ `code`",
];

let world: RefreshWorld;

/** The digest's top codes, lifetime totals (OpenQR's, today's partial day included) as N. */
const topLines = (text: string) =>
  text
    .split("\n")
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => line.replace(/lifetime [\d,]+/, "lifetime N"));

function addHostileCodes(): string[] {
  return HOSTILE.map(
    (slug, i) =>
      world.api.addCode({
        slug,
        profile: {
          referrerWeights: { [HOSTILE[(i + 1) % HOSTILE.length]!]: 1 },
          countryWeights: { [slug]: 1 },
        },
        // Far busier than the seeded codes, so all of them are in the digest's top 10.
        fixedDaily: { [DAY]: 100_000 + i, "2026-11-25": 10 },
        created_at: "2026-10-01T00:00:00Z",
      }).id,
  );
}

describe("the digest to a Google Chat webhook", () => {
  beforeEach(() => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: CHAT_WEBHOOK });
  });

  it("says which kind of webhook is saved, never the URL", () => {
    expect(world.call("getSettings")).toMatchObject({ webhookKind: "google-chat" });
    expect(JSON.stringify(world.call("getSettings"))).not.toContain("chat.googleapis.com");
    expect(world.gas.properties.user(OWNER).get(`openqr.slackWebhook.${world.gas.spreadsheet.id}`)).toBe(
      CHAT_WEBHOOK,
    );
  });

  it("posts once a day, as UTF-8 JSON that Chat accepts, in Chat's formatting; nothing goes to Slack", () => {
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
    world.refreshNow();
    expect(world.lastRun().slack).toEqual({
      status: "not-due",
      why: "manual refreshes do not post to Google Chat",
    });
    expect(world.chat.messages).toHaveLength(1);
    expect(world.slack.posts).toEqual([]);

    const [post] = world.chat.posts;
    expect(post).toMatchObject({ method: "POST", url: CHAT_WEBHOOK });
    expect(post!.headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(Object.keys(post!.json as object)).toEqual(["text"]);
    const [message] = world.chat.received;
    const lines = message!.text.split("\n");
    expect(lines[0]).toMatch(/^\*OpenQR daily digest\* · <https:\/\/docs\.google\.com\/[^|]+\|[^>]+>$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\*[\\d,]+ scans\\* on ${DAY} \\(UTC\\) · [\\d,]+ over the 7 days to ${DAY} · [\\d,]+ lifetime · 12 codes$`,
      ),
    );
    const festival = world.id("festival-gate");
    expect(message!.text).toContain(
      `*festival-gate*: ${world.api.scansOn(festival, DAY).n.toLocaleString("en-US")} · 7 days`,
    );
    expect(message!.formatting.mentions).toEqual([]);
    expect(message!.formatting.links).toHaveLength(1);
    expect(message!.formatting.links[0]).toMatch(SHEET_LINK);
  });

  it("turns hostile code names and referrers into plain text: Chat finds no mention and no other link", () => {
    addHostileCodes();
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    const [message] = world.chat.received;
    const top = topLines(message!.text);
    expect(top.slice(0, 5)).toEqual([
      "1. *∗bold∗ ˍitˍ ∼s∼ ˋcodeˋ*: 100,004 · 7 days 100,004 · lifetime N · top country ∗bold∗ ˍitˍ ∼s∼ ˋcodeˋ · top referrer ‹users/all›",
      "2. *‹https://evil.example|your report›*: 100,003 · 7 days 100,003 · lifetime N · top country ‹https://evil.example|your report› · top referrer ∗bold∗ ˍitˍ ∼s∼ ˋcodeˋ",
      "3. *‹!channel› ‹@U0123›*: 100,002 · 7 days 100,002 · lifetime N · top country ‹!channel› ‹@U0123› · top referrer ‹https://evil.example|your report›",
      "4. *＆lt;users/all＆gt;*: 100,001 · 7 days 100,001 · lifetime N · top country ＆lt;users/all＆gt; · top referrer ‹!channel› ‹@U0123›",
      "5. *‹users/all›*: 100,000 · 7 days 100,000 · lifetime N · top country ‹users/all› · top referrer ＆lt;users/all＆gt;",
    ]);
    expect(message!.formatting.mentions).toEqual([]);
    expect(message!.formatting.links).toHaveLength(1);
    expect(message!.formatting.links[0]).toMatch(SHEET_LINK);
  });

  it("records Chat's refusal without failing the refresh, and asks for a new webhook only when retrying cannot help", () => {
    world.chat.revoke(CHAT_WEBHOOK);
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({
      ok: true,
      refreshed: 12,
      slack: {
        status: "failed",
        chat: "google-chat",
        why: "HTTP 403 PERMISSION_DENIED: Google Chat does not let this webhook post (it was deleted, or webhooks are turned off for your organisation): save a new webhook URL in Settings",
      },
    });
    // A refusal will not pass by itself: the day's digest is not tried again.
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
    expect(world.chat.posts).toHaveLength(1);
  });

  it.each([
    [
      { status: 429 },
      "HTTP 429 RESOURCE_EXHAUSTED: Google Chat is limiting posts; the next scheduled run tries again",
    ],
    [
      { status: 503 },
      "HTTP 503 UNAVAILABLE: Google Chat had a server error; the next scheduled run tries again",
    ],
    [
      { drop: true as const },
      "could not reach Google Chat (network error); the next scheduled run tries again",
    ],
  ])("tries again on the next run after %j", (fault, why) => {
    world.chat.inject([fault]);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "failed", chat: "google-chat", why });
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    expect(world.chat.messages).toHaveLength(1);
  });

  it("keeps the webhook's key and token out of every cell, log, report, property a user can read and the sidebar", () => {
    world.chat.revoke(CHAT_WEBHOOK);
    world.fireSchedule();
    world.chat.reset();
    world.chat.inject([{ drop: true }]);
    world.gas.clock.advance(24 * HOUR);
    world.fireSchedule();
    const visible = [
      everythingVisible(world),
      JSON.stringify(world.call("getSettings")),
      JSON.stringify(world.gas.spreadsheet.sheets.map((sheet) => world.shown(sheet.name))),
    ].join("\n");
    for (const secret of [
      FAKE_CHAT_TOKEN,
      decodeURIComponent(FAKE_CHAT_TOKEN),
      FAKE_CHAT_KEY,
      "chat.googleapis.com",
    ]) {
      expect(visible).not.toContain(secret);
    }
    expect(JSON.stringify(world.chat.posts.map((post) => post.body))).not.toContain(KEY);
  });
});

describe("the digest to a Slack webhook", () => {
  it("escapes hostile code names and referrers: Slack finds no mention and no other link", () => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
    expect(world.call("getSettings")).toMatchObject({ webhookKind: "slack" });
    addHostileCodes();
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "slack" });
    expect(world.chat.posts).toEqual([]);
    const [text] = world.slack.messages;
    const top = topLines(text!);
    expect(top[2]).toBe(
      "3. *&lt;!channel&gt; &lt;@U0123&gt;*: 100,002 · 7 days 100,002 · lifetime N · top country &lt;!channel&gt; &lt;@U0123&gt; · top referrer &lt;https://evil.example|your report&gt;",
    );
    const formatting = slackFormattingOf(text!);
    expect(formatting.mentions).toEqual([]);
    expect(formatting.links).toHaveLength(1);
    expect(formatting.links[0]).toMatch(SHEET_LINK);
  });

  it("moves to Google Chat when a Chat webhook is saved in its place, which gets the day's digest too", () => {
    world = createRefreshWorld();
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
    world.fireSchedule();
    // Saving the same webhook again changes nothing: the day's digest went out.
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: SLACK_WEBHOOK });
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: CHAT_WEBHOOK });
    expect(world.call("getSettings")).toMatchObject({ webhookKind: "google-chat" });
    world.gas.clock.advance(HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    expect([world.slack.messages.length, world.chat.messages.length]).toEqual([1, 1]);
    world.saveSettings({ schedule: "hourly", slackWebhookUrl: "" });
    expect(world.call("getSettings")).toMatchObject({ webhookKind: null });
    world.gas.clock.advance(24 * HOUR);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "not-due", why: "no webhook saved" });
  });
});
