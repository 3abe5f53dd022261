// The custom functions, run from dist/ in the emulator as a non-owner editor's cells.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, EDITOR, KEY, OTHER_ACCOUNT_KEY, OWNER, type TestWorld } from "./world.ts";

/** Report settings as the sidebar saves them. */
const SETTINGS = { days: 30, schedule: "off", hour: 7, codes: "all", formulasUseMyKey: false };

/** The fake API's own answer, read straight from it (not through the add-on). */
function apiScans(world: TestWorld, id: string, days: number) {
  const reply = world.api.handle({
    method: "GET",
    url: `https://openqr.uk/v1/dynamic/${encodeURIComponent(id)}/scans?days=${days}`,
    headers: { authorization: `Bearer ${KEY}` },
    body: "",
  });
  world.api.requests.pop();
  return JSON.parse(reply.body!) as {
    slug: string;
    short_url: string;
    destination: string;
    scans: { total: number; last7: number };
    analytics: {
      days_window: number;
      window_total: number;
      daily: Array<{ day: string; n: number }>;
      by_country: Array<{ value: string; n: number }>;
      by_device?: Array<{ value: string; n: number }>;
    };
  };
}

/** The service calls counted since the last reset, cells moved left out. */
function serviceCalls(on: TestWorld = world): Record<string, number> {
  return Object.fromEntries(Object.entries(on.gas.calls).filter(([name]) => !name.startsWith("cells ")));
}

let world: TestWorld;
beforeEach(() => {
  world = createTestWorld();
  world.saveOwnerKey();
  world.api.requests.length = 0;
  world.gas.resetCalls();
});

describe("OPENQR_SCANS", () => {
  it("spills Day and Scans, oldest first, one row per day the API returned", () => {
    const id = world.id("festival-gate");
    const expected = apiScans(world, id, 7).analytics.daily.map((b) => [b.day, String(b.n)]);
    expect(world.cells("OPENQR_SCANS", id, 7)).toEqual([["Day", "Scans"], ...expected]);
    expect(expected).toHaveLength(7);
    expect(expected[6]![0]).toBe("2026-11-25");
  });

  it("defaults a blank days to 30", () => {
    expect(world.cells("OPENQR_SCANS", world.id("festival-gate"), "")).toHaveLength(31);
    expect(world.api.requests[0]!.url).toMatch(/\/scans\?days=30$/);
  });

  it.each([
    [0, "0"],
    [366, "366"],
    [2.5, "2.5"],
    ["abc", '"abc"'],
  ])(
    "refuses days %j with a message naming the argument and what it takes, without any request",
    (days, shown) => {
      expect(world.formula("OPENQR_SCANS", world.id("festival-gate"), days)).toEqual({
        ok: false,
        error: `days_or_start must be a whole number of days from 1 to 365, or a start date (a date cell or YYYY-MM-DD text); ${shown} is neither. Leave it blank for 30 days.`,
      });
      expect(world.api.requests).toHaveLength(0);
    },
  );

  it("reports what a 7-day plan honours when 30 days are asked", () => {
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    const table = world.cells("OPENQR_SCANS", world.id("festival-gate"), 30);
    expect(table).toHaveLength(8);
    expect(table.slice(1).map((row) => row[0])).toEqual([
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
    ]);
  });

  it("aligns several ids by day under their slugs, skipping blank cells", () => {
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    const daysA = apiScans(world, a, 3).analytics.daily;
    const daysB = apiScans(world, b, 3).analytics.daily;
    expect(world.cells("OPENQR_SCANS", [[a], [""], [b]], 3)).toEqual([
      ["Day", "festival-gate", "spring-sale"],
      ...daysA.map((bucket, i) => [bucket.day, String(bucket.n), String(daysB[i]!.n)]),
    ]);
    expect(world.gas.calls["UrlFetchApp.fetchAll"]).toBe(1);
  });

  it("makes exactly one GET per code with the contract's headers and options, nothing followed", () => {
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    const before = world.gas.http.length;
    world.cells("OPENQR_SCANS", [[a], [b]], 7);
    expect(
      world.gas.http.slice(before).map((r) => ({ method: r.method, url: r.url, headers: r.headers })),
    ).toEqual(
      [a, b].map((id) => ({
        method: "GET",
        url: `https://openqr.uk/v1/dynamic/${id}/scans?days=7`,
        headers: { authorization: `Bearer ${KEY}`, accept: "application/json" },
      })),
    );
    expect(
      world.gas.httpOptions
        .slice(before)
        .map((o) => [o.muteHttpExceptions, o.followRedirects, o.viaFetchAll]),
    ).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
  });

  it("URL-encodes an id containing / and ?", () => {
    world.api.addCode({ id: "odd/id?x=1", slug: "odd-one" });
    expect(world.cells("OPENQR_SCANS", "odd/id?x=1", 2)[0]).toEqual(["Day", "Scans"]);
    expect(world.api.requests[0]!.url).toBe("https://openqr.uk/v1/dynamic/odd%2Fid%3Fx%3D1/scans?days=2");
  });

  it("shows the API's days in a Los Angeles spreadsheet while the script runs in UTC", () => {
    const la = createTestWorld({ timeZone: "America/Los_Angeles", now: Date.parse("2026-03-09T03:00:00Z") });
    la.saveOwnerKey();
    const result = la.formula("OPENQR_SCANS", la.id("festival-gate"), 3);
    expect(result.ok).toBe(true);
    const rows = (result as { value: unknown[][] }).value.slice(1);
    // Across the spring-forward of 2026-03-08: each cell is local midnight of the API's day.
    expect(rows.map((row) => la.gas.display(row[0]))).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(rows.map((row) => (row[0] as Date).toISOString())).toEqual([
      "2026-03-07T08:00:00.000Z",
      "2026-03-08T08:00:00.000Z",
      "2026-03-09T07:00:00.000Z",
    ]);
  });
});

