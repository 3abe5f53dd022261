import { describe, expect, it } from "vitest";
import { createAppsScript } from "../../harness/emulator/index.ts";
import {
  createFakeChat,
  FAKE_CHAT_KEY,
  FAKE_CHAT_SPACE,
  FAKE_CHAT_TOKEN,
  FAKE_CHAT_WEBHOOK,
  type FakeChat,
  formattingOf,
  MAX_MESSAGE_BYTES,
} from "../../harness/fake-chat/index.ts";
import type { HttpReply } from "../../harness/http-types.ts";

const JSON_UTF8 = { "content-type": "application/json; charset=UTF-8" };
const webhook = (space: string, key: string, token: string, extra = "") =>
  `https://chat.googleapis.com/v1/spaces/${space}/messages?key=${key}&token=${token}${extra}`;

function post(
  chat: FakeChat,
  body: unknown,
  options: { url?: string; method?: string; headers?: Record<string, string> } = {},
): HttpReply {
  return chat.handle({
    method: options.method ?? "POST",
    url: options.url ?? FAKE_CHAT_WEBHOOK,
    headers: options.headers ?? JSON_UTF8,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The status and Google's status word of a reply. */
function answer(reply: HttpReply): [number, string] {
  const json = JSON.parse(reply.body ?? "null") as { error?: { code: number; status: string } } | null;
  if (json?.error) expect(json.error.code).toBe(reply.status);
  return [reply.status, json?.error?.status ?? "ok"];
}

describe("fake Google Chat incoming webhook", () => {
  it("accepts a UTF-8 JSON message: 200 with the created message, recorded with its formatting", () => {
    let now = Date.parse("2026-11-25T12:00:00Z");
    const chat = createFakeChat({ now: () => now });
    const reply = post(chat, { text: "*Digest* · <https://docs.google.com/x|Report> 📈 12 scans" });
    expect(reply.status).toBe(200);
    expect(reply.headers?.["content-type"]).toBe("application/json; charset=UTF-8");
    expect(JSON.parse(reply.body!)).toMatchObject({
      name: `spaces/${FAKE_CHAT_SPACE}/messages/m1`,
      sender: { type: "BOT" },
      text: "*Digest* · <https://docs.google.com/x|Report> 📈 12 scans",
      createTime: "2026-11-25T12:00:00.000Z",
      space: { name: `spaces/${FAKE_CHAT_SPACE}` },
    });
    expect(chat.received).toEqual([
      {
        space: FAKE_CHAT_SPACE,
        text: "*Digest* · <https://docs.google.com/x|Report> 📈 12 scans",
        threadKey: null,
        formatting: { links: ["https://docs.google.com/x"], mentions: [] },
      },
    ]);
    now += 1000;
    expect(answer(post(chat, { text: "again" }, { url: `${FAKE_CHAT_WEBHOOK}&threadKey=digest` }))).toEqual([
      200,
      "ok",
    ]);
    expect(chat.received[1]?.threadKey).toBe("digest");
    expect(chat.messages).toEqual(["*Digest* · <https://docs.google.com/x|Report> 📈 12 scans", "again"]);
    expect(chat.route.prefix).toBe("https://chat.googleapis.com/");
  });

  it("refuses a payload Chat would refuse, with Google's JSON error", () => {
    const chat = createFakeChat({ now: () => 0 });
    const refused: Array<[unknown, Record<string, string>?]> = [
      ["{not json"],
      ["[1]"],
      [{ text: 5 }],
      [{}],
      [{ text: "  " }],
      [{ text: "hi", blocks: [] }],
      [{ text: "x".repeat(MAX_MESSAGE_BYTES + 1) }],
      [{ text: "€".repeat(MAX_MESSAGE_BYTES / 3 + 1) }],
      [{ text: "hi" }, { "content-type": "application/json" }],
      [{ text: "hi" }, { "content-type": "text/plain; charset=UTF-8" }],
    ];
    for (const [body, headers] of refused) {
      expect(answer(post(chat, body, headers ? { headers } : {})), JSON.stringify([body, headers])).toEqual([
        400,
        "INVALID_ARGUMENT",
      ]);
    }
    const unknown = JSON.parse(post(chat, { text: "hi", blocks: [] }).body!) as {
      error: { message: string };
    };
    expect(unknown.error.message).toBe(
      'Invalid JSON payload received. Unknown name "blocks": Cannot find field.',
    );
    expect(chat.messages).toEqual([]);
    // Exactly at the limit, in bytes: accepted.
    expect(
      answer(post(chat, { text: "€".repeat(MAX_MESSAGE_BYTES / 4) + "x".repeat(MAX_MESSAGE_BYTES / 4) })),
    ).toEqual([200, "ok"]);
  });

  it("tells a wrong address, key, token, method and parameter apart as Google does", () => {
    const chat = createFakeChat({ now: () => 0 });
    const cases: Array<[string, string, [number, string]]> = [
      ["POST", "https://chat.googleapis.com/v1/spaces/AAAAfakeSpace/members", [404, "NOT_FOUND"]],
      ["POST", webhook("AAAAother", FAKE_CHAT_KEY, FAKE_CHAT_TOKEN), [404, "NOT_FOUND"]],
      [
        "POST",
        `https://chat.googleapis.com/v1/spaces/${FAKE_CHAT_SPACE}/messages?token=${FAKE_CHAT_TOKEN}`,
        [403, "PERMISSION_DENIED"],
      ],
      ["POST", webhook(FAKE_CHAT_SPACE, "AIzaWRONG", FAKE_CHAT_TOKEN), [400, "INVALID_ARGUMENT"]],
      ["POST", webhook(FAKE_CHAT_SPACE, FAKE_CHAT_KEY, "WRONG"), [403, "PERMISSION_DENIED"]],
      [
        "POST",
        `https://chat.googleapis.com/v1/spaces/${FAKE_CHAT_SPACE}/messages?key=${FAKE_CHAT_KEY}`,
        [403, "PERMISSION_DENIED"],
      ],
      ["POST", `${FAKE_CHAT_WEBHOOK}&foo=1`, [400, "INVALID_ARGUMENT"]],
      ["GET", FAKE_CHAT_WEBHOOK, [401, "UNAUTHENTICATED"]],
    ];
    for (const [method, url, expected] of cases) {
      expect(answer(post(chat, { text: "hi" }, { url, method })), `${method} ${url}`).toEqual(expected);
    }
    expect(chat.posts).toHaveLength(cases.length);
    expect(chat.messages).toEqual([]);
  });

  it("refuses a revoked webhook, a deleted space and webhooks turned off; reset restores them", () => {
    const second = webhook(FAKE_CHAT_SPACE, FAKE_CHAT_KEY, "SECOND");
    let now = 0;
    const chat = createFakeChat({ now: () => now });
    chat.addWebhook(second);
    chat.revoke(FAKE_CHAT_WEBHOOK);
    expect(answer(post(chat, { text: "1" }))).toEqual([403, "PERMISSION_DENIED"]);
    expect(answer(post(chat, { text: "2" }, { url: second }))).toEqual([200, "ok"]);
    chat.disableWebhooks();
    now += 1000;
    expect(answer(post(chat, { text: "3" }, { url: second }))).toEqual([403, "PERMISSION_DENIED"]);
    chat.deleteSpace(FAKE_CHAT_SPACE);
    expect(answer(post(chat, { text: "4" }, { url: second }))).toEqual([404, "NOT_FOUND"]);
    chat.reset();
    expect(chat.posts).toEqual([]);
    expect(answer(post(chat, { text: "5" }))).toEqual([200, "ok"]);
    expect(chat.messages).toEqual(["5"]);
  });

  it("limits a space to one message a second", () => {
    let now = 0;
    const chat = createFakeChat({ now: () => now });
    expect(answer(post(chat, { text: "1" }))).toEqual([200, "ok"]);
    now += 999;
    expect(answer(post(chat, { text: "2" }))).toEqual([429, "RESOURCE_EXHAUSTED"]);
    now += 1;
    expect(answer(post(chat, { text: "3" }))).toEqual([200, "ok"]);
    expect(chat.messages).toEqual(["1", "3"]);
  });

  it("replays injected faults one per request, then behaves again", () => {
    let now = 0;
    const chat = createFakeChat({ now: () => (now += 5000) });
    chat.inject([{ status: 429, retryAfter: 2 }, { status: 503 }, { drop: true }, { delayMs: 5000 }]);
    const limited = post(chat, { text: "1" });
    expect(answer(limited)).toEqual([429, "RESOURCE_EXHAUSTED"]);
    expect(limited.headers?.["retry-after"]).toBe("2");
    expect(answer(post(chat, { text: "2" }))).toEqual([503, "UNAVAILABLE"]);
    expect(post(chat, { text: "3" })).toEqual({ status: 0, drop: true });
    expect(post(chat, { text: "4" })).toMatchObject({ status: 200, delayMs: 5000 });
    expect(answer(post(chat, { text: "5" }))).toEqual([200, "ok"]);
    expect(chat.messages).toEqual(["4", "5"]);
    chat.inject([{ status: 500 }]);
    chat.clearFaults();
    expect(answer(post(chat, { text: "6" }))).toEqual([200, "ok"]);
  });

  it("reads a message's links and mentions as Chat would, HTML entities decoded", () => {
    expect(
      formattingOf("<users/all> <users/123|Ann> <https://a.example|a> <http://b.example> plain"),
    ).toEqual({
      links: ["https://a.example", "http://b.example"],
      mentions: ["users/all", "users/123"],
    });
    expect(formattingOf("&lt;users/all&gt; &#60;https://c.example|c&#x3e;")).toEqual({
      links: ["https://c.example"],
      mentions: ["users/all"],
    });
    expect(formattingOf("‹users/all› ＆lt;users/all＆gt; *bold* https://shown.example")).toEqual({
      links: [],
      mentions: [],
    });
  });

  it("takes posts from a script through UrlFetchApp, whose charset it needs", () => {
    const chat = createFakeChat({ now: () => 0 });
    const app = createAppsScript({
      sources: [
        {
          name: "Code.js",
          code: `
            function notify(url, text, contentType) {
              var response = UrlFetchApp.fetch(url, {
                method: "post", contentType: contentType,
                payload: JSON.stringify({ text: text }), muteHttpExceptions: true,
              });
              return [response.getResponseCode(), JSON.parse(response.getContentText("UTF-8"))];
            }
          `,
        },
      ],
      manifest: { urlFetchWhitelist: ["https://chat.googleapis.com/"] },
      routes: [chat.route],
    });
    const [status, created] = app.run("notify", [
      FAKE_CHAT_WEBHOOK,
      "Grüße 📈",
      "application/json; charset=UTF-8",
    ]) as [number, { text: string }];
    expect([status, created.text]).toEqual([200, "Grüße 📈"]);
    expect(app.run("notify", [FAKE_CHAT_WEBHOOK, "again", "application/json"])).toMatchObject([
      400,
      { error: { code: 400, status: "INVALID_ARGUMENT" } },
    ]);
    chat.inject([{ drop: true }]);
    expect(() => app.run("notify", [FAKE_CHAT_WEBHOOK, "lost", "application/json; charset=UTF-8"])).toThrow(
      /^Exception: Address unavailable: https:\/\/chat\.googleapis\.com\//,
    );
    expect(chat.messages).toEqual(["Grüße 📈"]);
  });
});
