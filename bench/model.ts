/**
 * The latency model: how many seconds a run would take in Apps Script, computed from what
 * the emulator counted (never from real time), so results are deterministic and the same
 * on every machine.
 */

export interface LatencyModel {
  /** One UrlFetch round trip: a fetch, or a whole fetchAll batch (its slowest member). */
  roundTripMs: number;
  /** Added per KB of the largest response in the round trip. */
  perKbMs: number;
  /** Each call on SpreadsheetApp, Spreadsheet, Sheet, Range, developer metadata, charts. */
  spreadsheetCallMs: number;
  /** Each cell a read returns (getValues, getFormulas, …). */
  cellReadMs: number;
  /** Each cell a write sets (setValues, appendRow). */
  cellWrittenMs: number;
}

export const MODEL: LatencyModel = {
  roundTripMs: 250,
  perKbMs: 1,
  spreadsheetCallMs: 50,
  cellReadMs: 0.005,
  cellWrittenMs: 0.01,
};

/** Where each figure comes from; printed with the results and in the README. */
export const MODEL_SOURCES: Array<{ figure: string; source: string }> = [
  {
    figure: `UrlFetch: ${MODEL.roundTripMs} ms per round trip + ${MODEL.perKbMs} ms per KB of the largest response`,
    source:
      "Assumption: Google publishes no UrlFetch latency. Reported measurements are higher: three sequential fetches " +
      "of a Google Books API query took 1.77 s (about 0.6 s each), the same three in one fetchAll 0.93 s " +
      "(pre-practice.net, 2020), so 250 ms is on the low side, which if anything flatters the naive refresh's " +
      "per-code fetches. 1 ms/KB is about 1 MB/s of effective throughput (assumed). fetchAll runs its requests " +
      "concurrently (Apps Script reference; tanaikech's fetchAll benchmark, 2018), so a batch is one round trip " +
      "at its slowest member's cost. Retries and Utilities.sleep count as they pass on the emulator's virtual clock.",
  },
  {
    figure: `Spreadsheet service: ${MODEL.spreadsheetCallMs} ms per call`,
    source:
      "Assumption, within the range measured for single Apps Script service calls (averages of 30-34 ms for a " +
      "Properties get, 62-64 ms for a set, 92-93 ms for a Cache put: ziritione.org/post/apps_script_performance, " +
      "100 samples each). Google's best-practices page " +
      "(developers.google.com/apps-script/guides/support/best-practices, 'Use batch operations') shows the scale: " +
      "10,000 cells set one call at a time took 70 s, one batched call 1 s. Every counted call on SpreadsheetApp, " +
      "Spreadsheet, Sheet, Range, DeveloperMetadata*, EmbeddedChart*/chart builders is charged alike.",
  },
  {
    figure: `Cells: ${MODEL.cellReadMs} ms per cell read, ${MODEL.cellWrittenMs} ms per cell written`,
    source:
      "Writes: a single setValues of 4,000 cells measured under 50 ms (about 0.0125 ms a cell; the Stack Overflow " +
      "experiment 'What is faster: ScriptDb or SpreadsheetApp?', 2013), consistent with the 1 s batched write of " +
      "10,000 cells above. Reads at half that: an assumption. Cells are the emulator's 'cells read' and 'cells " +
      "written' counters (range reads and writes, appendRow).",
  },
  {
    figure: "Not modelled",
    source:
      "Properties, Cache, Lock, Utilities and ScriptApp calls (a handful per run; counted, listed for formulas), " +
      "script CPU time (reported separately as Node CPU ms), trigger start-up.",
  },
];

/** The virtual delay of one reply of `bytes` (set on every OpenQR reply by the bench's route). */
export function replyDelayMs(bytes: number): number {
  return MODEL.roundTripMs + (MODEL.perKbMs * bytes) / 1024;
}

const SPREADSHEET_CLASS =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DeveloperMetadata\w*|Embedded\w*|ChartOptions|ContainerInfo)\./;
/** Counter keys that are not calls. */
const SYNTHETIC = new Set(["cells read", "cells written", "UrlFetchApp.requests"]);

export function isSpreadsheetCall(name: string): boolean {
  return SPREADSHEET_CLASS.test(name);
}

export function spreadsheetCallsOf(calls: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const [name, count] of Object.entries(calls)) if (isSpreadsheetCall(name)) sum += count;
  return sum;
}

/**
 * Calls on Apps Script services: every counted method call except the synthetic counters
 * and the HTTPResponse getters (reading a response already received is not a service trip).
 */
export function serviceCallsOf(calls: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, count] of Object.entries(calls)) {
    if (SYNTHETIC.has(name) || name.startsWith("HTTPResponse.")) continue;
    out[name] = count;
  }
  return out;
}

export function sumOf(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

export interface Cost {
  /** Virtual milliseconds spent in UrlFetch (and sleeps) during the run. */
  fetchMs: number;
  spreadsheetCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

export function modelledSeconds(cost: Cost): number {
  const ms =
    cost.fetchMs +
    cost.spreadsheetCalls * MODEL.spreadsheetCallMs +
    cost.cellsRead * MODEL.cellReadMs +
    cost.cellsWritten * MODEL.cellWrittenMs;
  return Math.round(ms) / 1000;
}

/** The model as one paragraph plus its sources, for the console and the README. */
export function describeModel(): string {
  const lines = [
    "modelled seconds = UrlFetch time on the emulator's virtual clock (each reply delayed " +
      `${MODEL.roundTripMs} ms + ${MODEL.perKbMs} ms/KB; a fetchAll batch waits for its slowest reply) ` +
      `+ ${MODEL.spreadsheetCallMs} ms × spreadsheet calls + ${MODEL.cellReadMs} ms × cells read + ` +
      `${MODEL.cellWrittenMs} ms × cells written.`,
    "",
    ...MODEL_SOURCES.map((s) => `- **${s.figure}.** ${s.source}`),
  ];
  return lines.join("\n");
}
