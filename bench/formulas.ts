/**
 * The custom functions under the latency model: 200 ids in one OPENQR_TOTAL range versus
 * 200 separate OPENQR_TOTAL cells, each recalculated twice, and the service calls of one
 * OPENQR_SCANS(id, 365) answered from the cache. Run as an editor (not the owner), with the
 * owner's key saved, as Sheets runs formulas.
 */
import { type AppsScript, createAppsScript } from "../harness/emulator/index.ts";
import { FETCH_BATCH_SIZE } from "../src/openqr/client.ts";
import { modelledSeconds, serviceCallsOf, spreadsheetCallsOf, sumOf } from "./model.ts";
import { createTimedApi } from "./timed-api.ts";
import { EDITOR, KEY, OWNER, TIME_ZONE } from "./worlds.ts";

const START = Date.parse("2026-11-25T12:00:00Z");
const IDS = 200;

export interface FormulaPass {
  /** Custom-function executions (one per formula cell evaluated). */
  executions: number;
  roundTrips: number;
  /** UrlFetch calls (quota used). */
  fetches: number;
  /** Apps Script service calls of any kind (HTTPResponse getters excluded). */
  serviceCalls: number;
  spreadsheetCalls: number;
  /** The executions' time under the model, summed (Sheets may run some cells concurrently). */
  modelledSeconds: number;
  /** Cells whose result was an error, and the first error's text. */
  errors: number;
  firstError?: string;
}

export interface FormulaResults {
  ids: number;
  /** =OPENQR_TOTAL(A2:A201): the first calculation, then a recalculation. */
  oneRange: { first: FormulaPass; second: FormulaPass; bound: { executions: number; roundTrips: number } };
  /** =OPENQR_TOTAL(A2), …, =OPENQR_TOTAL(A201): 200 cells. */
  separateCells: { first: FormulaPass; second: FormulaPass };
  /** =OPENQR_SCANS(id, 365) once the cache holds its data: every service call of that run. */
  cachedScans365: { serviceCalls: number; fetches: number; calls: Record<string, number> };
}

function formulaWorld(): { gas: AppsScript; ids: string[] } {
  let now = () => START;
  const timed = createTimedApi(IDS, () => now());
  const gas = createAppsScript({
    now: START,
    spreadsheet: { timeZone: TIME_ZONE, owner: OWNER },
    routes: [timed.route],
  });
  now = () => gas.clock.now();
  gas.run("saveApiKey", [KEY], { user: OWNER, authMode: "FULL" });
  return { gas, ids: timed.api.codes.map((code) => code.id) };
}

/** Runs the cells (each a list of arguments) once, as one recalculation. */
function pass(gas: AppsScript, name: string, cells: unknown[][]): FormulaPass {
  gas.resetCalls();
  const start = gas.clock.now();
  let errors = 0;
  let firstError: string | undefined;
  for (const args of cells) {
    const result = gas.runCustomFunction(name, args, { user: EDITOR });
    if (!result.ok) {
      errors++;
      firstError ??= result.error;
    }
  }
  const calls = { ...gas.calls };
  const fetchMs = gas.clock.now() - start;
  const spreadsheetCalls = spreadsheetCallsOf(calls);
  return {
    executions: cells.length,
    roundTrips: (calls["UrlFetchApp.fetch"] ?? 0) + (calls["UrlFetchApp.fetchAll"] ?? 0),
    fetches: calls["UrlFetchApp.requests"] ?? 0,
    serviceCalls: sumOf(serviceCallsOf(calls)),
    spreadsheetCalls,
    modelledSeconds: modelledSeconds({
      fetchMs,
      spreadsheetCalls,
      cellsRead: calls["cells read"] ?? 0,
      cellsWritten: 0,
    }),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

export function runFormulas(): FormulaResults {
  const range = formulaWorld();
  const column = range.ids.map((id) => [id]);
  const oneRange = {
    first: pass(range.gas, "OPENQR_TOTAL", [[column]]),
    second: pass(range.gas, "OPENQR_TOTAL", [[column]]),
    bound: { executions: 1, roundTrips: Math.ceil(IDS / FETCH_BATCH_SIZE) },
  };

  const separate = formulaWorld();
  const cells = separate.ids.map((id) => [id]);
  const separateCells = {
    first: pass(separate.gas, "OPENQR_TOTAL", cells),
    second: pass(separate.gas, "OPENQR_TOTAL", cells),
  };

  const scans = formulaWorld();
  const id = scans.ids[0]!;
  scans.gas.runCustomFunction("OPENQR_SCANS", [id, 365], { user: EDITOR });
  scans.gas.resetCalls();
  const cached = scans.gas.runCustomFunction("OPENQR_SCANS", [id, 365], { user: EDITOR });
  if (!cached.ok) throw new Error(`OPENQR_SCANS failed: ${cached.error}`);
  const calls = serviceCallsOf(scans.gas.calls);
  return {
    ids: IDS,
    oneRange,
    separateCells,
    cachedScans365: {
      serviceCalls: sumOf(calls),
      fetches: scans.gas.calls["UrlFetchApp.requests"] ?? 0,
      calls,
    },
  };
}
