/**
 * The refresh scenarios: for each fleet size, window and history, a chain of runs one
 * hour apart (the first refresh, the next hour's, and the one after it, which crosses
 * midnight UTC and so adds a day), each measured three ways: the add-on's bundle, the
 * naive refresh (bench/naive-refresh.js) and the computed lower bound.
 */
import { CODE_PAGE_SIZE, FETCH_BATCH_SIZE, scansPath } from "../src/openqr/client.ts";
import { modelledSeconds, spreadsheetCallsOf } from "./model.ts";
import type { TimedApi } from "./timed-api.ts";
import {
  type BenchWorld,
  changedCells,
  createAddonWorld,
  createNaiveWorld,
  dailyCellsNeeded,
  KEY,
  prefillHistory,
  type ReportKind,
  type ReportSheetState,
  reportSheets,
  snapshot,
} from "./worlds.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The trend's baseline: the 28 complete days before yesterday (src/report/trends.ts). */
const BASELINE_DAYS = 28;

/**
 * The first UTC day (as a day number) a run at `at` needs of OpenQR Daily: its window's first
 * day, or the start of the trend's baseline before yesterday, whichever is earlier.
 */
export function firstDayNeeded(at: number, days: number): number {
  const today = Math.floor(at / DAY_MS);
  return Math.min(today - days + 1, today - 1 - BASELINE_DAYS);
}
/** The list endpoint's default page size, which the naive refresh relies on. */
const NAIVE_LIST_PAGE = 200;
/** The first refresh of every scenario: 22:30 UTC, so the third run (00:30) is on a new UTC day. */
export const FIRST_RUN_AT = Date.parse("2026-11-25T22:30:00Z");

export type RunKind = "first" | "hourly";

/** The runs of a chain, one hour apart. */
export const CHAIN: ReadonlyArray<{ kind: RunKind; label: string; newDay: boolean }> = [
  { kind: "first", label: "first", newDay: false },
  { kind: "hourly", label: "hourly", newDay: false },
  { kind: "hourly", label: "hourly, new day", newDay: true },
];

export interface Metrics {
  roundTrips: number;
  fetches: number;
  spreadsheetCalls: number;
  cellsRead: number;
  /** null when it cannot be known (the bound of a run the add-on failed). */
  cellsWritten: number | null;
  modelledSeconds: number;
  /** UrlFetch time on the virtual clock (included in modelledSeconds). */
  fetchSeconds: number;
}

export interface AddonMetrics extends Metrics {
  /** Real CPU time (user + system) of the run in Node: the bundle plus the emulator around it. */
  cpuMs: number;
  /** The add-on's own report of a failed run. */
  error?: string;
  /** The spreadsheet calls by method, largest first. */
  spreadsheetCallsByMethod: Record<string, number>;
}

export interface NaiveMetrics extends Metrics {
  /** How the row was obtained: a real run, or fitted from real runs with fewer codes. */
  source: "run" | "extrapolated";
  extrapolatedFrom?: number[];
  error?: string;
}

export interface BoundMetrics extends Metrics {
  note?: string;
}

export interface ScenarioResult {
  name: string;
  codes: number;
  days: number;
  historyDays: number;
  kind: RunKind;
  /** true for the hourly run that crosses midnight UTC (a new day in every code's window). */
  newDay: boolean;
  /** The run's start (virtual time). */
  at: string;
  addon: AddonMetrics;
  /** null when the naive refresh was neither run nor extrapolated (too big, and no smaller runs to fit). */
  naive: NaiveMetrics | null;
  bound: BoundMetrics;
}

export interface ScenarioConfig {
  codes: number;
  days: number;
  historyDays: number;
}

export function scenarioName(config: ScenarioConfig, label: string): string {
  const { historyDays } = config;
  const history =
    historyDays === 0
      ? "no history"
      : historyDays % 365 === 0
        ? `${historyDays / 365} y history`
        : `${historyDays} d history`;
  return `${config.codes} codes × ${config.days} d, ${history}, ${label}`;
}

