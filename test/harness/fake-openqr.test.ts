import { describe, expect, it } from "vitest";
import { createFakeOpenQR, FAKE_OPENQR_KEY, type FakeOpenQR } from "../../harness/fake-openqr/index.ts";
import type { HttpReply } from "../../harness/http-types.ts";

const NOW = Date.parse("2026-06-28T10:00:00Z");
const DAY = 86_400_000;
const AUTH = { authorization: `Bearer ${FAKE_OPENQR_KEY}` };

interface Ranked {
  value: string;
  n: number;
}
interface ScansBody {
  id: string;
  slug: string;
  short_url: string;
  destination: string;
  scans: { total: number; last7: number; topCountry: string | null; topDevice: string | null };
  analytics: {
    days_window: number;
    total: number;
    window_total: number;
    daily: Array<{ day: string; n: number }>;
    by_country: Ranked[];
    by_device?: Ranked[];
    by_referrer?: Ranked[];
  };
}
interface Row {
  id: string;
  slug: string;
  short_url: string;
  destination: string;
  label: string | null;
  status: string;
  created_at: string;
}
interface ListBody {
  codes: Row[];
  next_cursor?: string | null;
}

function fakeAt(now = NOW, seed?: number): FakeOpenQR {
  return createFakeOpenQR({ now: () => now, seed });
}

function get(fake: FakeOpenQR, path: string, headers: Record<string, string> = AUTH): HttpReply {
  return fake.handle({ method: "GET", url: `https://openqr.uk${path}`, headers, body: "" });
}

function json<T>(reply: HttpReply): T {
  return JSON.parse(reply.body ?? "") as T;
}

function scans(fake: FakeOpenQR, id: string, days?: number): ScansBody {
  const query = days === undefined ? "" : `?days=${days}`;
  const reply = get(fake, `/v1/dynamic/${encodeURIComponent(id)}/scans${query}`);
  expect(reply.status).toBe(200);
  return json<ScansBody>(reply);
}

function codeBySlug(fake: FakeOpenQR, slug: string) {
  const code = fake.codes.find((candidate) => candidate.slug === slug);
  if (!code) throw new Error(`no seeded code ${slug}`);
  return code;
}

function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function expectSortedTopEight(ranked: Ranked[]): void {
  expect(ranked.length).toBeLessThanOrEqual(8);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].n).toBeGreaterThanOrEqual(ranked[i].n);
  for (const entry of ranked) expect(Object.keys(entry)).toEqual(["value", "n"]);
}

