// The benchmark (bench/, `npm run bench`) on its reduced scenario, so CI keeps it working: the
// shape of bench/results.json and the invariants a reader relies on, never timings.
import { beforeAll, describe, expect, it } from "vitest";
import {
  isSpreadsheetCall,
  MODEL,
  modelledSeconds,
  replyDelayMs,
  spreadsheetCallsOf,
} from "../../bench/model.ts";
import { type BenchResults, renderMarkdown } from "../../bench/report.ts";
import { QUICK_CONFIGS, runBench } from "../../bench/run.ts";
import { FIRST_RUN_AT, runAddonChain } from "../../bench/scenarios.ts";
import { createAddonWorld, createNaiveWorld, prefillHistory } from "../../bench/worlds.ts";

const QUICK_TIMEOUT_MS = 120_000;

let results: BenchResults;

beforeAll(async () => {
  results = await runBench({ quick: true, naiveMaxRows: 200_000, log: () => {} });
}, QUICK_TIMEOUT_MS);

const METRICS = ["roundTrips", "fetches", "spreadsheetCalls", "cellsRead", "cellsWritten", "modelledSeconds"];

describe("the latency model", () => {
  it("charges round trips, spreadsheet calls and cells, and counts only spreadsheet classes as spreadsheet calls", () => {
    expect(replyDelayMs(2048)).toBe(MODEL.roundTripMs + 2 * MODEL.perKbMs);
    expect(modelledSeconds({ fetchMs: 1000, spreadsheetCalls: 2, cellsRead: 1000, cellsWritten: 1000 })).toBe(
      (1000 + 2 * MODEL.spreadsheetCallMs + 1000 * MODEL.cellReadMs + 1000 * MODEL.cellWrittenMs) / 1000,
    );
    for (const name of [
      "SpreadsheetApp.getActiveSpreadsheet",
      "Spreadsheet.insertSheet",
      "Sheet.appendRow",
      "Range.setValues",
      "DeveloperMetadataFinder.find",
      "EmbeddedLineChartBuilder.build",
      "EmbeddedChart.modify",
    ]) {
      expect(isSpreadsheetCall(name), name).toBe(true);
    }
    for (const name of [
      "UrlFetchApp.fetchAll",
      "Properties.getProperty",
      "cells written",
      "Utilities.formatDate",
    ]) {
      expect(isSpreadsheetCall(name), name).toBe(false);
    }
    expect(spreadsheetCallsOf({ "Range.getValues": 2, "cells read": 500, "Lock.tryLock": 1 })).toBe(2);
  });
});

