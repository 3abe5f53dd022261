// Issue 14, HTTP: every entry point against every way OpenQR's answers can go wrong, from
// dist/ in the emulator. Each case names its row of the README's table (table.ts) and
// asserts the texts that row quotes, that no row of OpenQR Daily was lost, that no formula
// was written and that neither secret leaked. The faults met as platform exceptions (a
// dropped connection, DNS, a timeout) also run with Japanese platform messages: Apps
// Script's texts come in the user's language, and the outcomes must not change.
import { describe, expect, it } from "vitest";
import { type Locale, localized } from "../../harness/emulator/locale.ts";
import type { Fault } from "../../harness/fake-openqr/index.ts";
import type { LastRun } from "../../src/shared/settings.ts";
import {
  assertNoFormulas,
  assertNothingLeaked,
  createFaultWorld,
  DAY_MS,
  dailySnapshot,
  expectArchiveKept,
  expectArchiveUnchanged,
  FAULT_SETTINGS,
  type FaultWorld,
  type FaultWorldOptions,
  KEY,
  listRequest,
  meRequest,
  type OpenQRReplier,
  OWNER,
  reshaped,
  scansRequest,
  summaryStatuses,
} from "./fault-world.ts";
import { type FaultRow, FORMULA_TRIES, HTTP_ROWS, REFRESH_TRIES, SAYS } from "./table.ts";

type Endpoint = "scans" | "list" | "me";
/** Puts the fault in the way of requests to one endpoint (for scans: one code's). */
type Arm = (world: FaultWorld, endpoint: Endpoint, id: string) => void;
/** A text, or one that names the code the fault hit. */
type Text = string | ((id: string) => string);

const target = (endpoint: Endpoint, id: string) =>
  endpoint === "scans" ? id : endpoint === "list" ? "*list" : "*me";
const injected =
  (fault: Fault, times = 20): Arm =>
  (world, endpoint, id) =>
    world.api.inject(target(endpoint, id), Array(times).fill(fault));
const replaced =
  (reply: OpenQRReplier, times = 20): Arm =>
  (world, endpoint, id) =>
    world.overrideOpenQR(
      endpoint === "scans" ? scansRequest(id) : endpoint === "list" ? listRequest : meRequest,
      reply,
      times,
    );
const unreachable: Arm = (world) => world.setOpenQRUnreachable(true);

const EVIL = "https://evil.example/steal";
type Bucket = { day: string; n: number };
const daily = (body: Record<string, unknown>) => (body.analytics as { daily: Bucket[] }).daily;

interface HttpCase {
  name: string;
  row: FaultRow;
  arm: Arm;
  /** What the scans formulas' cells show (null: their table). */
  cell: Text | null;
  /** listCodeChoices (and, via notCounted, estimateSchedule); undefined: not a fault of the code list. */
  list?: string | null;
  /** OPENQR_CODES, when it differs from `list` (a formula has 30 s, the sidebar 6 minutes). */
  codesCell?: string | null;
  /** saveApiKey's answer when its check meets the fault; undefined: not a fault of /v1/me. */
  saveKey?: string | null;
  /** A refresh in which one code meets the fault. */
  refresh: { codeFails: Text } | { runFails: string } | "ok";
  /** The scheduled run's message when the code list meets it. */
  listRun?: string;
  /** Virtual time a scans formula must (min) or may (max) spend. */
  waitMs?: { min?: number; max?: number };
  /** Met as a platform exception (not an HTTP answer): also run with Japanese platform messages. */
  platformException?: true;
}

const text = (value: Text, id: string) => (typeof value === "function" ? value(id) : value);
/** The same failure everywhere, with the formula's and the refresh's number of tries. */
const everywhere = (
  say: (tries: number) => string,
): Pick<HttpCase, "cell" | "list" | "saveKey" | "refresh" | "listRun"> => ({
  cell: say(FORMULA_TRIES),
  list: say(FORMULA_TRIES),
  saveKey: SAYS.keyNotChecked(say(FORMULA_TRIES)),
  refresh: { codeFails: say(REFRESH_TRIES) },
  listRun: SAYS.notListed(say(REFRESH_TRIES)),
});
const fine: Pick<HttpCase, "cell" | "list" | "saveKey" | "refresh"> = {
  cell: null,
  list: null,
  saveKey: null,
  refresh: "ok",
};
const badField = (field: string) => SAYS.unexpected(200, `bad field "${field}"`);
/** A scans body of the wrong shape: only the scans formulas and the refresh meet it. */
const wrongShape = (name: string, change: (body: Record<string, unknown>) => unknown, field: string) => ({
  name,
  row: HTTP_ROWS.wrongShape,
  arm: replaced(reshaped(change)),
  cell: badField(field),
  refresh: { codeFails: badField(field) },
});

