import { describe, expect, it } from "vitest";
import { createAppsScript } from "../../harness/emulator/index.ts";
import {
  createFakeSlack,
  FAKE_SLACK_WEBHOOK,
  type FakeSlack,
  MAX_TEXT_CHARACTERS,
  slackFormattingOf,
} from "../../harness/fake-slack/index.ts";
import type { HttpReply } from "../../harness/http-types.ts";

const JSON_HEADERS = { "content-type": "application/json" };

function post(
  slack: FakeSlack,
  body: unknown,
  options: { url?: string; method?: string; headers?: Record<string, string> } = {},
): HttpReply {
  return slack.handle({
    method: options.method ?? "POST",
    url: options.url ?? FAKE_SLACK_WEBHOOK,
    headers: options.headers ?? JSON_HEADERS,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const answer = (reply: HttpReply) => [reply.status, reply.body];

describe("fake Slack incoming webhook", () => {
  it("accepts a JSON post with text: 200 ok, recorded as a message", () => {
    const slack = createFakeSlack();
    const reply = post(slack, { text: "*Weekly digest*: 12 scans" });
    expect(answer(reply)).toEqual([200, "ok"]);
    expect(reply.headers?.["content-type"]).toMatch(/^text\/plain/);
    expect(slack.messages).toEqual(["*Weekly digest*: 12 scans"]);
    expect(slack.posts).toEqual([
      {
        url: FAKE_SLACK_WEBHOOK,
        method: "POST",
        headers: JSON_HEADERS,
        body: '{"text":"*Weekly digest*: 12 scans"}',
        json: { text: "*Weekly digest*: 12 scans" },
      },
    ]);
    expect(slack.route.prefix).toBe("https://hooks.slack.com/services/");
  });

  it("accepts blocks that carry text, with text as the fallback when given", () => {
    const slack = createFakeSlack();
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "Digest" } },
      { type: "section", text: { type: "mrkdwn", text: "12 scans" } },
    ];
    expect(answer(post(slack, { blocks }))).toEqual([200, "ok"]);
    expect(answer(post(slack, { text: "fallback", blocks }))).toEqual([200, "ok"]);
    expect(answer(post(slack, { blocks: [{ type: "divider" }] }))).toEqual([400, "no_text"]);
    expect(answer(post(slack, { text: "x", blocks: "nope" }))).toEqual([400, "invalid_blocks"]);
    expect(slack.messages).toEqual(["Digest\n12 scans", "fallback"]);
  });

  it("answers each refusal with Slack's status and word", () => {
    const slack = createFakeSlack();
    const unknown = "https://hooks.slack.com/services/T000/B000/WRONG";
    expect(answer(post(slack, { text: "hi" }, { url: unknown }))).toEqual([404, "no_service"]);
    expect(answer(post(slack, "", { method: "GET", headers: {} }))).toEqual([405, "invalid_method"]);
    expect(answer(post(slack, "{not json"))).toEqual([400, "invalid_payload"]);
    expect(answer(post(slack, "[1]"))).toEqual([400, "invalid_payload"]);
    expect(answer(post(slack, { text: 5 }))).toEqual([400, "invalid_payload"]);
    expect(
      answer(
        post(slack, { text: "hi" }, { headers: { "content-type": "application/x-www-form-urlencoded" } }),
      ),
    ).toEqual([400, "invalid_payload"]);
    expect(answer(post(slack, {}))).toEqual([400, "no_text"]);
    expect(answer(post(slack, { text: "  " }))).toEqual([400, "no_text"]);
    expect(answer(post(slack, { text: "x".repeat(MAX_TEXT_CHARACTERS + 1) }))).toEqual([400, "msg_too_long"]);
    expect(answer(post(slack, { text: "x".repeat(MAX_TEXT_CHARACTERS) }))).toEqual([200, "ok"]);
    expect(
      answer(post(slack, { text: "hi" }, { headers: { "content-type": "application/json; charset=utf-8" } })),
    ).toEqual([200, "ok"]);
    expect(slack.posts).toHaveLength(11);
    expect(slack.messages).toHaveLength(2);
  });

  it("serves only the webhooks it was given, and forgets a revoked one", () => {
    const other = "https://hooks.slack.com/services/T111/B111/OTHER";
    const slack = createFakeSlack({ webhooks: [other] });
    expect(answer(post(slack, { text: "hi" }))).toEqual([404, "no_service"]);
    expect(answer(post(slack, { text: "hi" }, { url: other }))).toEqual([200, "ok"]);
    slack.revoke(other);
    expect(answer(post(slack, { text: "hi" }, { url: other }))).toEqual([404, "no_service"]);
    slack.addWebhook(FAKE_SLACK_WEBHOOK);
    expect(answer(post(slack, { text: "hi" }))).toEqual([200, "ok"]);
  });

  it("replays injected faults one per request, then behaves again", () => {
    const slack = createFakeSlack();
    slack.inject([
      { status: 429, body: "rate_limited", retryAfter: 1 },
      { status: 410, body: "channel_is_archived" },
      { drop: true },
      { delayMs: 5000 },
    ]);
    const limited = post(slack, { text: "1" });
    expect(answer(limited)).toEqual([429, "rate_limited"]);
    expect(limited.headers?.["retry-after"]).toBe("1");
    expect(answer(post(slack, { text: "2" }))).toEqual([410, "channel_is_archived"]);
    expect(post(slack, { text: "3" })).toEqual({ status: 0, drop: true });
    expect(post(slack, { text: "4" })).toMatchObject({ status: 200, body: "ok", delayMs: 5000 });
    expect(answer(post(slack, { text: "5" }))).toEqual([200, "ok"]);
    expect(slack.messages).toEqual(["4", "5"]);
    expect(slack.posts).toHaveLength(5);
  });

  it("clears faults and resets to its first state, keeping the arrays tests hold", () => {
    const slack = createFakeSlack();
    const { posts, messages } = slack;
    slack.inject([{ status: 500 }]);
    slack.clearFaults();
    expect(answer(post(slack, { text: "hi" }))).toEqual([200, "ok"]);
    slack.revoke(FAKE_SLACK_WEBHOOK);
    slack.inject([{ status: 500 }]);
    slack.reset();
    expect(posts).toEqual([]);
    expect(messages).toEqual([]);
    expect(answer(post(slack, { text: "again" }))).toEqual([200, "ok"]);
    expect(slack.messages).toEqual(["again"]);
  });

  it("takes posts from a script through UrlFetchApp with muteHttpExceptions", () => {
    const slack = createFakeSlack();
    const app = createAppsScript({
      sources: [
        {
          name: "Code.js",
          code: `
            function notify(url, text) {
              var response = UrlFetchApp.fetch(url, {
                method: "post", contentType: "application/json",
                payload: JSON.stringify({ text: text }), muteHttpExceptions: true,
              });
              return [response.getResponseCode(), response.getContentText()];
            }
          `,
        },
      ],
      manifest: { urlFetchWhitelist: ["https://hooks.slack.com/"] },
      routes: [slack.route],
    });
    expect(app.run("notify", [FAKE_SLACK_WEBHOOK, "12 scans today"])).toEqual([200, "ok"]);
    expect(app.run("notify", [FAKE_SLACK_WEBHOOK, ""])).toEqual([400, "no_text"]);
    slack.revoke(FAKE_SLACK_WEBHOOK);
    expect(app.run("notify", [FAKE_SLACK_WEBHOOK, "again"])).toEqual([404, "no_service"]);
    slack.inject([{ drop: true }]);
    expect(() => app.run("notify", [FAKE_SLACK_WEBHOOK, "lost"])).toThrow(
      `Exception: Address unavailable: ${FAKE_SLACK_WEBHOOK}`,
    );
    expect(slack.messages).toEqual(["12 scans today"]);
    expect(slack.posts[0]?.headers["content-type"]).toBe("application/json");
    expect(app.calls["UrlFetchApp.fetch"]).toBe(4);
  });
});

describe("slackFormattingOf", () => {
  it("finds the links and mentions Slack's control sequences form, and none in escaped text", () => {
    expect(
      slackFormattingOf("<!here> <@U123|ann> <#C1> <https://a.example|a> <mailto:x@y.example> plain *b*"),
    ).toEqual({
      links: ["https://a.example", "mailto:x@y.example"],
      mentions: ["!here", "@U123", "#C1"],
    });
    expect(slackFormattingOf("&lt;!channel&gt; &lt;https://evil.example|x&gt; a &amp; b")).toEqual({
      links: [],
      mentions: [],
    });
  });
});