describe("OPENQR_SUMMARY", () => {
  it("gives a header and one row per id with the window's figures", () => {
    const id = world.id("festival-gate");
    const api = apiScans(world, id, 30);
    const busiest = api.analytics.daily.reduce((a, b) => (b.n > a.n ? b : a));
    expect(world.cells("OPENQR_SUMMARY", [[id]], 30)).toEqual([
      [
        "Slug",
        "Short URL",
        "Destination",
        "Lifetime scans",
        "Last 7 days",
        "Window scans",
        "Days",
        "Top country",
        "Top device",
        "Top referrer",
        "Busiest day",
        "Busiest day scans",
      ],
      [
        api.slug,
        api.short_url,
        api.destination,
        String(api.scans.total),
        String(api.scans.last7),
        String(api.analytics.window_total),
        "30",
        api.analytics.by_country[0]!.value,
        api.analytics.by_device![0]!.value,
        expect.any(String),
        busiest.day,
        String(busiest.n),
      ],
    ]);
  });

  it("marks breakdowns the plan leaves out", () => {
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    const row = world.cells("OPENQR_SUMMARY", world.id("spring-sale"), 30)[1]!;
    expect(row[6]).toBe("7");
    expect(row[9]).toBe("(not in plan)");
  });
});

describe("OPENQR_BREAKDOWN", () => {
  it("gives the dimension, case-insensitive, and the API's top entries", () => {
    const id = world.id("festival-gate");
    const countries = apiScans(world, id, 30).analytics.by_country;
    expect(world.cells("OPENQR_BREAKDOWN", id, "Country", 30)).toEqual([
      ["Country", "Scans"],
      ...countries.map((entry) => [entry.value, String(entry.n)]),
    ]);
    expect(countries.length).toBe(8);
  });

  it("lists the three dimensions when given another", () => {
    expect(world.formula("OPENQR_BREAKDOWN", world.id("festival-gate"), "city", 30)).toEqual({
      ok: false,
      error: 'dimension must be "country", "device" or "referrer"; "city" is not.',
    });
  });

  it("says plainly when the plan omits the breakdown", () => {
    world.api.setPlan({ analyticsDays: 7, detailed: false });
    expect(world.formula("OPENQR_BREAKDOWN", world.id("spring-sale"), "device", 7)).toEqual({
      ok: false,
      error:
        'Your OpenQR plan does not include device breakdowns (code "spring-sale"). "country" works on every plan; device needs a plan with detailed analytics.',
    });
  });
});

describe("OPENQR_TOTAL", () => {
  it("keeps the input's shape with blanks blank and no header", () => {
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    expect(world.cells("OPENQR_TOTAL", [[a], [""], [b]])).toEqual([
      [String(apiScans(world, a, 1).scans.total)],
      [""],
      [String(apiScans(world, b, 1).scans.total)],
    ]);
  });

  it("says the range is blank when every cell is", () => {
    expect(world.formula("OPENQR_TOTAL", [[""], [""]])).toEqual({
      ok: false,
      error: "id is blank: give a code's id (as listed by =OPENQR_CODES()) or a range of ids.",
    });
  });

  it("returns a 1x1 table for a single id", () => {
    expect(world.cells("OPENQR_TOTAL", world.id("spring-sale"))).toHaveLength(1);
  });
});

