// OPENQR_ROLLUP, run from dist/ in the emulator as a non-owner editor's cell.
import { beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "./world.ts";

/** The seven UTC days of a 7-day window ending on the world's today, oldest first. */
const WEEK = [
  "2026-11-19",
  "2026-11-20",
  "2026-11-21",
  "2026-11-22",
  "2026-11-23",
  "2026-11-24",
  "2026-11-25",
];

function fresh(options: Parameters<typeof createTestWorld>[0] = {}): TestWorld {
  const world = createTestWorld(options);
  world.saveOwnerKey();
  world.api.requests.length = 0;
  world.gas.resetCalls();
  return world;
}

function value(world: TestWorld, ...args: unknown[]): unknown[][] {
  const result = world.formula("OPENQR_ROLLUP", ...args);
  if (!result.ok) throw new Error(`OPENQR_ROLLUP failed: ${result.error}`);
  return result.value as unknown[][];
}

let world: TestWorld;
let ids: string[];
beforeEach(() => {
  world = fresh({ timeZone: "America/Los_Angeles" });
  ids = ["festival-gate", "spring-sale", "newsletter-signup"].map((slug) => world.id(slug));
});

describe("OPENQR_ROLLUP", () => {
  it("sums three codes by day, oldest first, with Day cells at midnight in Los Angeles", () => {
    const table = value(
      world,
      ids.map((id) => [id]),
      7,
    );
    expect(table[0]).toEqual(["Day", "Scans"]);
    const rows = table.slice(1);
    expect(rows.map((row) => Object.prototype.toString.call(row[0]))).toEqual(
      WEEK.map(() => "[object Date]"),
    );
    // Pacific Standard Time in November: local midnight is 08:00 UTC.
    expect(rows.map((row) => (row[0] as Date).toISOString())).toEqual(
      WEEK.map((day) => `${day}T08:00:00.000Z`),
    );
    expect(rows.map((row) => world.gas.display(row[0]))).toEqual(WEEK);
    const sums = WEEK.map((day) => ids.reduce((sum, id) => sum + world.api.scansOn(id, day).n, 0));
    expect(rows.map((row) => row[1])).toEqual(sums);
    expect(sums.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(world.cells("OPENQR_ROLLUP", [[ids[0]]], 7)).toEqual([
      ["Day", "Scans"],
      ...WEEK.map((day) => [day, String(world.api.scansOn(ids[0]!, day).n)]),
    ]);
  });

  it("skips blank cells", () => {
    const plain = world.cells(
      "OPENQR_ROLLUP",
      ids.map((id) => [id]),
      7,
    );
    expect(world.cells("OPENQR_ROLLUP", [[ids[0]], [""], [ids[1]], [""], [ids[2]]], 7)).toEqual(plain);
    expect(
      world.cells(
        "OPENQR_ROLLUP",
        [
          [ids[0], "", ids[1]],
          ["", ids[2], ""],
        ],
        7,
      ),
    ).toEqual(plain);
  });

  it("counts an id given twice once, and fetches it once", () => {
    const [a, b] = [ids[0]!, ids[1]!];
    const once = WEEK.map((day) => [day, String(world.api.scansOn(a, day).n + world.api.scansOn(b, day).n)]);
    expect(world.cells("OPENQR_ROLLUP", [[a], [b], [a], [b]], 7)).toEqual([["Day", "Scans"], ...once]);
    expect(world.api.requests.map((r) => r.url)).toEqual(
      [a, b].map((id) => `https://openqr.uk/v1/dynamic/${id}/scans?days=7`),
    );
  });

  it("defaults a blank days to 30", () => {
    expect(world.cells("OPENQR_ROLLUP", ids[0], "")).toHaveLength(31);
    expect(world.api.requests[0]!.url).toMatch(/\/scans\?days=30$/);
  });

  it.each([0, 366, 2.5, "abc", 400])("refuses days %j as OPENQR_SCANS does, without any request", (days) => {
    const range = ids.map((id) => [id]);
    const rollup = world.formula("OPENQR_ROLLUP", range, days);
    expect(rollup).toEqual(world.formula("OPENQR_SCANS", range, days));
    expect(rollup).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^days_or_start must be a whole number of days from 1 to 365, or a start date \(a date cell or YYYY-MM-DD text\); .+ is neither\. Leave it blank for 30 days\.$/,
      ),
    });
    expect(world.api.requests).toHaveLength(0);
  });

  it("says the id, not the slug, is wanted, as OPENQR_SCANS does", () => {
    const rollup = world.formula("OPENQR_ROLLUP", [[ids[0]], ["spring-sale"]], 7);
    expect(rollup).toEqual({
      ok: false,
      error:
        'OpenQR code "spring-sale" was not found (HTTP 404). Use the code\'s id (see =OPENQR_CODES()), not its slug.',
    });
    expect(world.formula("OPENQR_SCANS", [[ids[0]], ["spring-sale"]], 7)).toEqual(rollup);
  });

  it("says the range is blank as OPENQR_SCANS does when no cell holds an id", () => {
    const rollup = world.formula("OPENQR_ROLLUP", [[""], [""]], 7);
    expect(rollup).toEqual({
      ok: false,
      error: "id is blank: give a code's id (as listed by =OPENQR_CODES()) or a range of ids.",
    });
    expect(world.formula("OPENQR_SCANS", [[""], [""]], 7)).toEqual(rollup);
    expect(world.formula("OPENQR_ROLLUP", "", 7)).toEqual(rollup);
    expect(world.api.requests).toHaveLength(0);
  });
});

describe("OPENQR_ROLLUP and the cache", () => {
  it("answers a recalculation from the cache, and shares its entries with OPENQR_SCANS", () => {
    const range = ids.map((id) => [id]);
    const first = world.cells("OPENQR_ROLLUP", range, 7);
    expect(world.api.requests).toHaveLength(3);
    const http = world.gas.http.length;

    expect(world.cells("OPENQR_ROLLUP", range, 7)).toEqual(first);
    expect(world.gas.http.length).toBe(http);

    const scans = world.cells("OPENQR_SCANS", range, 7);
    expect(world.gas.http.length).toBe(http);
    expect(world.api.requests).toHaveLength(3);
    // The same numbers, laid out per code.
    expect(
      scans.slice(1).map((row) => [row[0], String(row.slice(1).reduce((s, n) => s + Number(n), 0))]),
    ).toEqual(first.slice(1));
  });

  it("reuses what OPENQR_SCANS cached and fetches only the missing id", () => {
    world.cells("OPENQR_SCANS", [[ids[0]], [ids[1]]], 7);
    world.api.requests.length = 0;
    world.cells(
      "OPENQR_ROLLUP",
      ids.map((id) => [id]),
      7,
    );
    expect(world.api.requests.map((r) => r.url)).toEqual([
      `https://openqr.uk/v1/dynamic/${ids[2]}/scans?days=7`,
    ]);
  });

  it("fetches 20 ids in at most one fetchAll round", () => {
    const big = fresh({ codeCount: 20 });
    const all = big.api.codes.map((code) => code.id);
    expect(all).toHaveLength(20);
    const table = big.cells(
      "OPENQR_ROLLUP",
      all.map((id) => [id]),
      7,
    );
    expect(big.gas.calls["UrlFetchApp.fetchAll"]).toBe(1);
    expect(big.gas.calls["UrlFetchApp.fetch"] ?? 0).toBe(0);
    expect(big.api.requests).toHaveLength(20);
    expect(table.slice(1)).toEqual(
      WEEK.map((day) => [day, String(all.reduce((sum, id) => sum + big.api.scansOn(id, day).n, 0))]),
    );
  });
});