interface RawRun {
  calls: Record<string, number>;
  fetchMs: number;
  cpuMs: number;
  wallMs: number;
  ok: boolean;
  error?: string;
}

/** One measured run: counters reset before, read after; CPU time around it. */
function measure(world: BenchWorld): RawRun {
  const { gas } = world;
  gas.resetCalls();
  const startClock = gas.clock.now();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const outcome = world.refresh();
  const used = process.cpuUsage(cpu);
  return {
    calls: { ...gas.calls },
    fetchMs: gas.clock.now() - startClock,
    cpuMs: Math.round((used.user + used.system) / 1000),
    wallMs: Math.round(performance.now() - wall),
    ok: outcome.ok,
    error: outcome.error,
  };
}

function metricsOf(raw: RawRun): Metrics {
  const roundTrips = (raw.calls["UrlFetchApp.fetch"] ?? 0) + (raw.calls["UrlFetchApp.fetchAll"] ?? 0);
  const spreadsheetCalls = spreadsheetCallsOf(raw.calls);
  const cellsRead = raw.calls["cells read"] ?? 0;
  const cellsWritten = raw.calls["cells written"] ?? 0;
  return {
    roundTrips,
    fetches: raw.calls["UrlFetchApp.requests"] ?? 0,
    spreadsheetCalls,
    cellsRead,
    cellsWritten,
    fetchSeconds: raw.fetchMs / 1000,
    modelledSeconds: modelledSeconds({ fetchMs: raw.fetchMs, spreadsheetCalls, cellsRead, cellsWritten }),
  };
}

function byMethod(calls: Record<string, number>): Record<string, number> {
  const entries = Object.entries(calls).filter(([name]) => spreadsheetCallsOf({ [name]: 1 }) === 1);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries);
}

/** The list pages the add-on's page size needs (each one round trip, in sequence: cursors chain them). */
function listPaths(timed: TimedApi): string[] {
  const paths: string[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/v1/dynamic?limit=${CODE_PAGE_SIZE}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
    paths.push(path);
    const reply = timed.get(path, KEY);
    cursor = (JSON.parse(reply.body ?? "{}") as { next_cursor?: string | null }).next_cursor ?? null;
  } while (cursor);
  return paths;
}

/**
 * The lower bound's fetching: the list pages, then every code's scans in ceil(codes / batch)
 * fetchAll round trips, grouped largest replies together so the sum of each batch's slowest
 * reply is as small as it can be, with /v1/me (which account the key is) in the first batch.
 * Also warms the reply memo before a measured run.
 */
function boundFetching(
  timed: TimedApi,
  days: number,
): { roundTrips: number; fetches: number; fetchMs: number } {
  const pages = listPaths(timed);
  const delay = (path: string) => timed.get(path, KEY).delayMs ?? 0;
  let fetchMs = pages.reduce((sum, path) => sum + delay(path), 0);
  const scanDelays = timed.api.codes.map((code) => delay(scansPath(code.id, days))).sort((a, b) => b - a);
  const meDelay = delay("/v1/me");
  let batches = 0;
  for (let from = 0; from < scanDelays.length; from += FETCH_BATCH_SIZE) {
    fetchMs += from === 0 ? Math.max(scanDelays[0]!, meDelay) : scanDelays[from]!;
    batches++;
  }
  return { roundTrips: pages.length + batches, fetches: pages.length + scanDelays.length + 1, fetchMs };
}

/** Rows a new sheet has (insertSheet): a write past them must grow the sheet first. */
const NEW_SHEET_ROWS = 1000;
/** newChart, asLineChart, addRange (and the getRange it needs), build, insertChart. */
const CHART_CREATION_CALLS = 6;
const REPORT_KINDS: readonly ReportKind[] = ["daily", "breakdown", "summary"];

/**
 * The lower bound's sheet work. getActiveSpreadsheet; per report sheet: one call to find it,
 * or two to create and tag it (insertSheet, addDeveloperMetadata); a read (getDataRange,
 * getValues) when it existed; a write (getRange, setValues) when any of its cells change,
 * plus one insertRowsAfter when the rows written pass the sheet's size; and the Summary's
 * chart when there is none yet. Cells read: the used areas of the Summary and the Breakdown,
 * and of OpenQR Daily its header and the rows of the days the run needs (`dailyCellsNeeded`).
 */
