/**
 * The bench's worlds: the add-on's bundle (dist/) or the naive refresh, each in its own
 * Apps Script emulator wired to the timed fake API; the Daily sheet's pre-filled history;
 * and snapshots of the sheets to count the cells a run changed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AppsScript, type CellValue, createAppsScript } from "../harness/emulator/index.ts";
import type { SheetModel, SpreadsheetModel } from "../harness/emulator/spreadsheet-model.ts";
import { instantOf } from "../harness/emulator/time-zones.ts";
import { countOnDay } from "../harness/fake-openqr/data.ts";
import { DEFAULT_SEED, FAKE_OPENQR_KEY, type FakeCode } from "../harness/fake-openqr/index.ts";
import { compareText } from "../src/report/daily-archive.ts";
import { createTimedApi, type TimedApi } from "./timed-api.ts";

export const OWNER = "owner@example.com";
export const EDITOR = "editor@example.com";
export const KEY = FAKE_OPENQR_KEY;
export const TIME_ZONE = "America/Los_Angeles";
/** The add-on's tag on its sheets (src/sheets/report-sheets.ts) and the Daily sheet's width. */
export const REPORT_SHEET_KEY = "openqr.reportSheet";
const DAILY_SHEET_NAME = "OpenQR Daily";
const DAILY_SHEET_COLUMNS = 6;
const DAY_MS = 86_400_000;
/** Setup (saving the key and settings) happens this long before the first measured run. */
const SETUP_LEAD_MS = 10 * 60_000;
/** Node's real-time watchdog, far above any run: the bench measures, it does not police. */
const REAL_TIME_LIMIT_MS = 900_000;

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const NAIVE_SOURCE = path.join(BENCH_DIR, "naive-refresh.js");

export interface BenchWorld {
  gas: AppsScript;
  timed: TimedApi;
  /** One refresh, as this world's user would start it. */
  refresh(): { ok: boolean; error?: string };
  /** Moves the virtual clock forward to `at` (epoch ms). */
  advanceTo(at: number): void;
}

function emulatorFor(codes: number, start: number, project: { naive: boolean }) {
  let now = () => start;
  const timed = createTimedApi(codes, () => now());
  const naiveOptions = project.naive
    ? {
        sources: [{ name: "naive-refresh.js", code: readFileSync(NAIVE_SOURCE, "utf8") }],
        manifest: { timeZone: "Etc/UTC", runtimeVersion: "V8", urlFetchWhitelist: ["https://openqr.uk/"] },
      }
    : {};
  const gas = createAppsScript({
    ...naiveOptions,
    now: start - SETUP_LEAD_MS,
    spreadsheet: { timeZone: TIME_ZONE, owner: OWNER },
    routes: [timed.route],
    realTimeLimitMs: REAL_TIME_LIMIT_MS,
  });
  now = () => gas.clock.now();
  const advanceTo = (at: number) => {
    if (at < gas.clock.now()) throw new Error("the bench's clock cannot go back");
    gas.clock.advance(at - gas.clock.now());
  };
  return { gas, timed, advanceTo };
}

/** The add-on with the owner's key saved, all codes over `days`, an hourly schedule; its clock at `start`. */
export function createAddonWorld(codes: number, days: number, start: number): BenchWorld {
  const { gas, timed, advanceTo } = emulatorFor(codes, start, { naive: false });
  const full = { user: OWNER, authMode: "FULL" as const };
  gas.run("saveApiKey", [KEY], full);
  gas.run(
    "saveSettings",
    [{ days, schedule: "hourly", hour: 7, codes: "all", formulasUseMyKey: false }],
    full,
  );
  advanceTo(start);
  return {
    gas,
    timed,
    advanceTo,
    refresh() {
      const trigger = gas.triggers.find((t) => t.owner === OWNER && t.handler === "refreshReports");
      if (!trigger) throw new Error("the owner has no refreshReports trigger");
      gas.fireTrigger(trigger.uid);
      const lastRun = JSON.parse(gas.properties.document.get("openqr.lastRun") ?? "null") as {
        ok: boolean;
        message: string;
        refreshed: number;
        failed: number;
        skippedForTime: number;
      } | null;
      if (!lastRun) return { ok: false, error: "no run report" };
      if (!lastRun.ok) return { ok: false, error: lastRun.message };
      if (lastRun.refreshed !== codes) return { ok: false, error: lastRun.message };
      return { ok: true };
    },
  };
}