describe("OPENQR_CODES", () => {
  it("lists every code of the key across pages with a header", () => {
    const table = world.cells("OPENQR_CODES");
    expect(table[0]).toEqual(["Id", "Slug", "Short URL", "Destination", "Label", "Status", "Created"]);
    expect(table.slice(1).map((row) => row[0])).toEqual(world.api.codes.map((code) => code.id));
    const paused = world.api.codes.find((code) => code.status === "paused")!;
    expect(table.find((row) => row[0] === paused.id)![5]).toBe("paused");
  });
});

describe("failures a user sees", () => {
  it("says where to set a missing key", () => {
    const fresh = createTestWorld();
    expect(fresh.formula("OPENQR_SCANS", "abc", 7)).toEqual({
      ok: false,
      error: "No OpenQR API key: open Extensions › OpenQR › Settings",
    });
    expect(fresh.api.requests).toHaveLength(0);
  });

  it("names the API key and where to set it on 401", () => {
    world.api.revokeKey(KEY);
    expect(world.formula("OPENQR_SCANS", world.id("spring-sale"), 7)).toEqual({
      ok: false,
      error: "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.",
    });
  });

  it("reminds that the id, not the slug, is expected on 404", () => {
    expect(world.formula("OPENQR_SCANS", "spring-sale", 7)).toEqual({
      ok: false,
      error:
        'OpenQR code "spring-sale" was not found (HTTP 404). Use the code\'s id (see =OPENQR_CODES()), not its slug.',
    });
  });

  it("waits out a 429 with Retry-After, then answers", () => {
    const id = world.id("spring-sale");
    world.api.inject(id, [{ status: 429, retryAfter: 2 }]);
    const before = world.gas.clock.now();
    expect(world.formula("OPENQR_SCANS", id, 7).ok).toBe(true);
    expect(world.api.requests).toHaveLength(2);
    expect(world.gas.clock.now() - before).toBeGreaterThanOrEqual(2000);
  });

  it("gives up on a persistent 500 well inside the 30 s limit", () => {
    const id = world.id("spring-sale");
    world.api.inject(
      id,
      Array.from({ length: 10 }, () => ({ status: 500 })),
    );
    const before = world.gas.clock.now();
    expect(world.formula("OPENQR_SCANS", id, 7)).toEqual({
      ok: false,
      error: "OpenQR had a server error (HTTP 500) after 4 tries. Try again in a few minutes.",
    });
    expect(world.api.requests).toHaveLength(4);
    expect(world.gas.clock.now() - before).toBeLessThan(20_000);
  });

  it.each([
    [
      { kind: "html" as const, status: 200 },
      "Unexpected response from OpenQR (HTTP 200): HTML instead of JSON. Try again later.",
    ],
    [
      { kind: "html" as const },
      "OpenQR had a server error (HTTP 502) after 4 tries. Try again in a few minutes.",
    ],
    [
      { kind: "malformed" as const },
      'Unexpected response from OpenQR (HTTP 200): bad field "scans.total". Try again later.',
    ],
    [
      { kind: "truncated" as const },
      "Unexpected response from OpenQR (HTTP 200): not valid JSON. Try again later.",
    ],
    [{ kind: "empty" as const }, "Unexpected response from OpenQR (HTTP 200): empty body. Try again later."],
  ])("explains a %j body", (fault, error) => {
    const id = world.id("spring-sale");
    world.api.inject(
      id,
      Array.from({ length: 5 }, () => fault),
    );
    expect(world.formula("OPENQR_SCANS", id, 7)).toEqual({ ok: false, error });
  });

  it("explains a dropped connection after retrying it", () => {
    const id = world.id("spring-sale");
    world.api.inject(
      id,
      Array.from({ length: 5 }, () => ({ kind: "drop" as const })),
    );
    expect(world.formula("OPENQR_SCANS", id, 7)).toEqual({
      ok: false,
      error:
        "Could not reach OpenQR (network error after 4 tries). Check that openqr.uk is reachable, then try again.",
    });
  });

  it("recovers from one dropped connection in a batch of several ids", () => {
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    world.api.inject(b, [{ kind: "drop" }]);
    expect(world.formula("OPENQR_SCANS", [[a], [b]], 7).ok).toBe(true);
  });
});

