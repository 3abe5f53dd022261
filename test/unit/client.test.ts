// The OpenQR client on a scripted transport: requests, validation, errors, retries, pagination.
import { describe, expect, it } from "vitest";
import { OpenQRClient } from "../../src/openqr/client.ts";
import type { OpenQRError } from "../../src/openqr/errors.ts";
import { QuotaExceeded } from "../../src/openqr/transport.ts";
import { scansBody } from "./fixtures.ts";
import { json, ScriptedTransport } from "./scripted-transport.ts";

const KEY = "oqr_live_unit0000000000";
const body = scansBody("abc", "spring-sale", [
  ["2026-11-24", 3],
  ["2026-11-25", 5],
]);

function failureOf(client: OpenQRClient, id = "abc"): OpenQRError {
  const [outcome] = client.scans([id], 30);
  if (!outcome || outcome.ok) throw new Error("expected a failure");
  return outcome.error;
}

describe("OpenQRClient requests", () => {
  it("sends the key only in the Authorization header, with Accept JSON, to the encoded id", () => {
    const transport = new ScriptedTransport([["/scans", [json(200, body)]]]);
    const [outcome] = new OpenQRClient(KEY, transport).scans(["a/b?c=d"], 30);
    expect(outcome).toEqual({ ok: true, value: body });
    expect(transport.requests).toEqual([
      {
        url: "https://openqr.uk/v1/dynamic/a%2Fb%3Fc%3Dd/scans?days=30",
        headers: { Authorization: `Bearer ${KEY}`, Accept: "application/json" },
      },
    ]);
  });

  it("sends many ids in parallel batches of 20", () => {
    const transport = new ScriptedTransport([["/scans", [json(200, body)]]]);
    const ids = Array.from({ length: 45 }, (_, i) => `id${i}`);
    const outcomes = new OpenQRClient(KEY, transport).scans(ids, 7);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(transport.batches).toEqual([20, 20, 5]);
  });

  it("accepts omitted breakdowns and null tops", () => {
    const { by_device, by_referrer, ...analytics } = body.analytics;
    const lean = { ...body, analytics, scans: { ...body.scans, topCountry: null, topDevice: null } };
    const transport = new ScriptedTransport([["/scans", [json(200, lean)]]]);
    const [outcome] = new OpenQRClient(KEY, transport).scans(["abc"], 30);
    expect(outcome?.ok && outcome.value.analytics.by_device).toBeUndefined();
    expect(outcome?.ok && outcome.value.scans.topDevice).toBeNull();
  });
});