const CASES: HttpCase[] = [
  {
    name: "400",
    row: HTTP_ROWS.badRequest,
    arm: injected({ status: 400 }),
    ...everywhere(() => SAYS.invalid),
  },
  {
    name: "401",
    row: HTTP_ROWS.unauthorized,
    arm: injected({ status: 401 }),
    cell: SAYS.unauthorized,
    list: SAYS.unauthorized,
    saveKey: SAYS.keyRejected,
    refresh: { runFails: SAYS.unauthorized },
    listRun: SAYS.unauthorized,
  },
  {
    name: "403 plan_limit_exceeded",
    row: HTTP_ROWS.planLimit,
    arm: injected({ status: 403, code: "plan_limit_exceeded" }),
    ...everywhere(() => SAYS.planLimit),
  },
  {
    name: "404",
    row: HTTP_ROWS.notFound,
    arm: injected({ status: 404 }),
    ...everywhere(() => SAYS.notFoundList),
    cell: SAYS.notFoundCell,
    refresh: { codeFails: SAYS.notFoundRun },
  },
  {
    name: "429 without Retry-After",
    row: HTTP_ROWS.rateLimited,
    arm: injected({ status: 429 }),
    ...everywhere(SAYS.rateLimited),
  },
  {
    name: "429 with Retry-After: 2, once",
    row: HTTP_ROWS.rateLimitedBriefly,
    arm: injected({ status: 429, retryAfter: 2 }, 1),
    ...fine,
    waitMs: { min: 2000 },
  },
  {
    name: "429 with Retry-After: 999999",
    row: HTTP_ROWS.rateLimitedForAges,
    arm: injected({ status: 429, retryAfter: 999_999 }),
    ...everywhere(() => SAYS.rateLimited(1)),
    waitMs: { max: 1000 },
  },
  {
    name: "500",
    row: HTTP_ROWS.serverError,
    arm: injected({ status: 500 }),
    ...everywhere((n) => SAYS.serverError(500, n)),
  },
  {
    name: "502 with an HTML page",
    row: HTTP_ROWS.badGateway,
    arm: injected({ kind: "html" }),
    ...everywhere((n) => SAYS.serverError(502, n)),
  },
  { name: "503, then success", row: HTTP_ROWS.unavailableOnce, arm: injected({ status: 503 }, 1), ...fine },
  {
    name: "an empty body",
    row: HTTP_ROWS.emptyBody,
    arm: injected({ kind: "empty" }),
    ...everywhere(() => SAYS.unexpected(200, "empty body")),
  },
  {
    name: "JSON cut off",
    row: HTTP_ROWS.malformedJson,
    arm: injected({ kind: "truncated" }),
    ...everywhere(() => SAYS.unexpected(200, "not valid JSON")),
  },
  {
    name: "fields of the wrong type",
    row: HTTP_ROWS.wrongShape,
    arm: injected({ kind: "malformed" }),
    cell: badField("scans.total"),
    list: badField("codes"),
    // /v1/me only has to be an object: the key is checked, not the account's details.
    saveKey: null,
    refresh: { codeFails: badField("scans.total") },
    listRun: SAYS.notListed(badField("codes")),
  },
  wrongShape(
    "a slug that is a number",
    (body) => {
      body.slug = 42;
    },
    "slug",
  ),
  wrongShape(
    "no analytics",
    (body) => {
      delete body.analytics;
    },
    "analytics",
  ),
  wrongShape(
    "daily not an array",
    (body) => {
      (body.analytics as Record<string, unknown>).daily = { "2026-11-25": 3 };
    },
    "analytics.daily",
  ),
  wrongShape(
    "a negative count",
    (body) => {
      daily(body)[0]!.n = -5;
    },
    "analytics.daily.0.n",
  ),
  wrongShape(
    "a fractional count",
    (body) => {
      daily(body)[0]!.n = 2.5;
    },
    "analytics.daily.0.n",
  ),
  wrongShape(
    "a day that is not a date",
    (body) => {
      daily(body)[0]!.day = "yesterday";
    },
    "analytics.daily.0.day",
  ),
  wrongShape(
    "a day that does not exist (2026-13-45)",
    (body) => {
      daily(body)[0]!.day = "2026-13-45";
    },
    "analytics.daily.0.day",
  ),
  {
    ...wrongShape(
      "a duplicated day",
      (body) => {
        const days = daily(body);
        days.push({ ...days[0]!, n: days[0]!.n + 100 });
      },
      "analytics.daily",
    ),
    row: HTTP_ROWS.duplicatedDay,
  },
  {
    name: "a 5 MB body",
    row: HTTP_ROWS.hugeResponse,
    arm: replaced(
      reshaped((body) => {
        body.padding = "x".repeat(5_000_000);
      }),
      3,
    ),
    ...fine,
  },
  {
    name: "a redirect to another host",
    row: HTTP_ROWS.redirect,
    arm: replaced(() => ({ status: 302, headers: { location: EVIL }, body: "" })),
    ...everywhere(() => SAYS.unexpected(302, "a redirect, which is not followed")),
  },
  {
    name: "a dropped connection",
    platformException: true,
    row: HTTP_ROWS.dropped,
    arm: injected({ kind: "drop" }),
    ...everywhere(SAYS.network),
    saveKey: SAYS.keyUnreachable,
  },
  {
    name: "a DNS failure",
    platformException: true,
    row: HTTP_ROWS.dns,
    arm: unreachable,
    ...everywhere(SAYS.network),
    saveKey: SAYS.keyUnreachable,
    // Unreachable for every request: the run cannot even list the codes.
    refresh: { runFails: SAYS.notListed(SAYS.network(REFRESH_TRIES)) },
  },
  {
    name: "no answer within UrlFetch's 60 s",
    platformException: true,
    row: HTTP_ROWS.neverAnswers,
    arm: injected({ kind: "slow", ms: 61_000 }),
    // A formula may run 30 s: the platform stops it while it waits.
    cell: SAYS.timeLimit,
    codesCell: SAYS.timeLimit,
    // The sidebar's call has minutes, but its requests 15 s: one timeout, and it says so.
    list: SAYS.network(1),
    saveKey: SAYS.keyUnreachable,
    refresh: { codeFails: SAYS.network(4) },
    listRun: SAYS.notListed(SAYS.network(REFRESH_TRIES)),
  },
];