describe("the cache", () => {
  it("answers a recalculation without fetching again", () => {
    const id = world.id("spring-sale");
    const first = world.cells("OPENQR_SCANS", id, 7);
    const requests = world.api.requests.length;
    expect(world.cells("OPENQR_SCANS", id, 7)).toEqual(first);
    expect(world.api.requests.length).toBe(requests);
    expect(world.cells("OPENQR_SUMMARY", id, 7)[1]![0]).toBe("spring-sale");
    expect(world.api.requests.length).toBe(requests);
  });

  it("fetches again after five minutes", () => {
    const id = world.id("spring-sale");
    world.cells("OPENQR_SCANS", id, 7);
    world.gas.clock.advance(301_000);
    world.cells("OPENQR_SCANS", id, 7);
    expect(world.api.requests).toHaveLength(2);
  });

  it("does not cache a result too big for the cache, and still answers", () => {
    world.api.addCode({
      id: "huge1",
      slug: "huge",
      destination: `https://example.com/${"x".repeat(120_000)}`,
    });
    expect(world.cells("OPENQR_SCANS", "huge1", 7)).toHaveLength(8);
    expect(world.cells("OPENQR_SCANS", "huge1", 7)).toHaveLength(8);
    expect(world.api.requests).toHaveLength(2);
  });

  it("keeps results in the document's cache, not the cache every user of the add-on shares", () => {
    world.cells("OPENQR_SCANS", world.id("spring-sale"), 7);
    expect(world.gas.caches.script.keys()).toEqual([]);
    expect(world.gas.caches.document.keys().length).toBeGreaterThan(0);
  });

  it("answers a cached =OPENQR_SCANS(id, 365) with 8 service calls on the owner's key", () => {
    const id = world.id("spring-sale");
    world.cells("OPENQR_SCANS", id, 365);
    world.gas.resetCalls();
    world.cells("OPENQR_SCANS", id, 365);
    expect(serviceCalls()).toEqual({
      "PropertiesService.getUserProperties": 1,
      "Properties.getProperty": 1,
      "Utilities.computeDigest": 1,
      "CacheService.getDocumentCache": 1,
      "Cache.getAll": 2,
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Spreadsheet.getSpreadsheetTimeZone": 1,
    });
    expect(world.api.requests).toHaveLength(1);
  });

  it("answers it with 10 on a key an editor shared: the owner's store is read first", () => {
    const fresh = createTestWorld();
    fresh.call("saveApiKey", [KEY], EDITOR);
    fresh.call("saveSettings", [{ ...SETTINGS, formulasUseMyKey: true }], EDITOR);
    const id = fresh.id("spring-sale");
    fresh.cells("OPENQR_SCANS", id, 365);
    fresh.gas.resetCalls();
    fresh.cells("OPENQR_SCANS", id, 365);
    expect(serviceCalls(fresh)).toEqual({
      "PropertiesService.getUserProperties": 1,
      "PropertiesService.getDocumentProperties": 1,
      "Properties.getProperty": 2,
      "Utilities.computeDigest": 1,
      "CacheService.getDocumentCache": 1,
      "Cache.getAll": 2,
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Spreadsheet.getSpreadsheetTimeZone": 1,
    });
  });
});