describe("OpenQRClient errors", () => {
  it.each([
    [
      json(401, { error: "Invalid key", code: "unauthorized" }),
      "unauthorized",
      "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.",
    ],
    [
      json(404, { error: "Dynamic code not found" }),
      "not_found",
      'OpenQR code "abc" was not found (HTTP 404). Use the code\'s id (see =OPENQR_CODES()), not its slug.',
    ],
    [
      json(403, { error: "Upgrade", code: "plan_limit_exceeded" }),
      "plan_limit",
      "Your OpenQR plan does not allow this request (HTTP 403). Ask for fewer days or upgrade the plan at openqr.uk.",
    ],
    [
      json(400, { error: "Upgrade", code: "plan_limit_exceeded" }),
      "plan_limit",
      "Your OpenQR plan does not allow this request (HTTP 400). Ask for fewer days or upgrade the plan at openqr.uk.",
    ],
    [json(400, { error: "days" }), "invalid_request", "OpenQR refused the request as invalid (HTTP 400)."],
    [
      { status: 200, headers: {}, body: "<html><body>Bad gateway</body></html>" },
      "unexpected",
      "Unexpected response from OpenQR (HTTP 200): HTML instead of JSON. Try again later.",
    ],
    [
      { status: 200, headers: {}, body: "" },
      "unexpected",
      "Unexpected response from OpenQR (HTTP 200): empty body. Try again later.",
    ],
    [
      { status: 200, headers: {}, body: '{"id": "abc", "slug": ' },
      "unexpected",
      "Unexpected response from OpenQR (HTTP 200): not valid JSON. Try again later.",
    ],
    [
      json(200, { ...body, analytics: { ...body.analytics, daily: "many" } }),
      "unexpected",
      'Unexpected response from OpenQR (HTTP 200): bad field "analytics.daily". Try again later.',
    ],
    [
      // The shape of a day, but no such day: Date would roll it into 2027-02-14.
      json(200, { ...body, analytics: { ...body.analytics, daily: [{ day: "2026-13-45", n: 3 }] } }),
      "unexpected",
      'Unexpected response from OpenQR (HTTP 200): bad field "analytics.daily.0.day". Try again later.',
    ],
    [
      // One day twice: neither count can be believed, and a rollup would add both.
      json(200, {
        ...body,
        analytics: {
          ...body.analytics,
          daily: [
            { day: "2026-11-25", n: 3 },
            { day: "2026-11-25", n: 5 },
          ],
        },
      }),
      "unexpected",
      'Unexpected response from OpenQR (HTTP 200): bad field "analytics.daily". Try again later.',
    ],
    [
      { status: 302, headers: { location: "https://evil.example/" }, body: "" },
      "unexpected",
      "Unexpected response from OpenQR (HTTP 302): a redirect, which is not followed. Try again later.",
    ],
  ])("turns %j into a typed error with an actionable message", (reply, kind, message) => {
    const transport = new ScriptedTransport([["/scans", [reply]]]);
    const error = failureOf(new OpenQRClient(KEY, transport));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(transport.requests).toHaveLength(1);
  });

  it("retries 429 honouring Retry-After, then succeeds", () => {
    const transport = new ScriptedTransport([
      [
        "/scans",
        [json(429, { error: "slow down", code: "rate_limited" }, { "retry-after": "3" }), json(200, body)],
      ],
    ]);
    const [outcome] = new OpenQRClient(KEY, transport).scans(["abc"], 30);
    expect(outcome?.ok).toBe(true);
    expect(transport.sleeps).toEqual([3000]);
  });

  it("backs off exponentially on 5xx and gives up after 4 attempts inside 15 s", () => {
    const transport = new ScriptedTransport([["/scans", [json(500, { error: "boom" })]]]);
    const error = failureOf(new OpenQRClient(KEY, transport));
    expect(error.message).toBe(
      "OpenQR had a server error (HTTP 500) after 4 tries. Try again in a few minutes.",
    );
    expect(transport.sleeps).toEqual([1000, 2000, 4000]);
    expect(transport.requests).toHaveLength(4);
  });

  it("gives up at once when Retry-After asks for longer than a formula can wait", () => {
    const transport = new ScriptedTransport([
      ["/scans", [json(429, { error: "later" }, { "retry-after": "120" })]],
    ]);
    const error = failureOf(new OpenQRClient(KEY, transport));
    expect(error.kind).toBe("rate_limited");
    expect(error.message).toBe(
      "OpenQR is limiting how often it can be asked (HTTP 429). Try again in a minute (a formula runs again when you edit it or a cell it refers to).",
    );
    expect(transport.sleeps).toEqual([]);
  });

  it("clamps a tiny Retry-After up to one second", () => {
    const transport = new ScriptedTransport([
      ["/scans", [json(503, { error: "busy" }, { "retry-after": "0" }), json(200, body)]],
    ]);
    new OpenQRClient(KEY, transport).scans(["abc"], 30);
    expect(transport.sleeps).toEqual([1000]);
  });

  it("explains a network failure after retrying it", () => {
    const transport = new ScriptedTransport([["/scans", [null]]]);
    const error = failureOf(new OpenQRClient(KEY, transport));
    expect(error.kind).toBe("network");
    expect(error.message).toBe(
      "Could not reach OpenQR (network error after 4 tries). Check that openqr.uk is reachable, then try again.",
    );
  });

  it("retries only the failed ids of a batch, in one wait", () => {
    const transport = new ScriptedTransport([
      ["/ok/", [json(200, body)]],
      ["/flaky/", [json(503, {}), json(200, body)]],
      ["/gone/", [json(404, { error: "nope", code: "not_found" })]],
    ]);
    const outcomes = new OpenQRClient(KEY, transport).scans(["ok", "flaky", "gone"], 30);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
    expect(transport.batches).toEqual([3, 1]);
    expect(transport.sleeps).toEqual([1000]);
  });

  it("never puts the key in a message", () => {
    for (const reply of [json(401, {}), json(500, {}), null, json(200, { x: 1 })]) {
      const transport = new ScriptedTransport([["/scans", [reply]]]);
      expect(failureOf(new OpenQRClient(KEY, transport)).message).not.toContain(KEY);
    }
  });
});