function boundSheets(
  before: ReadonlyMap<ReportKind, ReportSheetState>,
  after: ReadonlyMap<ReportKind, ReportSheetState>,
  changed: (kind: ReportKind) => boolean,
  dailyCellsNeeded: (daily: ReportSheetState) => number,
): { spreadsheetCalls: number; cellsRead: number } {
  let calls = 1;
  let cellsRead = 0;
  for (const kind of REPORT_KINDS) {
    const was = before.get(kind);
    const is = after.get(kind);
    calls += was ? 3 : 2;
    cellsRead += was === undefined ? 0 : kind === "daily" ? dailyCellsNeeded(was) : was.cells;
    if (changed(kind)) calls += 2;
    if ((is?.lastRow ?? 0) > (was?.maxRows ?? NEW_SHEET_ROWS)) calls += 1;
  }
  if (!before.get("summary")?.charts) calls += CHART_CREATION_CALLS;
  return { spreadsheetCalls: calls, cellsRead };
}

export interface AddonChainRun {
  addon: AddonMetrics;
  bound: BoundMetrics;
  at: number;
}

/** The add-on's chain of runs, with the bound of each computed from its own sheets. */
export function runAddonChain(config: ScenarioConfig, log: (line: string) => void): AddonChainRun[] {
  const world = createAddonWorld(config.codes, config.days, FIRST_RUN_AT);
  if (config.historyDays > 0) {
    prefillHistory(
      world.gas.spreadsheet,
      world.timed.api.codes,
      FIRST_RUN_AT,
      config.days,
      config.historyDays,
    );
  }
  const runs: AddonChainRun[] = [];
  CHAIN.forEach((step, index) => {
    const at = FIRST_RUN_AT + index * HOUR_MS;
    world.advanceTo(at);
    const fetching = boundFetching(world.timed, config.days);
    const reportBefore = reportSheets(world.gas.spreadsheet);
    const before = snapshot(world.gas.spreadsheet);
    const raw = measure(world);
    const after = snapshot(world.gas.spreadsheet);
    const reportAfter = reportSheets(world.gas.spreadsheet);
    const metrics = metricsOf(raw);
    const addon: AddonMetrics = {
      ...metrics,
      cpuMs: raw.cpuMs,
      spreadsheetCallsByMethod: byMethod(raw.calls),
      ...(raw.ok ? {} : { error: raw.error ?? "failed" }),
    };
    const sheets = boundSheets(
      reportBefore,
      reportAfter,
      (kind) => {
        const sheet = reportAfter.get(kind)?.sheet;
        if (!raw.ok || !sheet) return true;
        return (
          changedCells(new Map([[sheet, before.get(sheet) ?? []]]), new Map([[sheet, after.get(sheet)!]])) > 0
        );
      },
      (daily) => dailyCellsNeeded(daily, firstDayNeeded(at, config.days)),
    );
    const cellsWritten = raw.ok ? changedCells(before, after) : null;
    const bound: BoundMetrics = {
      roundTrips: fetching.roundTrips,
      fetches: fetching.fetches,
      spreadsheetCalls: sheets.spreadsheetCalls,
      cellsRead: sheets.cellsRead,
      cellsWritten,
      fetchSeconds: fetching.fetchMs / 1000,
      modelledSeconds: modelledSeconds({
        fetchMs: fetching.fetchMs,
        spreadsheetCalls: sheets.spreadsheetCalls,
        cellsRead: sheets.cellsRead,
        cellsWritten: cellsWritten ?? 0,
      }),
      ...(raw.ok
        ? {}
        : { note: "cells written unknown (the add-on's run failed); modelled seconds leave them out" }),
    };
    runs.push({ addon, bound, at });
    log(
      `  add-on ${scenarioName(config, step.label)}: ${raw.wallMs} ms real, ${addon.modelledSeconds} s modelled` +
        (raw.ok ? "" : ` — FAILED: ${raw.error}`),
    );
  });
  return runs;
}

