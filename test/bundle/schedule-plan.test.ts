// The quota planner from dist/ in the emulator: estimateSchedule and getSettings' schedulePlan,
// against a fake account of 1,000 codes.
import { beforeEach, describe, expect, it } from "vitest";
import type { LastRun } from "../../src/shared/settings.ts";
import { createTestWorld, type TestWorld } from "./world.ts";

const base = { days: 30, schedule: "off", hour: 7, codes: "all", formulasUseMyKey: false };
const quotas = { fetchQuota: 20_000, minutesQuota: 90 };
const LIST_URL = /^https:\/\/openqr\.uk\/v1\/dynamic\?limit=200(&cursor=[^&]+)?$/;

/** A scheduled run over 1,000 codes that ran out of time for 4: 996 tried in 199.2 s, 0.2 s each. */
const LAST_RUN: LastRun = {
  time: "2026-11-25T11:04:12.000Z",
  trigger: "scheduled",
  ok: true,
  refreshed: 994,
  failed: 2,
  failures: [
    { codeId: "c0ffee0000000000000000a1", slug: "flyer-2025", reason: "OpenQR answered 500." },
    { codeId: "c0ffee0000000000000000a2", slug: "menu", reason: "OpenQR answered 503." },
  ],
  skippedForTime: 4,
  durationSeconds: 199.2,
  slack: { status: "not-due", why: "Today's digest was already posted." },
  message:
    "Refreshed 994 codes; 2 codes failed and kept their previous rows; 4 codes wait for the next run (this one reached its time limit).",
  notes: [],
};

let world: TestWorld;
beforeEach(() => {
  world = createTestWorld({ codeCount: 1_000 });
  world.saveOwnerKey();
  world.gas.http.length = 0;
});

const estimate = (input: Record<string, unknown>) =>
  world.call("estimateSchedule", [{ ...base, ...input }]) as Record<string, unknown>;
const seedLastRun = (run: LastRun) =>
  world.gas.properties.document.set("openqr.lastRun", JSON.stringify(run));
const requestUrls = () => world.gas.http.map((request) => request.url);