/** Each scans formula as a cell would call it, with the code the fault hits first in its ids. */
const FORMULAS: Array<[string, (id: string, other: string) => unknown[]]> = [
  ["OPENQR_SCANS", (id) => [id, 7]],
  ["OPENQR_ROLLUP", (id, other) => [[[id], [other]], 7]],
  ["OPENQR_SUMMARY", (id) => [[[id]], 7]],
  ["OPENQR_BREAKDOWN", (id) => [id, "country", 7]],
  ["OPENQR_TOTAL", (id) => [id]],
];

const OTHER_KEY = "oqr_live_other0000000000000000";

/** The code the faults hit, and another. */
const codesOf = (world: FaultWorld) => [world.id("spring-sale"), world.id("festival-gate")] as const;

function expectClean(world: FaultWorld): void {
  assertNoFormulas(world);
  assertNothingLeaked(world, [], [OTHER_KEY]);
  expect(world.gas.http.filter((request) => request.url.startsWith("https://evil.example"))).toEqual([]);
}

const RUNS: Array<HttpCase & { locale: Locale }> = CASES.flatMap((fault) =>
  (fault.platformException ? (["en", "ja"] as const) : (["en"] as const)).map((locale) => ({
    ...fault,
    locale,
  })),
);

describe.each(RUNS)("HTTP fault: $name (platform messages in $locale)", (fault) => {
  const faultWorld = (options: FaultWorldOptions = {}) =>
    createFaultWorld({ locale: fault.locale, ...options });
  /** An expected text, with the platform's own words (the time limit) in the user's language. */
  const expected = (value: Text, id: string) => localized(text(value, id), fault.locale);

  it.each(FORMULAS)("%s shows what the table says, in its cell", (name, args) => {
    const world = faultWorld({ refresh: false });
    const [id, other] = codesOf(world);
    fault.arm(world, "scans", id);
    const before = world.gas.clock.now();
    const result = world.formula(name, ...args(id, other));
    const spent = world.gas.clock.now() - before;
    if (fault.cell === null) {
      expect(result).toMatchObject({ ok: true });
      expect((result as { value: unknown[] }).value.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ ok: false, error: expected(fault.cell, id) });
    }
    if (fault.waitMs?.min !== undefined) expect(spent).toBeGreaterThanOrEqual(fault.waitMs.min);
    if (fault.waitMs?.max !== undefined) expect(spent).toBeLessThanOrEqual(fault.waitMs.max);
    expectClean(world);
  });

  if (fault.list !== undefined)
    it("OPENQR_CODES, listCodeChoices and estimateSchedule on the code list", () => {
      const world = faultWorld({ refresh: false });
      const [id] = codesOf(world);
      const answers = () => [
        world.formula("OPENQR_CODES"),
        world.tryCall("listCodeChoices"),
        // With no refresh yet, counting "all" codes lists them.
        world.tryCall("estimateSchedule", [{ ...FAULT_SETTINGS, codes: "all" }]),
      ];
      fault.arm(world, "list", id);
      const [codes, choices, estimate] = answers();
      const list = fault.list ?? null;
      const codesCell = fault.codesCell === undefined ? list : fault.codesCell;
      if (codesCell === null) expect(codes).toMatchObject({ ok: true });
      else expect(codes).toEqual({ ok: false, error: expected(codesCell, id) });
      if (list === null) {
        expect(choices).toMatchObject({ ok: true });
        expect(estimate).toMatchObject({ ok: true });
      } else {
        expect(choices).toEqual({ ok: false, error: list });
        expect(estimate).toEqual({ ok: false, error: SAYS.notCounted(list) });
      }
      expectClean(world);
    });

  if (fault.saveKey !== undefined)
    it("saveApiKey keeps the saved key when its check meets it", () => {
      const world = faultWorld({ refresh: false });
      world.api.addKey(OTHER_KEY);
      fault.arm(world, "me", codesOf(world)[0]);
      const answer = world.tryCall("saveApiKey", [OTHER_KEY]);
      const stored = world.gas.properties.user(OWNER).get("openqr.apiKey");
      if (fault.saveKey === null) {
        expect(answer).toEqual({ ok: true, value: "oqr_…0000" });
        expect(stored).toBe(OTHER_KEY);
      } else {
        expect(answer).toEqual({ ok: false, error: fault.saveKey });
        expect(stored).toBe(KEY);
      }
      expectClean(world);
    });

  it("refreshNow: a code that meets it keeps its rows and says why, the others refresh", () => {
    const world = faultWorld();
    const [id] = codesOf(world);
    world.gas.clock.advance(DAY_MS);
    const before = dailySnapshot(world);
    const rowsOf = (rows: unknown[][]) => rows.filter((row) => row[1] === id);
    fault.arm(world, "scans", id);
    const report = world.refreshNow();
    const expected = fault.refresh;
    if (expected === "ok") {
      expect(report).toMatchObject({ ok: true, refreshed: 12, failed: 0, message: SAYS.allRefreshed });
      expectArchiveKept(world, before);
      expect(dailySnapshot(world)).toHaveLength(before.length + 12);
    } else if ("runFails" in expected) {
      expect(report).toMatchObject({ ok: false, refreshed: 0, message: expected.runFails });
      expectArchiveUnchanged(world, before);
    } else {
      const reason = text(expected.codeFails, id);
      expect(report).toMatchObject<Partial<LastRun>>({
        ok: true,
        refreshed: 11,
        failed: 1,
        failures: [{ codeId: id, slug: "spring-sale", reason }],
        message: SAYS.oneCodeFailed,
      });
      expect(summaryStatuses(world)[id]).toBe(SAYS.failedStatus(reason));
      expectArchiveKept(world, before);
      expect(rowsOf(dailySnapshot(world))).toEqual(rowsOf(before));
      expect(dailySnapshot(world)).toHaveLength(before.length + 11);
    }
    expect(world.lastRun()).toEqual(report);
    expectClean(world);
  });

  if (fault.listRun !== undefined)
    it("refreshReports (the trigger): a code list that meets it changes no sheet", () => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      const before = dailySnapshot(world);
      fault.arm(world, "list", codesOf(world)[0]);
      world.fireSchedule();
      const report = world.lastRun();
      if (fault.listRun === "ok") {
        expect(report).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 12 });
        expectArchiveKept(world, before);
      } else {
        expect(report).toMatchObject({ ok: false, trigger: "scheduled", message: fault.listRun });
        expectArchiveUnchanged(world, before);
      }
      expect(world.gas.logs).toContain(`OpenQR scheduled refresh: ${report.message}`);
      expectClean(world);
    });
});