describe("OpenQRClient.listCodes", () => {
  const row = (id: string) => ({
    id,
    slug: `s-${id}`,
    short_url: `https://oqr.to/s-${id}`,
    destination: "https://example.com",
    label: null,
    status: "active",
    created_at: "2026-01-01T00:00:00Z",
  });

  it("follows next_cursor with page size 200 until it is null", () => {
    const transport = new ScriptedTransport([
      ["cursor=p2", [json(200, { codes: [row("c")], next_cursor: null })]],
      ["limit=200", [json(200, { codes: [row("a"), row("b")], next_cursor: "p2" })]],
    ]);
    const codes = new OpenQRClient(KEY, transport).listCodes();
    expect(codes.map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(transport.requests.map((r) => r.url)).toEqual([
      "https://openqr.uk/v1/dynamic?limit=200",
      "https://openqr.uk/v1/dynamic?limit=200&cursor=p2",
    ]);
  });

  it("takes a response without next_cursor as the last page", () => {
    const transport = new ScriptedTransport([["limit=200", [json(200, { codes: [row("a")] })]]]);
    expect(new OpenQRClient(KEY, transport).listCodes()).toHaveLength(1);
  });

  it("stops on a cursor that repeats", () => {
    const transport = new ScriptedTransport([
      ["limit=200", [json(200, { codes: [row("a")], next_cursor: "same" })]],
    ]);
    expect(() => new OpenQRClient(KEY, transport).listCodes()).toThrow(
      "Unexpected response from OpenQR (HTTP 200): the code list repeats a page cursor. Try again later.",
    );
  });
});

describe("OpenQRClient.scansAndAccountWhile (the refresh's scans and account)", () => {
  const me = { plan: "pro", limits: {}, created_at: "2024-03-05T06:07:08Z" };
  const always = () => true;

  it("sends /v1/me in the first batch without taking a code's place, and returns its created_at", () => {
    const transport = new ScriptedTransport([
      ["/scans", [json(200, body)]],
      ["/v1/me", [json(200, me)]],
    ]);
    const ids = Array.from({ length: 21 }, (_, i) => `id${i}`);
    const { scans, accountCreatedAt } = new OpenQRClient(KEY, transport).scansAndAccountWhile(ids, 7, always);
    expect(accountCreatedAt).toBe("2024-03-05T06:07:08Z");
    expect(scans).toHaveLength(21);
    expect(scans.every((outcome) => outcome?.ok)).toBe(true);
    expect(transport.batches).toEqual([21, 1]);
    expect(transport.requests[0]!.url).toBe("https://openqr.uk/v1/me");
    expect(transport.requests.filter((r) => r.url.endsWith("/v1/me"))).toHaveLength(1);
  });

  it("asks /v1/me alone when there is no code to read", () => {
    const transport = new ScriptedTransport([["/v1/me", [json(200, me)]]]);
    const result = new OpenQRClient(KEY, transport).scansAndAccountWhile([], 7, always);
    expect(result).toEqual({ scans: [], accountCreatedAt: "2024-03-05T06:07:08Z" });
  });

  it.each([
    ["fails", json(403, { error: "no", code: "plan_limit_exceeded" })],
    ["has no created_at", json(200, { plan: "free" })],
    ["has a blank created_at", json(200, { ...me, created_at: " " })],
    ["has a created_at that is not text", json(200, { ...me, created_at: 20240305 })],
  ])("reads the scans with no account when /v1/me %s", (_, reply) => {
    const transport = new ScriptedTransport([
      ["/scans", [json(200, body)]],
      ["/v1/me", [reply]],
    ]);
    const { scans, accountCreatedAt } = new OpenQRClient(KEY, transport).scansAndAccountWhile(
      ["abc"],
      7,
      always,
    );
    expect(accountCreatedAt).toBeNull();
    expect(scans).toEqual([{ ok: true, value: body }]);
  });

  it("sends nothing, and knows no account, when no batch may start", () => {
    const transport = new ScriptedTransport([]);
    const result = new OpenQRClient(KEY, transport).scansAndAccountWhile(["abc"], 7, () => false);
    expect(result).toEqual({ scans: [null], accountCreatedAt: null });
    expect(transport.requests).toEqual([]);
  });
});

describe("OpenQRClient.verifyKey", () => {
  it("calls /v1/me once and throws the typed 401", () => {
    const transport = new ScriptedTransport([["/v1/me", [json(401, { error: "bad" })]]]);
    expect(() => new OpenQRClient(KEY, transport).verifyKey()).toThrow(
      "OpenQR rejected the API key (HTTP 401)",
    );
    expect(transport.requests.map((r) => r.url)).toEqual(["https://openqr.uk/v1/me"]);
  });
});

describe("OpenQRClient.scansWhile (the refresh's time budget)", () => {
  it("starts no batch once told to stop, and returns null for the codes never tried", () => {
    const transport = new ScriptedTransport([["/scans", [json(200, body)]]]);
    const ids = Array.from({ length: 50 }, (_, i) => `id${i}`);
    let batches = 0;
    const outcomes = new OpenQRClient(KEY, transport).scansWhile(ids, 30, () => batches++ < 2);
    expect(transport.batches).toEqual([20, 20]);
    expect(outcomes.slice(0, 40).every((o) => o?.ok)).toBe(true);
    expect(outcomes.slice(40)).toEqual(Array(10).fill(null));
  });

  it("gives the transport its budget's end, so a one-by-one fallback stops sending there", () => {
    const deadlines: Array<number | undefined> = [];
    class Recording extends ScriptedTransport {
      override getAll(requests: Parameters<ScriptedTransport["getAll"]>[0], deadline?: number) {
        deadlines.push(deadline);
        return super.getAll(requests);
      }
    }
    const transport = new Recording([["/scans", [json(200, body)]]]);
    transport.clock = 1_000;
    const policy = { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000, budgetMs: 270_000 };
    new OpenQRClient(KEY, transport, policy).scansWhile(["a", "b"], 30, () => true);
    expect(deadlines).toEqual([271_000]);
  });

  it("keeps a retryable failure as the outcome when no retry may start", () => {
    const transport = new ScriptedTransport([["/scans", [json(503, { error: "busy" })]]]);
    let calls = 0;
    const policy = { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000, budgetMs: 300_000 };
    const [outcome] = new OpenQRClient(KEY, transport, policy).scansWhile(["abc"], 30, () => calls++ < 1);
    expect(transport.batches).toEqual([1]);
    expect(outcome?.ok === false && outcome.error.message).toBe(
      "OpenQR had a server error (HTTP 503). Try again in a few minutes.",
    );
  });
});

describe("OpenQRClient and the platform's daily URL fetch quota", () => {
  class QuotaAfter extends ScriptedTransport {
    constructor(private allowed: number) {
      super([["/scans", [json(200, body)]]]);
    }
    override getAll(requests: Parameters<ScriptedTransport["getAll"]>[0]) {
      if (this.allowed-- <= 0) throw new QuotaExceeded();
      return super.getAll(requests);
    }
  }

  it("stops sending once the quota is reached: the refresh gets the codes not tried back as null", () => {
    const client = new OpenQRClient(KEY, new QuotaAfter(1));
    const outcomes = client.scansWhile(
      Array.from({ length: 30 }, (_, i) => `id${i}`),
      30,
      () => true,
    );
    expect(client.quotaReached).toBe(true);
    expect(outcomes.filter((o) => o?.ok)).toHaveLength(20);
    expect(outcomes.slice(20)).toEqual(Array(10).fill(null));
  });

  it("gives a formula the quota's own message", () => {
    const [outcome] = new OpenQRClient(KEY, new QuotaAfter(0)).scans(["abc"], 30);
    expect(outcome?.ok === false && outcome.error.message).toBe(
      "Apps Script's daily URL fetch quota is used up (Service invoked too many times), so OpenQR cannot be asked until it resets, within 24 hours.",
    );
  });
});