describe("npm run bench --quick", () => {
  it("has the shape of bench/results.json", () => {
    expect(results.model).toMatchObject({
      roundTripMs: expect.any(Number),
      perKbMs: expect.any(Number),
      spreadsheetCallMs: expect.any(Number),
      cellReadMs: expect.any(Number),
      cellWrittenMs: expect.any(Number),
      formula: expect.any(String),
    });
    expect(results.model.sources.length).toBeGreaterThan(0);
    // Two configurations × (first, hourly, hourly across midnight).
    expect(results.scenarios).toHaveLength(QUICK_CONFIGS.length * 3);
    for (const scenario of results.scenarios) {
      expect(scenario).toMatchObject({
        name: expect.any(String),
        codes: 10,
        days: 30,
        historyDays: expect.any(Number),
      });
      expect(["first", "hourly"]).toContain(scenario.kind);
      expect(scenario.naive).not.toBeNull();
      for (const row of [scenario.addon, scenario.naive!, scenario.bound]) {
        for (const metric of METRICS) {
          const value = row[metric as keyof typeof row];
          expect(typeof value === "number" || (row === scenario.bound && value === null), metric).toBe(true);
        }
      }
      expect(scenario.addon.cpuMs).toBeGreaterThan(0);
      expect(scenario.naive!.source).toBe("run");
    }
    expect(results.scenarios.map((s) => s.kind)).toEqual([
      "first",
      "hourly",
      "hourly",
      "first",
      "hourly",
      "hourly",
    ]);
    expect(results.formulas.oneRange.bound).toEqual({ executions: 1, roundTrips: 10 });
    expect(results.bundle.jsBytes).toBeGreaterThan(0);
    expect(results.bundle.loadAndOnOpenMs.median).toBeGreaterThan(0);
    expect(results.targets.length).toBeGreaterThanOrEqual(9);
    for (const target of results.targets) expect(typeof target.met).toBe("boolean");
    // JSON round trip: nothing in it that JSON cannot carry.
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
  });

  it("bound ≤ add-on ≤ naive in round trips and spreadsheet calls; the bound writes no more than the add-on", () => {
    for (const s of results.scenarios) {
      expect(s.addon.error, s.name).toBeUndefined();
      expect(s.bound.roundTrips, s.name).toBeLessThanOrEqual(s.addon.roundTrips);
      expect(s.addon.roundTrips, s.name).toBeLessThanOrEqual(s.naive!.roundTrips);
      expect(s.bound.spreadsheetCalls, s.name).toBeLessThanOrEqual(s.addon.spreadsheetCalls);
      expect(s.addon.spreadsheetCalls, s.name).toBeLessThanOrEqual(s.naive!.spreadsheetCalls);
      expect(s.bound.cellsRead, s.name).toBeLessThanOrEqual(s.addon.cellsRead);
      expect(s.bound.cellsWritten, s.name).not.toBeNull();
      expect(s.bound.cellsWritten!, s.name).toBeLessThanOrEqual(s.addon.cellsWritten!);
      expect(s.bound.modelledSeconds, s.name).toBeLessThanOrEqual(s.addon.modelledSeconds);
      // Every code fetched once (plus the list), by the add-on and by the naive refresh alike; the
      // add-on also asks /v1/me once, to tell accounts apart (the naive refresh knows of one account).
      expect(s.addon.fetches, s.name).toBe(s.naive!.fetches + 1);
      expect(s.bound.fetches, s.name).toBe(s.addon.fetches);
    }
  });

  it("writes about as many cells with history as without", () => {
    const [none, history] = [0, 60].map((days) => results.scenarios.filter((s) => s.historyDays === days));
    expect(history).toHaveLength(none!.length);
    none!.forEach((s, index) => {
      const withHistory = history![index]!;
      // The first run with history also builds OpenQR Monthly's earlier months (60 days: up to 3 more
      // months of 10 codes, 11 columns), once.
      const monthlyBuild = s.kind === "first" ? 3 * 10 * 11 : 0;
      expect(withHistory.addon.cellsWritten!, s.name).toBeLessThanOrEqual(
        s.addon.cellsWritten! * 1.1 + 10 + monthlyBuild,
      );
      expect(withHistory.addon.cellsWritten!, s.name).toBeGreaterThanOrEqual(
        s.addon.cellsWritten! * 0.9 - 10,
      );
    });
  });

  it("reads about as many cells with history as without, once the first run has read it all", () => {
    const [none, history] = [0, 60].map((days) => results.scenarios.filter((s) => s.historyDays === days));
    none!.forEach((s, index) => {
      const withHistory = history![index]!;
      if (s.kind === "first") {
        // The first run reads the whole archive: 60 more days of 10 codes, 4 columns.
        expect(withHistory.addon.cellsRead, s.name).toBeGreaterThanOrEqual(s.addon.cellsRead + 60 * 10 * 4);
      } else {
        expect(withHistory.addon.cellsRead, s.name).toBeLessThanOrEqual(s.addon.cellsRead * 1.2);
      }
    });
    const target = results.targets.find((t) =>
      t.target.startsWith("Hourly refresh: cells read with history"),
    );
    expect(target?.met).toBe(true);
  });

  it("fetches nothing when formulas are recalculated", () => {
    const { oneRange, separateCells } = results.formulas;
    expect(oneRange.second.fetches).toBe(0);
    expect(separateCells.second.fetches).toBe(0);
    expect(separateCells.first.executions).toBe(200);
    expect(separateCells.first.fetches).toBe(200);
    expect(results.formulas.cachedScans365.fetches).toBe(0);
  });

  it("answers a cached OPENQR_SCANS(id, 365) within 8 service calls, the key read and digested", () => {
    const { cachedScans365 } = results.formulas;
    expect(cachedScans365.serviceCalls).toBeLessThanOrEqual(8);
    expect(cachedScans365.calls).toMatchObject({ "Properties.getProperty": 1, "Utilities.computeDigest": 1 });
    expect(results.targets.find((t) => t.target.startsWith("A cached OPENQR_SCANS(id, 365)"))).toMatchObject({
      target: "A cached OPENQR_SCANS(id, 365): at most 8 service calls",
      met: true,
    });
  });

  it("prints the tables and the targets", () => {
    const markdown = renderMarkdown(results);
    expect(markdown).toContain("### Latency model");
    expect(markdown).toContain("| Scenario |");
    expect(markdown).toContain("| Target | Measured |");
    expect(markdown).toContain("10 codes × 30 d, 60 d history, hourly, new day");
  });
});

describe("the bench's worlds", () => {
  it("gives the same modelled numbers on every run (only the CPU time is real)", () => {
    const config = { codes: 10, days: 30, historyDays: 0 };
    const strip = (runs: ReturnType<typeof runAddonChain>) =>
      runs.map(({ addon: { cpuMs: _cpu, ...addon }, bound }) => ({ addon, bound }));
    expect(strip(runAddonChain(config, () => {}))).toEqual(strip(runAddonChain(config, () => {})));
  });

  it("the naive refresh ends with the same Daily rows as the add-on", () => {
    const codes = 10;
    const days = 30;
    const dailyOf = (world: ReturnType<typeof createAddonWorld>) => {
      prefillHistory(world.gas.spreadsheet, world.timed.api.codes, FIRST_RUN_AT, days, 20);
      expect(world.refresh()).toEqual({ ok: true });
      return world.gas.spreadsheet
        .sheetValues("OpenQR Daily")
        .slice(1)
        .map((row) => `${(row[0] as Date).getTime()}|${row[1]}|${row[2]}|${row[3]}`)
        .sort();
    };
    const addon = dailyOf(createAddonWorld(codes, days, FIRST_RUN_AT));
    const naive = dailyOf(createNaiveWorld(codes, days, FIRST_RUN_AT));
    expect(addon).toHaveLength(codes * (days + 20));
    expect(naive).toEqual(addon);
  });
});