describe("entry points that never ask OpenQR", () => {
  it.each([
    ["getSettings", []],
    ["saveSettings", [{ ...FAULT_SETTINGS, days: 14 }]],
    ["clearApiKey", []],
  ] as const)("%s works whatever OpenQR answers, and sends nothing", (fn, args) => {
    const world = createFaultWorld();
    world.api.inject("*", Array(50).fill({ status: 500 }));
    world.setOpenQRUnreachable(true);
    const sent = world.gas.http.length;
    expect(world.tryCall(fn, [...args])).toMatchObject({ ok: true });
    expect(world.gas.http.length).toBe(sent);
    expectClean(world);
  });
});

describe("a redirect", () => {
  it("is not followed, so the key never reaches the other host", () => {
    const world = createFaultWorld({ refresh: false });
    const [id] = codesOf(world);
    world.overrideOpenQR(scansRequest(id), () => ({ status: 302, headers: { location: EVIL }, body: "" }));
    world.formula("OPENQR_SCANS", id, 7);
    expect(world.gas.httpOptions.every((options) => options.followRedirects === false)).toBe(true);
    expect(world.gas.http.map((request) => new URL(request.url).host)).not.toContain("evil.example");
    expectClean(world);
  });
});

describe("a duplicated day", () => {
  it("is neither counted twice nor written as a second row, in any sheet or formula", () => {
    const world = createFaultWorld();
    const [id, other] = codesOf(world);
    world.gas.clock.advance(DAY_MS);
    const before = dailySnapshot(world);
    const twice = reshaped((body) => {
      const days = daily(body);
      days.push({ ...days[days.length - 1]! });
    });
    world.overrideOpenQR(scansRequest(id), twice);
    expect(world.formula("OPENQR_ROLLUP", [[id], [other]], 7)).toEqual({
      ok: false,
      error: badField("analytics.daily"),
    });
    world.refreshNow();
    const keys = dailySnapshot(world)
      .slice(1)
      .map((row) => `${(row[0] as Date).toISOString()}|${row[1]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expectArchiveKept(world, before);
    expect(summaryStatuses(world)[id]).toBe(SAYS.failedStatus(badField("analytics.daily")));
    expectClean(world);
  });
});

describe("codes that never answer", () => {
  it("cannot make a refresh pass its 6 minutes: it stops sending, writes the rest and records its report", () => {
    const world = createFaultWorld();
    world.gas.clock.advance(DAY_MS);
    const before = dailySnapshot(world);
    const hanging = world.api.codes.slice(0, 3).map((code) => code.id);
    for (const id of hanging) world.api.inject(id, Array(20).fill({ kind: "slow", ms: 61_000 }));
    const startedAt = world.gas.clock.now();
    world.fireSchedule();
    const report = world.lastRun();
    expect(report).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 9, failed: 3 });
    expect(report.failures.map((failure) => [failure.codeId, failure.reason])).toEqual(
      expect.arrayContaining(hanging.map((id) => [id, SAYS.network(2)])),
    );
    expect(report.durationSeconds).toBeLessThan(360);
    expect(world.gas.clock.now() - startedAt).toBeLessThan(360_000);
    const statuses = summaryStatuses(world);
    for (const id of hanging) expect(statuses[id]).toBe(SAYS.failedStatus(SAYS.network(2)));
    expectArchiveKept(world, before);
    expect(dailySnapshot(world)).toHaveLength(before.length + 9);
    expectClean(world);
  });
});