/** The naive refresh's chain of runs (same times, same history). */
export function runNaiveChain(config: ScenarioConfig, log: (line: string) => void): NaiveMetrics[] {
  const world = createNaiveWorld(config.codes, config.days, FIRST_RUN_AT);
  if (config.historyDays > 0) {
    prefillHistory(
      world.gas.spreadsheet,
      world.timed.api.codes,
      FIRST_RUN_AT,
      config.days,
      config.historyDays,
    );
  }
  return CHAIN.map((step, index) => {
    world.advanceTo(FIRST_RUN_AT + index * HOUR_MS);
    boundFetching(world.timed, config.days); // warms the reply memo, as for the add-on
    const raw = measure(world);
    log(
      `  naive  ${scenarioName(config, step.label)}: ${raw.wallMs} ms real${raw.ok ? "" : ` — FAILED: ${raw.error}`}`,
    );
    return { ...metricsOf(raw), source: "run" as const, ...(raw.ok ? {} : { error: raw.error }) };
  });
}

/**
 * A naive run too slow to run for real, fitted as a + b × codes through two real runs with
 * fewer codes (every per-code count of the naive refresh is linear in codes: one fetch,
 * `days` + history Daily rows, its Breakdown rows and one Summary row each).
 */
export function extrapolateNaive(
  small: { codes: number; metrics: NaiveMetrics },
  large: { codes: number; metrics: NaiveMetrics },
  codes: number,
): NaiveMetrics {
  const linearAt = (a: number, b: number) => {
    const slope = (b - a) / (large.codes - small.codes);
    return Math.round(a + slope * (codes - small.codes));
  };
  // The naive refresh lists the codes in pages of the API's default 200: not linear, so counted exactly.
  const pages = (n: number) => Math.max(1, Math.ceil(n / NAIVE_LIST_PAGE));
  const fitFetches = (a: number, b: number) =>
    linearAt(a - pages(small.codes), b - pages(large.codes)) + pages(codes);
  const m1 = small.metrics;
  const m2 = large.metrics;
  const pageMs = (m2.fetchSeconds * 1000) / m2.roundTrips;
  const fetchSeconds =
    Math.round(
      linearAt(
        m1.fetchSeconds * 1000 - pages(small.codes) * pageMs,
        m2.fetchSeconds * 1000 - pages(large.codes) * pageMs,
      ) +
        pages(codes) * pageMs,
    ) / 1000;
  const metrics = {
    roundTrips: fitFetches(m1.roundTrips, m2.roundTrips),
    fetches: fitFetches(m1.fetches, m2.fetches),
    spreadsheetCalls: linearAt(m1.spreadsheetCalls, m2.spreadsheetCalls),
    cellsRead: linearAt(m1.cellsRead, m2.cellsRead),
    cellsWritten: linearAt(m1.cellsWritten ?? 0, m2.cellsWritten ?? 0),
    fetchSeconds,
  };
  return {
    ...metrics,
    modelledSeconds: modelledSeconds({ ...metrics, fetchMs: fetchSeconds * 1000 }),
    source: "extrapolated",
    extrapolatedFrom: [small.codes, large.codes],
  };
}

/** What one configuration's chains give: the add-on's runs and, when run for real, the naive's. */
export interface ConfigResult {
  config: ScenarioConfig;
  addonRuns: AddonChainRun[];
  /** null when the naive refresh is too big to run and is extrapolated later. */
  naive: NaiveMetrics[] | null;
}

/** Daily rows of a naive run: what its cost grows with. */
export function naiveRows(config: ScenarioConfig): number {
  return config.codes * (config.days + config.historyDays);
}

export function runConfig(
  config: ScenarioConfig,
  naiveMaxRows: number,
  log: (line: string) => void,
): ConfigResult {
  const addonRuns = runAddonChain(config, log);
  const naive = naiveRows(config) <= naiveMaxRows ? runNaiveChain(config, log) : null;
  return { config, addonRuns, naive };
}