describe("seeded data and response shapes", () => {
  it("lists at least 12 realistic codes with exactly the published row fields", () => {
    const reply = get(fakeAt(), "/v1/dynamic");
    expect(reply.status).toBe(200);
    expect(reply.headers?.["content-type"]).toBe("application/json; charset=utf-8");
    const body = json<ListBody>(reply);
    expect(body.next_cursor).toBeNull();
    expect(body.codes.length).toBeGreaterThanOrEqual(12);
    for (const row of body.codes) {
      expect(Object.keys(row)).toEqual([
        "id",
        "slug",
        "short_url",
        "destination",
        "label",
        "status",
        "created_at",
      ]);
      expect(row.id).toMatch(/^[0-9a-f]{24}$/);
      expect(row.short_url).toBe(`https://oqr.to/${row.slug}`);
      expect(["active", "paused"]).toContain(row.status);
      expect(new Date(row.created_at).toISOString()).toBe(row.created_at);
      expect(Date.parse(row.created_at)).toBeLessThanOrEqual(NOW);
    }
    const createdAt = body.codes.map((row) => row.created_at);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    expect(body.codes.map((row) => row.slug)).toEqual(
      expect.arrayContaining(["spring-sale", "menu-table-4", "flyer-a5"]),
    );
    expect(body.codes.some((row) => row.label === null)).toBe(true);
    expect(body.codes.filter((row) => row.status === "paused")).toHaveLength(1);
  });

  it("returns one code by id with the same fields as its list row", () => {
    const fake = fakeAt();
    const rows = json<ListBody>(get(fake, "/v1/dynamic")).codes;
    for (const row of rows) expect(json<Row>(get(fake, `/v1/dynamic/${row.id}`))).toEqual(row);
  });

  it("answers /scans with exactly the guide's fields and consistent numbers", () => {
    const fake = fakeAt();
    const code = codeBySlug(fake, "spring-sale");
    const body = scans(fake, code.id);
    expect(Object.keys(body)).toEqual(["id", "slug", "short_url", "destination", "scans", "analytics"]);
    expect(Object.keys(body.scans)).toEqual(["total", "last7", "topCountry", "topDevice"]);
    expect(Object.keys(body.analytics)).toEqual([
      "days_window",
      "total",
      "window_total",
      "daily",
      "by_country",
      "by_device",
      "by_referrer",
    ]);
    expect(body).toMatchObject({ id: code.id, slug: "spring-sale", short_url: "https://oqr.to/spring-sale" });

    const { analytics } = body;
    expect(analytics.days_window).toBe(30);
    expect(analytics.daily).toHaveLength(30);
    expect(analytics.daily.at(-1)?.day).toBe("2026-06-28");
    expect(analytics.daily[0].day).toBe("2026-05-30");
    analytics.daily.forEach((bucket, index) => {
      expect(Object.keys(bucket)).toEqual(["day", "n"]);
      expect(bucket.day).toBe(isoDay(Date.parse("2026-05-30T00:00:00Z") + index * DAY));
      expect(Number.isInteger(bucket.n) && bucket.n >= 0).toBe(true);
    });
    const sum = (days: Array<{ n: number }>) => days.reduce((acc, day) => acc + day.n, 0);
    expect(analytics.window_total).toBe(sum(analytics.daily));
    expect(analytics.total).toBe(body.scans.total);
    expect(analytics.total).toBeGreaterThanOrEqual(analytics.window_total);
    expect(body.scans.last7).toBe(sum(analytics.daily.slice(-7)));
    expect(scans(fake, code.id, 3).scans.last7).toBe(body.scans.last7);

    for (const ranked of [analytics.by_country, analytics.by_device ?? [], analytics.by_referrer ?? []]) {
      expectSortedTopEight(ranked);
      expect(sum(ranked)).toBeLessThanOrEqual(analytics.window_total);
    }
    expect(body.scans.topCountry).toBe(analytics.by_country[0].value);
    expect(body.scans.topDevice).toBe(analytics.by_device?.[0].value);
    expect(analytics.by_referrer?.map((entry) => entry.value)).toContain("Direct");
  });

  it("caps breakdowns at 8 so the long tail is missing from the sums", () => {
    const fake = fakeAt();
    const body = scans(fake, codeBySlug(fake, "festival-gate").id, 365);
    expect(body.analytics.by_country).toHaveLength(8);
    const countrySum = body.analytics.by_country.reduce((acc, entry) => acc + entry.n, 0);
    expect(countrySum).toBeLessThan(body.analytics.window_total);
  });

  it("has a busy code, a quiet paused code and history older than 365 days", () => {
    const fake = fakeAt();
    const busy = scans(fake, codeBySlug(fake, "festival-gate").id, 7);
    expect(Math.min(...busy.analytics.daily.map((day) => day.n))).toBeGreaterThan(100);

    const paused = fake.codes.find((code) => code.status === "paused");
    expect(paused).toBeDefined();
    const quiet = scans(fake, paused?.id ?? "", 30);
    expect(quiet.analytics.window_total).toBeLessThan(30);

    const old = scans(fake, codeBySlug(fake, "menu-table-4").id, 365);
    expect(old.analytics.total).toBeGreaterThan(old.analytics.window_total);
  });

  it("encodes untrusted strings as proper JSON", () => {
    const fake = fakeAt();
    const reply = get(fake, `/v1/dynamic/${codeBySlug(fake, "menu-table-4").id}`);
    expect(json<Row>(reply).label).toBe('Café menu — "Table 4" <upstairs> & bar');
    expect(reply.body).toContain('\\"Table 4\\"');
  });

  it("describes the account on /v1/me", () => {
    const body = json<Record<string, unknown>>(get(fakeAt(), "/v1/me"));
    expect(body).toEqual({
      plan: "pro",
      limits: { scan_analytics_days: null, detailed_analytics: true },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("exposes per-day data that matches the daily series", () => {
    const fake = fakeAt();
    const code = codeBySlug(fake, "shop-window");
    const { daily } = scans(fake, code.id, 10).analytics;
    for (const bucket of daily) {
      const day = fake.scansOn(code.id, bucket.day);
      expect(day.n).toBe(bucket.n);
      expect(Object.values(day.byCountry).reduce((acc, n) => acc + n, 0)).toBe(bucket.n);
    }
  });
});

describe("pagination and search", () => {
  it("visits every code exactly once, newest first, when following next_cursor", () => {
    const fake = fakeAt();
    const all = json<ListBody>(get(fake, "/v1/dynamic")).codes.map((row) => row.id);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const query = cursor ? `?limit=5&cursor=${encodeURIComponent(cursor)}` : "?limit=5";
      const body = json<ListBody>(get(fake, `/v1/dynamic${query}`));
      expect(body.codes.length).toBeLessThanOrEqual(5);
      seen.push(...body.codes.map((row) => row.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
  });

  it("omits next_cursor on the last page only when that variation is on", () => {
    const fake = fakeAt();
    fake.variations.omitNextCursor = true;
    const first = json<ListBody>(get(fake, "/v1/dynamic?limit=10"));
    expect(typeof first.next_cursor).toBe("string");
    const last = json<ListBody>(get(fake, `/v1/dynamic?limit=10&cursor=${first.next_cursor}`));
    expect(last.codes.length).toBeGreaterThan(0);
    expect("next_cursor" in last).toBe(false);
  });

  it("filters by slug or label, case-insensitively", () => {
    const fake = fakeAt();
    const slugs = (search: string) =>
      json<ListBody>(get(fake, `/v1/dynamic?search=${encodeURIComponent(search)}`)).codes.map(
        (row) => row.slug,
      );
    expect(slugs("MENU-table")).toEqual(["menu-table-4"]);
    expect(slugs("posters")).toEqual(["spring-sale"]); // label only
    expect(slugs("no such code")).toEqual([]);
  });

  it("rejects bad limits and cursors with 400 invalid_request", () => {
    const fake = fakeAt();
    for (const query of ["limit=501", "limit=0", "limit=2.5", "limit=abc", "cursor=%25%25not-a-cursor"]) {
      const reply = get(fake, `/v1/dynamic?${query}`);
      expect(reply.status, query).toBe(400);
      expect(json<{ code: string }>(reply).code).toBe("invalid_request");
    }
    expect(get(fake, "/v1/dynamic?limit=500").status).toBe(200);
  });
});

describe("plans", () => {
  it("clamps the window to a 7-day plan and omits detailed breakdowns", () => {
    const fake = fakeAt();
    fake.setPlan({ analyticsDays: 7, detailed: false });
    const body = scans(fake, codeBySlug(fake, "spring-sale").id, 30);
    expect(body.analytics.days_window).toBe(7);
    expect(body.analytics.daily).toHaveLength(7);
    expect(body.analytics.daily.at(-1)?.day).toBe("2026-06-28");
    expect("by_device" in body.analytics).toBe(false);
    expect("by_referrer" in body.analytics).toBe(false);
    expect(body.analytics.by_country.length).toBeGreaterThan(0);
    expect(body.scans.topDevice).not.toBeNull();
    expect(scans(fake, codeBySlug(fake, "spring-sale").id, 3).analytics.days_window).toBe(3);
    expect(json(get(fake, "/v1/me"))).toMatchObject({
      plan: "free",
      limits: { scan_analytics_days: 7, detailed_analytics: false },
    });
  });

  it("refuses impossible plans", () => {
    expect(() => fakeAt().setPlan({ analyticsDays: 0, detailed: true })).toThrow();
  });
});

describe("determinism and time", () => {
  it("gives byte-identical bodies for the same seed and instant, and the same past days later that day", () => {
    const one = fakeAt(NOW);
    const paths = [
      "/v1/dynamic",
      "/v1/me",
      ...one.codes.map((code) => `/v1/dynamic/${code.id}/scans?days=365`),
    ];
    for (const path of paths) expect(get(fakeAt(NOW), path).body).toBe(get(one, path).body);
    expect(get(fakeAt(NOW, 7), "/v1/dynamic").body).not.toBe(get(one, "/v1/dynamic").body);

    const later = fakeAt(NOW + 3 * 3_600_000); // same UTC day, later hour
    expect(get(later, "/v1/dynamic").body).toBe(get(one, "/v1/dynamic").body);
    for (const code of one.codes) {
      const [before, after] = [scans(one, code.id, 365), scans(later, code.id, 365)];
      expect(after.analytics.daily.slice(0, -1)).toEqual(before.analytics.daily.slice(0, -1));
      const grown = after.analytics.daily.at(-1)!.n - before.analytics.daily.at(-1)!.n;
      expect(grown).toBeGreaterThanOrEqual(0);
      expect(after.scans.total - before.scans.total).toBe(grown);
      expect(after.scans.last7 - before.scans.last7).toBe(grown);
    }
  });

  it("counts today's scans so far: none at midnight, more as the day goes, the whole day once it is over", () => {
    const midnight = Date.parse("2026-06-28T00:00:00Z");
    const id = codeBySlug(fakeAt(), "festival-gate").id;
    const today = (at: number) => scans(fakeAt(at), id, 2).analytics.daily;
    const hourly = Array.from({ length: 25 }, (_, hour) => today(midnight + hour * 3_600_000));
    const counts = hourly.slice(0, 24).map((daily) => daily.at(-1)!);
    expect(counts.every((bucket) => bucket.day === "2026-06-28")).toBe(true);
    expect(counts[0]!.n).toBe(0);
    for (let hour = 1; hour < 24; hour++) expect(counts[hour]!.n).toBeGreaterThanOrEqual(counts[hour - 1]!.n);
    // The 28th, complete, as the next day's first request sees it.
    const whole = hourly[24]!.at(0)!;
    expect(whole.day).toBe("2026-06-28");
    expect(whole.n).toBeGreaterThan(counts[23]!.n);
    // A busy day's scans are spread over the hours: about half of them happened by noon.
    expect(counts[12]!.n / whole.n).toBeGreaterThan(0.35);
    expect(counts[12]!.n / whole.n).toBeLessThan(0.65);

    // What the body says of today agrees with itself: window total, last 7, lifetime and breakdowns.
    let now = midnight + 12 * 3_600_000;
    const fake = createFakeOpenQR({ now: () => now });
    const body = scans(fake, id, 30);
    const sum = (entries: Array<{ n: number }>) => entries.reduce((acc, entry) => acc + entry.n, 0);
    expect(body.analytics.window_total).toBe(sum(body.analytics.daily));
    expect(body.scans.last7).toBe(sum(body.analytics.daily.slice(-7)));
    const split = fake.scansOn(id, "2026-06-28");
    expect(split.n).toBe(counts[12]!.n);
    for (const parts of [split.byCountry, split.byDevice, split.byReferrer]) {
      expect(Object.values(parts).reduce((acc, n) => acc + n, 0)).toBe(split.n);
    }
    expect(fake.scansOn(id, "2026-06-29").n).toBe(0);
    now += DAY;
    const tomorrow = scans(fake, id, 30);
    expect(tomorrow.scans.total - body.scans.total).toBe(
      whole.n - counts[12]!.n + tomorrow.analytics.daily.at(-1)!.n,
    );
  });

  it("shifts the window by one day when now advances 24h, keeping past days and completing the day before", () => {
    let now = NOW;
    const fake = createFakeOpenQR({ now: () => now });
    const id = codeBySlug(fake, "spring-sale").id;
    const before = scans(fake, id, 30);
    now += DAY;
    const after = scans(fake, id, 30);
    expect(after.analytics.daily.at(-1)?.day).toBe("2026-06-29");
    expect(after.analytics.daily.slice(0, 28)).toEqual(before.analytics.daily.slice(1, 29));
    const completed = after.analytics.daily.at(-2)!;
    expect(completed.day).toBe("2026-06-28");
    expect(completed.n).toBeGreaterThanOrEqual(before.analytics.daily.at(-1)!.n);
    const newest = after.analytics.daily.at(-1)?.n ?? 0;
    expect(after.scans.total).toBe(
      before.scans.total + (completed.n - before.analytics.daily.at(-1)!.n) + newest,
    );
  });

  it("reports a code with no scans as zeros, null tops and empty breakdowns", () => {
    const fake = fakeAt();
    fake.addCode({ id: "never-scanned", slug: "never-scanned", profile: { meanDaily: 0 } });
    const body = scans(fake, "never-scanned", 30);
    expect(body.scans).toEqual({ total: 0, last7: 0, topCountry: null, topDevice: null });
    expect(body.analytics).toMatchObject({
      total: 0,
      window_total: 0,
      by_country: [],
      by_device: [],
      by_referrer: [],
    });
    expect(body.analytics.daily).toHaveLength(30);
    expect(body.analytics.daily.every((day) => day.n === 0)).toBe(true);
  });

  it("uses fixed daily counts when a test supplies them, today's as far as the day has gone", () => {
    const fixed = { "2026-06-27": 5, "2026-06-28": 40, "2025-01-01": 40 };
    const fake = fakeAt();
    fake.addCode({ id: "fixed", fixedDaily: fixed });
    const body = scans(fake, "fixed", 2);
    const soFar = fake.scansOn("fixed", "2026-06-28").n;
    // 10:00 UTC: some, not all, of the day's 40.
    expect(soFar).toBeGreaterThan(0);
    expect(soFar).toBeLessThan(40);
    expect(body.analytics.daily).toEqual([
      { day: "2026-06-27", n: 5 },
      { day: "2026-06-28", n: soFar },
    ]);
    expect(body.scans.total).toBe(45 + soFar);
    const nextDay = fakeAt(NOW + DAY);
    nextDay.addCode({ id: "fixed", fixedDaily: fixed });
    expect(scans(nextDay, "fixed", 2).analytics.daily[0]).toEqual({ day: "2026-06-28", n: 40 });
    expect(scans(nextDay, "fixed", 2).scans.total).toBe(85);
  });
});

describe("two accounts at one address", () => {
  const SECOND = "oqr_live_client0b00000000000";
  const asSecond = { authorization: `Bearer ${SECOND}` };

  it("answers each key from its own account: its codes, its scans, its created_at", () => {
    let now = NOW;
    const fake = createFakeOpenQR({ now: () => now });
    const other = fake.addAccount({ keys: [SECOND], codeCount: 3 });
    const firstIds = json<ListBody>(get(fake, "/v1/dynamic")).codes.map((row) => row.id);
    const secondRows = json<ListBody>(get(fake, "/v1/dynamic", asSecond)).codes;
    expect(firstIds).toEqual(fake.codes.map((code) => code.id));
    expect(firstIds).toHaveLength(12);
    expect(secondRows.map((row) => row.id)).toEqual(other.codes.map((code) => code.id));
    expect(secondRows.map((row) => row.slug).sort()).toEqual(["flyer-a5", "menu-table-4", "spring-sale"]);
    for (const row of secondRows) expect(firstIds).not.toContain(row.id);

    const own = secondRows[0]!.id;
    expect(get(fake, `/v1/dynamic/${own}/scans?days=7`, asSecond).status).toBe(200);
    expect(json(get(fake, `/v1/dynamic/${own}/scans?days=7`))).toEqual({
      error: "Dynamic code not found",
      code: "not_found",
    });
    expect(get(fake, `/v1/dynamic/${firstIds[0]}`, asSecond).status).toBe(404);

    const firstMe = json<{ created_at: string }>(get(fake, "/v1/me")).created_at;
    const secondMe = json<{ created_at: string }>(get(fake, "/v1/me", asSecond)).created_at;
    expect(firstMe).toBe(fake.createdAt);
    expect(secondMe).toBe(other.createdAt);
    expect(secondMe).not.toBe(firstMe);
    // An account's creation does not move with the clock.
    now += 3 * DAY;
    expect(json<{ created_at: string }>(get(fake, "/v1/me", asSecond)).created_at).toBe(secondMe);
    expect(json<{ created_at: string }>(get(fake, "/v1/me")).created_at).toBe(firstMe);
  });

  it("keeps keys, codes and plans apart, and reset removes the added account", () => {
    const fake = fakeAt();
    const other = fake.addAccount({ keys: [SECOND], codeCount: 0, createdAt: "2023-02-03T04:05:06Z" });
    const added = other.addCode({ slug: "client-b-menu" });
    expect(json<ListBody>(get(fake, "/v1/dynamic", asSecond)).codes.map((row) => row.slug)).toEqual([
      "client-b-menu",
    ]);
    expect(fake.codes.map((code) => code.id)).not.toContain(added.id);
    expect(json(get(fake, "/v1/me", asSecond))).toMatchObject({ created_at: "2023-02-03T04:05:06Z" });
    other.setPlan({ analyticsDays: 7, detailed: false });
    expect(scans(fake, fake.codes[0]!.id, 30).analytics.days_window).toBe(30);
    const reply = get(fake, `/v1/dynamic/${added.id}/scans?days=30`, asSecond);
    expect(json<ScansBody>(reply).analytics.days_window).toBe(7);
    other.removeCode(added.id);
    expect(get(fake, `/v1/dynamic/${added.id}/scans?days=30`, asSecond).status).toBe(404);
    other.revokeKey(SECOND);
    expect(get(fake, "/v1/me", asSecond).status).toBe(401);
    other.addKey(SECOND);
    fake.reset();
    expect(get(fake, "/v1/me", asSecond).status).toBe(401);
    expect(get(fake, "/v1/me").status).toBe(200);
  });
});

describe("auth and errors", () => {
  const UNAUTHORIZED = { error: "Invalid or missing API key", code: "unauthorized" };

  it("requires a known Bearer key in the header", () => {
    const fake = fakeAt();
    const missing = get(fake, "/v1/dynamic", {});
    expect(missing.status).toBe(401);
    expect(missing.body).toBe(JSON.stringify(UNAUTHORIZED));
    expect(json(get(fake, "/v1/me", { authorization: "Bearer oqr_live_wrong0000000000" }))).toEqual(
      UNAUTHORIZED,
    );
    expect(get(fake, `/v1/dynamic?key=${FAKE_OPENQR_KEY}`, {}).status).toBe(401);
    expect(get(fake, "/v1/dynamic", { authorization: FAKE_OPENQR_KEY }).status).toBe(401);
  });

  it("honours addKey and revokeKey", () => {
    const fake = fakeAt();
    fake.addKey("oqr_live_second000000000");
    expect(get(fake, "/v1/me", { authorization: "Bearer oqr_live_second000000000" }).status).toBe(200);
    fake.revokeKey(FAKE_OPENQR_KEY);
    expect(get(fake, "/v1/me").status).toBe(401);
  });

  it("answers unknown codes and routes with 404 and other methods with 405", () => {
    const fake = fakeAt();
    expect(json(get(fake, "/v1/dynamic/000000000000000000000000/scans"))).toEqual({
      error: "Dynamic code not found",
      code: "not_found",
    });
    expect(get(fake, "/v1/dynamic/000000000000000000000000").status).toBe(404);
    const unknown = get(fake, "/v1/nope");
    expect(unknown.status).toBe(404);
    expect(json<{ code: string }>(unknown).code).toBe("not_found");
    const id = fake.codes[0].id;
    const post = fake.handle({
      method: "POST",
      url: `https://openqr.uk/v1/dynamic/${id}`,
      headers: AUTH,
      body: "",
    });
    expect(post.status).toBe(405);
    expect(json(post)).toEqual({ error: "Method not allowed", code: "method_not_allowed" });
  });

  it("rejects days outside 1-365 or not an integer", () => {
    const fake = fakeAt();
    const id = fake.codes[0].id;
    for (const days of ["0", "366", "2.5", "abc", "-1", ""]) {
      const reply = get(fake, `/v1/dynamic/${id}/scans?days=${days}`);
      expect(reply.status, days).toBe(400);
      expect(json<{ code: string }>(reply).code).toBe("invalid_request");
    }
    expect(scans(fake, id, 1).analytics.daily).toHaveLength(1);
    expect(scans(fake, id, 365).analytics.daily).toHaveLength(365);
  });

  it("drops the error code everywhere when omitErrorCode is on", () => {
    const fake = fakeAt();
    fake.variations.omitErrorCode = true;
    expect(json(get(fake, "/v1/me", {}))).toEqual({ error: "Invalid or missing API key" });
  });

  it("decodes the id segment, so ids with / and ? work when encoded", () => {
    const fake = fakeAt();
    fake.addCode({ id: "a/b?c", slug: "odd-id" });
    const reply = get(fake, `/v1/dynamic/${encodeURIComponent("a/b?c")}/scans?days=7`);
    expect(reply.status).toBe(200);
    expect(json<ScansBody>(reply).id).toBe("a/b?c");
    expect(get(fake, `/v1/dynamic/${encodeURIComponent("a/b?c")}`).status).toBe(200);
    expect(get(fake, "/v1/dynamic/a/b?c/scans").status).toBe(404);
  });
});

describe("fault injection", () => {
  it("plays a 429, 429, 200 sequence and then behaves normally", () => {
    const fake = fakeAt();
    const id = fake.codes[0].id;
    fake.inject(id, [{ status: 429, retryAfter: 3 }, { status: 429 }, { status: 200 }]);
    const first = get(fake, `/v1/dynamic/${id}/scans`);
    expect(first.status).toBe(429);
    expect(first.headers?.["retry-after"]).toBe("3");
    expect(json(first)).toEqual({ error: "Too many requests, slow down", code: "rate_limited" });
    expect(get(fake, `/v1/dynamic/${id}/scans`).headers?.["retry-after"]).toBeUndefined();
    expect(get(fake, `/v1/dynamic/${id}/scans`).status).toBe(200);
    expect(get(fake, `/v1/dynamic/${id}/scans`).status).toBe(200);
  });

  it("targets faults by code id, list, me or any request", () => {
    const fake = fakeAt();
    const [first, second] = fake.codes;
    fake.inject(first.id, [{ status: 500, code: "server_error", message: "boom", omitCode: true }]);
    expect(get(fake, `/v1/dynamic/${second.id}/scans`).status).toBe(200);
    expect(get(fake, "/v1/dynamic").status).toBe(200);
    const failed = get(fake, `/v1/dynamic/${first.id}`);
    expect(failed.status).toBe(500);
    expect(json(failed)).toEqual({ error: "boom" });

    fake.inject("*list", [{ status: 503 }]);
    fake.inject("*me", [{ status: 403, code: "plan_limit_exceeded" }]);
    expect(get(fake, `/v1/dynamic/${first.id}`).status).toBe(200);
    expect(get(fake, "/v1/me").status).toBe(403);
    expect(get(fake, "/v1/dynamic").status).toBe(503);

    fake.inject("*", [{ status: 502 }, { status: 504 }]);
    expect(get(fake, "/v1/me").status).toBe(502);
    expect(get(fake, `/v1/dynamic/${second.id}/scans`).status).toBe(504);
    expect(get(fake, "/v1/me").status).toBe(200);

    fake.inject(first.id, [{ status: 500 }]);
    fake.clearFaults();
    expect(get(fake, `/v1/dynamic/${first.id}`).status).toBe(200);
  });

  it("serves gateway HTML, malformed, truncated and empty bodies", () => {
    const fake = fakeAt();
    const id = fake.codes[0].id;
    const path = `/v1/dynamic/${id}/scans`;
    fake.inject(id, [
      { kind: "html" },
      { kind: "malformed" },
      { kind: "truncated" },
      { kind: "empty" },
      { kind: "empty", status: 502 },
    ]);

    const html = get(fake, path);
    expect(html.status).toBe(502);
    expect(html.headers?.["content-type"]).toBe("text/html");
    expect(html.body).toMatch(/^<html>[\s\S]*502 Bad Gateway[\s\S]*<\/html>/);

    const malformed = get(fake, path);
    expect(malformed.status).toBe(200);
    const wrong = json<{ analytics: Record<string, unknown> }>(malformed);
    expect(Array.isArray(wrong.analytics.daily)).toBe(false);
    expect(typeof wrong.analytics.total).toBe("string");

    const truncated = get(fake, path);
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.body ?? "")).toThrow();

    expect(get(fake, path)).toMatchObject({ status: 200, body: "" });
    expect(get(fake, path)).toMatchObject({ status: 502, body: "" });
    expect(get(fake, path).status).toBe(200);
  });

  it("drops connections and delays replies", () => {
    const fake = fakeAt();
    fake.inject("*me", [{ kind: "drop" }, { kind: "slow", ms: 4000 }]);
    expect(get(fake, "/v1/me").drop).toBe(true);
    const slow = get(fake, "/v1/me");
    expect(slow.delayMs).toBe(4000);
    expect(slow.status).toBe(200);
    expect(slow.body).toBe(get(fake, "/v1/me").body);
  });

  it("records requests and resets everything", () => {
    const fake = fakeAt();
    get(fake, "/v1/me");
    get(fake, "/v1/dynamic?limit=2", { authorization: "Bearer x", "x-extra": "1" });
    expect(fake.requests.map((request) => request.url)).toEqual([
      "https://openqr.uk/v1/me",
      "https://openqr.uk/v1/dynamic?limit=2",
    ]);
    expect(fake.requests[1].headers["x-extra"]).toBe("1");

    const seededBody = get(fake, "/v1/dynamic").body;
    const requests = fake.requests;
    fake.addCode({ id: "extra" });
    fake.removeCode(fake.codes[0].id);
    fake.revokeKey(FAKE_OPENQR_KEY);
    fake.setPlan({ analyticsDays: 7, detailed: false });
    fake.variations.omitErrorCode = true;
    fake.inject("*", [{ status: 500 }]);
    fake.reset();
    expect(requests).toHaveLength(0);
    expect(fake.variations.omitErrorCode).toBe(false);
    expect(fake.plan).toEqual({ analyticsDays: null, detailed: true });
    expect(get(fake, "/v1/dynamic").body).toBe(seededBody);
  });
});

describe("real HTTP server", () => {
  it("serves the same bodies as handle and honours drop and delay", async () => {
    const fake = fakeAt();
    const server = await fake.listen(0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const id = codeBySlug(fake, "spring-sale").id;
      const response = await fetch(`${server.url}/v1/dynamic/${id}/scans?days=14`, { headers: AUTH });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await response.text()).toBe(get(fake, `/v1/dynamic/${id}/scans?days=14`).body);
      expect(fake.requests[0].headers.authorization).toBe(AUTH.authorization);

      const unauthorized = await fetch(`${server.url}/v1/me`);
      expect(unauthorized.status).toBe(401);

      fake.inject("*me", [{ kind: "drop" }, { kind: "slow", ms: 150 }, { status: 429, retryAfter: 9 }]);
      await expect(fetch(`${server.url}/v1/me`, { headers: AUTH })).rejects.toThrow();
      const started = Date.now();
      const slow = await fetch(`${server.url}/v1/me`, { headers: AUTH });
      expect(slow.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      const limited = await fetch(`${server.url}/v1/me`, { headers: AUTH });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("9");
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/v1/me`, { headers: AUTH })).rejects.toThrow();
  });

  it("closes promptly while a slow reply is still pending", async () => {
    const fake = fakeAt();
    const server = await fake.listen();
    fake.inject("*", [{ kind: "slow", ms: 20_000 }]);
    const pending = fetch(`${server.url}/v1/me`, { headers: AUTH }).catch((error: unknown) => error);
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