describe("estimateSchedule", () => {
  it("fits 100 chosen codes hourly, listing nothing", () => {
    const chosen = world.api.codes.slice(0, 100).map((code) => code.id);
    expect(estimate({ schedule: "hourly", codes: chosen })).toEqual({
      codes: 100,
      runsPerDay: 24,
      fetchesPerDay: 2_400,
      ...quotas,
      minutesPerDay: 8,
      yearsOfArchive: 43.4,
      fits: true,
      message:
        "Hourly for 100 codes uses about 2,400 of 20,000 URL fetches and 8 of 90 trigger minutes a day; OpenQR Daily has room for about 43 years of history.",
      suggestion: null,
    });
    expect(requestUrls()).toEqual([]);
  });

  it("does not fit all 1,000 codes hourly and suggests every 6 hours, listing the codes once", () => {
    expect(estimate({ schedule: "hourly" })).toEqual({
      codes: 1_000,
      runsPerDay: 24,
      fetchesPerDay: 24_120,
      ...quotas,
      minutesPerDay: 62,
      yearsOfArchive: 4.3,
      fits: false,
      message:
        "Hourly for 1,000 codes needs about 24,120 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Every 6 hours fits.",
      suggestion: "every6h",
    });
    // One listing: five pages of 200.
    expect(requestUrls()).toHaveLength(5);
    for (const url of requestUrls()) expect(url).toMatch(LIST_URL);
  });

  it("fits all 1,000 codes daily", () => {
    expect(estimate({ schedule: "daily", hour: 6 })).toEqual({
      codes: 1_000,
      runsPerDay: 1,
      fetchesPerDay: 1_005,
      ...quotas,
      minutesPerDay: 2.6,
      yearsOfArchive: 4.3,
      fits: true,
      message:
        "Daily for 1,000 codes uses about 1,005 of 20,000 URL fetches and 3 of 90 trigger minutes a day; OpenQR Daily has room for about 4.3 years of history.",
      suggestion: null,
    });
    expect(requestUrls()).toHaveLength(5);
  });

  it("counts all codes and times them from the last run, listing nothing", () => {
    seedLastRun(LAST_RUN);
    // 994 + 2 + 4 = 1,000 codes; 199.2 s / 996 = 0.2 s a code: 24 × 200 s = 80 min.
    expect(estimate({ schedule: "hourly" })).toEqual({
      codes: 1_000,
      runsPerDay: 24,
      fetchesPerDay: 24_120,
      ...quotas,
      minutesPerDay: 80,
      yearsOfArchive: 4.3,
      fits: false,
      message:
        "Hourly for 1,000 codes needs about 24,120 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Every 6 hours fits.",
      suggestion: "every6h",
    });
    expect(estimate({ schedule: "daily" })).toMatchObject({ codes: 1_000, minutesPerDay: 3.3, fits: true });
    expect(requestUrls()).toEqual([]);
  });

  it("lists the codes when the last run failed as a whole, or covered a chosen list", () => {
    seedLastRun({ ...LAST_RUN, ok: false, refreshed: 0, failed: 0, failures: [], skippedForTime: 0 });
    expect(estimate({ schedule: "every6h" })).toMatchObject({ codes: 1_000, fetchesPerDay: 4_020 });
    expect(requestUrls()).toHaveLength(5);

    world.gas.http.length = 0;
    const chosen = world.api.codes.slice(0, 3).map((code) => code.id);
    world.call("saveSettings", [{ ...base, codes: chosen }]);
    seedLastRun({
      ...LAST_RUN,
      refreshed: 3,
      failed: 0,
      failures: [],
      skippedForTime: 0,
      durationSeconds: 1.5,
    });
    // The last run refreshed the 3 chosen codes: it says nothing of how many "all" is.
    expect(estimate({ schedule: "every6h" })).toMatchObject({ codes: 1_000, fetchesPerDay: 4_020 });
    expect(requestUrls()).toHaveLength(5);
  });

  it("estimates nothing that needs the count without a key, and asks for one", () => {
    world.call("clearApiKey");
    world.gas.http.length = 0;
    expect(estimate({ schedule: "hourly" })).toEqual({
      codes: null,
      runsPerDay: 24,
      fetchesPerDay: null,
      ...quotas,
      minutesPerDay: null,
      yearsOfArchive: null,
      fits: null,
      message: "Save your API key to see what Hourly would use: the number of codes is not known yet.",
      suggestion: null,
    });
    // A chosen list needs no key to count.
    expect(estimate({ schedule: "hourly", codes: ["a1", "b2"] })).toMatchObject({ codes: 2, fits: true });
    expect(requestUrls()).toEqual([]);
  });

  it("lists nothing when off", () => {
    expect(estimate({ schedule: "off" })).toMatchObject({
      codes: null,
      fetchesPerDay: 0,
      message: "Off: reports refresh only when you choose Refresh now.",
    });
    expect(requestUrls()).toEqual([]);
  });

  it.each([
    [{ days: 0 }, "Days must be a whole number from 1 to 365."],
    [{ schedule: "every5min" }, "Schedule must be one of: off, hourly, every6h, daily."],
    [{ codes: [] }, "Codes needs at least one ticked code, or choose All codes."],
  ])("refuses %j as saveSettings does, and saves nothing", (change, message) => {
    expect(() => estimate(change)).toThrow(message);
    expect(() => world.call("estimateSchedule", ["hourly"])).toThrow(
      "Settings must be sent as an object of fields.",
    );
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.triggers).toHaveLength(0);
  });

  it("saves nothing and installs no trigger", () => {
    estimate({ schedule: "hourly", days: 9 });
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.triggers).toHaveLength(0);
    expect(world.call("getSettings")).toMatchObject({ schedule: "off", days: 30 });
  });
});

describe("getSettings' schedulePlan", () => {
  const plan = () => {
    world.gas.http.length = 0;
    const settings = world.call("getSettings") as { schedulePlan: unknown };
    expect(requestUrls()).toEqual([]);
    return settings.schedulePlan;
  };

  it("is the saved settings' plan, from a chosen list, without a request", () => {
    const chosen = world.api.codes.slice(0, 100).map((code) => code.id);
    world.call("saveSettings", [{ ...base, schedule: "hourly", codes: chosen }]);
    expect(plan()).toEqual(estimate({ schedule: "hourly", codes: chosen }));
  });

  it("counts all codes from the last run, without a request", () => {
    world.call("saveSettings", [{ ...base, schedule: "hourly" }]);
    seedLastRun(LAST_RUN);
    expect(plan()).toMatchObject({
      codes: 1_000,
      fetchesPerDay: 24_120,
      minutesPerDay: 80,
      fits: false,
      suggestion: "every6h",
    });
  });

  it("says the count is not known before the first refresh, rather than listing the codes", () => {
    const saved = world.call("saveSettings", [{ ...base, schedule: "hourly" }]) as { schedulePlan: unknown };
    const unknown = {
      codes: null,
      runsPerDay: 24,
      fetchesPerDay: null,
      ...quotas,
      minutesPerDay: null,
      yearsOfArchive: null,
      fits: null,
      message: "What Hourly uses is estimated once your codes are counted, at the first refresh.",
      suggestion: null,
    };
    expect(saved.schedulePlan).toEqual(unknown);
    expect(plan()).toEqual(unknown);
  });

  it("is counted after a real refresh", () => {
    const small = createTestWorld();
    small.saveOwnerKey();
    small.call("saveSettings", [{ ...base, schedule: "daily" }]);
    small.call("refreshNow");
    world = small;
    expect(plan()).toMatchObject({ codes: 12, runsPerDay: 1, fits: true, yearsOfArchive: 361.5 });
  });
});