describe("changing the key takes effect at the next recalculation", () => {
  const NO_KEY = { ok: false, error: "No OpenQR API key: open Extensions › OpenQR › Settings" };

  it("removing the owner's key: the no-key message, not the cached rows", () => {
    const id = world.id("spring-sale");
    world.cells("OPENQR_SCANS", id, 7);
    world.cells("OPENQR_CODES");
    world.call("clearApiKey");
    expect(world.formula("OPENQR_SCANS", id, 7)).toEqual(NO_KEY);
    expect(world.formula("OPENQR_CODES")).toEqual(NO_KEY);
    expect(world.api.requests).toHaveLength(2);
  });

  it("switching to another account's key: its codes, and not found for a code it cannot see", () => {
    const id = world.id("spring-sale");
    expect(world.cells("OPENQR_SCANS", id, 7)).toHaveLength(8);
    expect(
      world
        .cells("OPENQR_CODES")
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(world.api.codes.map((c) => c.id));

    world.call("saveApiKey", [OTHER_ACCOUNT_KEY]);
    expect(world.formula("OPENQR_SCANS", id, 7)).toEqual({
      ok: false,
      error: `OpenQR code "${id}" was not found (HTTP 404). Use the code's id (see =OPENQR_CODES()), not its slug.`,
    });
    expect(
      world
        .cells("OPENQR_CODES")
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(world.otherAccount.codes.map((c) => c.id));
    expect(world.otherAccount.requests.map((r) => r.url.replace(/^.*\/v1/, "/v1"))).toEqual([
      "/v1/me",
      `/v1/dynamic/${id}/scans?days=7`,
      "/v1/dynamic?limit=200",
    ]);

    // Back on the first key, within five minutes: its own entries answer, nothing is fetched.
    world.saveOwnerKey();
    const fetched = world.api.requests.length;
    expect(world.cells("OPENQR_SCANS", id, 7)).toHaveLength(8);
    expect(world.api.requests).toHaveLength(fetched);
  });

  it("an editor no longer sharing their key: the no-key message, not the cached rows", () => {
    const fresh = createTestWorld();
    fresh.call("saveApiKey", [KEY], EDITOR);
    fresh.call("saveSettings", [{ ...SETTINGS, formulasUseMyKey: true }], EDITOR);
    const id = fresh.id("spring-sale");
    expect(fresh.cells("OPENQR_SCANS", id, 7)).toHaveLength(8);
    fresh.call("saveSettings", [{ ...SETTINGS, formulasUseMyKey: false }], EDITOR);
    expect(fresh.formula("OPENQR_SCANS", id, 7)).toEqual(NO_KEY);
  });

  it("uses the key an editor shared when the owner's properties are refused to custom functions", () => {
    world.call("saveApiKey", [OTHER_ACCOUNT_KEY], EDITOR);
    world.call("saveSettings", [{ ...SETTINGS, formulasUseMyKey: true }], EDITOR);
    world.gas.settings.userPropertiesInCustomFunctions = "refused";
    expect(
      world
        .cells("OPENQR_CODES")
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(world.otherAccount.codes.map((c) => c.id));
    world.call("saveSettings", [{ ...SETTINGS, formulasUseMyKey: false }], EDITOR);
    expect(world.formula("OPENQR_CODES")).toEqual(NO_KEY);
  });

  it("keeps no key, nor its SHA-256, in the cache", () => {
    world.cells("OPENQR_SCANS", world.id("spring-sale"), 7);
    world.cells("OPENQR_CODES");
    const entries = [...world.gas.caches.document.entries]
      .map(([key, entry]) => key + entry.value)
      .join("\n");
    expect(entries).not.toContain(KEY.slice(4));
    expect(entries).not.toContain(createHash("sha256").update(KEY).digest("hex").slice(0, 16));
  });
});

describe("the API key stays secret", () => {
  it("appears in no returned value, error message or log line", () => {
    const id = world.id("spring-sale");
    const outputs = [
      world.formula("OPENQR_SCANS", id, 7),
      world.formula("OPENQR_SUMMARY", id, 7),
      world.formula("OPENQR_CODES"),
      world.formula("OPENQR_SCANS", "missing", 7),
    ];
    world.api.inject(
      id,
      Array.from({ length: 5 }, () => ({ status: 500 })),
    );
    outputs.push(world.formula("OPENQR_SCANS", id, 8));
    world.api.revokeKey(KEY);
    outputs.push(world.formula("OPENQR_SCANS", id, 9));
    const visible = JSON.stringify(outputs) + world.gas.logs.join("\n");
    expect(visible).not.toContain(KEY);
    expect(visible).not.toContain(KEY.slice(4));
    // The key travelled, and only in the Authorization header.
    for (const request of world.api.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.url).not.toContain(KEY);
    }
  });

  it("is read from the owner's properties, read-only, by an editor's formula", () => {
    expect(world.gas.properties.user(EDITOR).size).toBe(0);
    expect(world.formula("OPENQR_TOTAL", world.id("spring-sale")).ok).toBe(true);
    expect(world.gas.properties.user(OWNER).get("openqr.apiKey")).toBe(KEY);
  });
});

describe("loading the bundle", () => {
  it("calls no service in global code: every global is defined with every service throwing", () => {
    expect(world.gas.loadWithHostileServices().sort()).toEqual(
      [
        "OPENQR_BREAKDOWN",
        "OPENQR_CODES",
        "OPENQR_ROLLUP",
        "OPENQR_SCANS",
        "OPENQR_SUMMARY",
        "OPENQR_TOTAL",
        "clearApiKey",
        "estimateSchedule",
        "getSettings",
        "listCodeChoices",
        "onInstall",
        "onOpen",
        "openRunLog",
        "refreshFormulas",
        "refreshNow",
        "refreshReports",
        "saveApiKey",
        "saveSettings",
        "showHelp",
        "showSettings",
      ].sort(),
    );
  });
});