/** bench/naive-refresh.js in its own emulator, with the same key and days. */
export function createNaiveWorld(codes: number, days: number, start: number): BenchWorld {
  const { gas, timed, advanceTo } = emulatorFor(codes, start, { naive: true });
  gas.properties.user(OWNER).set("OPENQR_KEY", KEY);
  gas.properties.document.set("OPENQR_DAYS", String(days));
  advanceTo(start);
  return {
    gas,
    timed,
    advanceTo,
    refresh() {
      try {
        gas.run("refreshNaive", [], { user: OWNER, authMode: "FULL" });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}

/**
 * Two years (or `historyDays`) of Daily rows for every code, ending the day before the
 * window that starts `days` days before the API's today, written straight into the
 * sheet model as the add-on would have left them: tagged, Day cells as Dates at midnight
 * in the spreadsheet's zone, sorted by day then slug.
 */
export function prefillHistory(
  model: SpreadsheetModel,
  codes: readonly FakeCode[],
  today: number,
  days: number,
  historyDays: number,
): SheetModel {
  const sheet = model.addSheetWithMetadata(DAILY_SHEET_NAME, [
    { key: REPORT_SHEET_KEY, value: "daily", visibility: "DOCUMENT" },
  ]);
  const todayNumber = Math.floor(today / DAY_MS);
  const lastNumber = todayNumber - days;
  const firstNumber = lastNumber - historyDays + 1;
  const sorted = [...codes].sort((a, b) => compareText(a.slug, b.slug) || compareText(a.id, b.id));
  const rows = sorted.length * historyDays;
  sheet.maxColumns = DAILY_SHEET_COLUMNS;
  sheet.maxRows = Math.max(1000, rows + 1);
  sheet.frozenRows = 1;
  ["Day", "Code ID", "Slug", "Scans"].forEach((title, index) => {
    sheet.write(1, index + 1, { value: title, style: { fontWeight: "bold" } });
  });
  let row = 2;
  for (let day = firstNumber; day <= lastNumber; day++) {
    const utc = new Date(day * DAY_MS);
    const midnight = new Date(
      instantOf(model.timeZone, utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()),
    );
    for (const code of sorted) {
      sheet.write(row, 1, { value: midnight, format: "yyyy-mm-dd" });
      sheet.write(row, 2, { value: code.id });
      sheet.write(row, 3, { value: code.slug });
      sheet.write(row, 4, { value: countOnDay(DEFAULT_SEED, code, day) });
      row++;
    }
  }
  return sheet;
}

export type Snapshot = Map<SheetModel, CellValue[][]>;

/** Every sheet's used area (values only). */
export function snapshot(model: SpreadsheetModel): Snapshot {
  return new Map(model.sheets.map((sheet) => [sheet, sheet.used((cell) => cell.value)]));
}

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? "") === (b ?? "");
}

/** Cells whose value is new or changed between two snapshots (a sheet missing from one counts as empty). */
export function changedCells(before: Snapshot, after: Snapshot): number {
  let changed = 0;
  for (const sheet of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(sheet) ?? [];
    const b = after.get(sheet) ?? [];
    const rows = Math.max(a.length, b.length);
    for (let r = 0; r < rows; r++) {
      const rowA = a[r] ?? [];
      const rowB = b[r] ?? [];
      const columns = Math.max(rowA.length, rowB.length);
      for (let c = 0; c < columns; c++) if (!sameValue(rowA[c], rowB[c])) changed++;
    }
  }
  return changed;
}

export type ReportKind = "daily" | "breakdown" | "summary";

export interface ReportSheetState {
  kind: ReportKind;
  sheet: SheetModel;
  /** Cells of the used area (what one getDataRange().getValues() returns). */
  cells: number;
  lastRow: number;
  maxRows: number;
  charts: number;
}

/** The add-on's report sheets, found by their tag, as they are now. */
export function reportSheets(model: SpreadsheetModel): Map<ReportKind, ReportSheetState> {
  const found = new Map<ReportKind, ReportSheetState>();
  for (const record of model.developerMetadata) {
    if (record.key !== REPORT_SHEET_KEY || record.sheet === null) continue;
    const kind = record.value as ReportKind;
    const sheet = record.sheet;
    const lastRow = sheet.lastRow();
    found.set(kind, {
      kind,
      sheet,
      cells: lastRow * sheet.lastColumn(),
      lastRow,
      maxRows: sheet.maxRows,
      charts: sheet.charts.length,
    });
  }
  return found;
}

/**
 * Cells of OpenQR Daily a run must read: its header and the rows of days from `fromDay` (a UTC
 * day number) on, over the used width. A Day cell is midnight in the sheet's zone, within 14
 * hours of its UTC day's midnight.
 */
export function dailyCellsNeeded(daily: ReportSheetState, fromDay: number): number {
  const columns = daily.sheet.lastColumn();
  let rows = 1;
  for (let row = 2; row <= daily.lastRow; row++) {
    const value = daily.sheet.cell(row, 1).value;
    if (value instanceof Date && Math.round(value.getTime() / DAY_MS) >= fromDay) rows++;
  }
  return rows * columns;
}
