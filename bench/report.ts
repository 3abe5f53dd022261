/** The targets of issue 13, judged on the results, and the markdown the bench prints. */
import type { BundleResults } from "./bundle.ts";
import type { FormulaResults } from "./formulas.ts";
import { describeModel, type LatencyModel, type MODEL_SOURCES } from "./model.ts";
import type { Metrics, ScenarioResult } from "./scenarios.ts";

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  model: LatencyModel & { formula: string; sources: typeof MODEL_SOURCES };
  scenarios: ScenarioResult[];
  formulas: FormulaResults;
  bundle: BundleResults;
  targets: Target[];
  notes: string[];
  run: {
    quick: boolean;
    wallSeconds: number;
    node: string;
    cpus: number;
    /** The bench's peak resident memory: this process and the largest children that ran at once. */
    peakMemoryMB?: number;
  };
}

const BUNDLE_LIMIT_BYTES = 60 * 1024;
const ON_OPEN_LIMIT_MS = 20;
/** The key is read and digested on every formula call, so a change applies at once. */
const CACHED_SCANS_CALL_LIMIT = 8;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Number.POSITIVE_INFINITY) : a / b);
const times = (r: number) => (Number.isFinite(r) ? `${fmt(r, r < 10 ? 2 : 0)}×` : "∞");

function find(
  scenarios: readonly ScenarioResult[],
  codes: number,
  days: number,
  historyDays: number,
  label: "first" | "hourly" | "new day",
): ScenarioResult | undefined {
  return scenarios.find(
    (s) =>
      s.codes === codes &&
      s.days === days &&
      s.historyDays === historyDays &&
      (label === "first" ? s.kind === "first" : s.kind === "hourly" && s.newDay === (label === "new day")),
  );
}

function failed(s: ScenarioResult): string | undefined {
  return s.addon.error === undefined ? undefined : `the add-on's run failed: ${s.addon.error}`;
}

/** The worst add-on/bound ratio of cells written over a kind of run. */
function hourlyWrites(scenarios: readonly ScenarioResult[], newDay: boolean, label: string): Target {
  const runs = scenarios.filter((s) => s.kind === "hourly" && s.newDay === newDay);
  const judged = runs.map((s) => ({
    s,
    r: s.bound.cellsWritten === null ? Number.NaN : ratio(s.addon.cellsWritten ?? 0, s.bound.cellsWritten),
  }));
  const broken = judged.filter((j) => Number.isNaN(j.r));
  const valid = judged.filter((j) => !Number.isNaN(j.r)).sort((a, b) => b.r - a.r);
  const worst = valid[0];
  const met = broken.length === 0 && valid.every((j) => j.r <= 1.5);
  const parts: string[] = [];
  if (worst) {
    parts.push(
      `worst ${times(worst.r)} (${worst.s.name}: ${fmt(worst.s.addon.cellsWritten ?? 0)} vs ${fmt(worst.s.bound.cellsWritten ?? 0)})`,
      `${valid.filter((j) => j.r <= 1.5).length} of ${runs.length} within 1.5×`,
    );
  }
  if (broken.length > 0) parts.push(`${broken.length} failed (${broken.map((j) => j.s.name).join("; ")})`);
  return { target: label, measured: parts.join("; "), met };
}

/**
 * Hourly runs with history against the same runs without: cells written at most 1.1×. (A first
 * run with history also builds OpenQR Monthly from the whole archive, once: see monthlyCells.)
 */
function historyWrites(scenarios: readonly ScenarioResult[]): Target {
  const pairs: Array<{ name: string; r: number; none: number; history: number | null; error?: string }> = [];
  for (const withHistory of scenarios.filter((s) => s.historyDays > 0 && s.kind === "hourly")) {
    const none = scenarios.find(
      (s) =>
        s.historyDays === 0 &&
        s.codes === withHistory.codes &&
        s.days === withHistory.days &&
        s.kind === withHistory.kind &&
        s.newDay === withHistory.newDay,
    );
    if (!none) continue;
    const error = failed(withHistory) ?? failed(none);
    const a = withHistory.addon.cellsWritten ?? 0;
    const b = none.addon.cellsWritten ?? 0;
    pairs.push({
      name: withHistory.name,
      r: error ? Number.NaN : ratio(a, b),
      none: b,
      history: error ? null : a,
      error,
    });
  }
  const broken = pairs.filter((p) => p.error !== undefined);
  const valid = pairs.filter((p) => p.error === undefined).sort((a, b) => b.r - a.r);
  const worst = valid[0];
  const parts: string[] = [];
  if (worst) {
    parts.push(
      `worst ${times(worst.r)} (${worst.name}: ${fmt(worst.history ?? 0)} vs ${fmt(worst.none)} without history)`,
      `${valid.filter((p) => p.r <= 1.1).length} of ${pairs.length} pairs within 1.1×`,
    );
  }
  if (broken.length > 0)
    parts.push(`${broken.length} pairs with a failed run (${broken.map((p) => p.name).join("; ")})`);
  return {
    target: "Hourly refresh: cells written with history (2 and 10 years) ≤ 1.1× those with none",
    measured: parts.join("; "),
    met: broken.length === 0 && valid.every((p) => p.r <= 1.1),
  };
}

/**
 * OpenQR Monthly's refresh, 500 codes × 30 days: the hourly runs (same day, and the one that adds
 * a day) with two years of history read and write at most 1.2× what they do without; the first
 * run with history, which builds every month of the archive once, is reported beside them.
 */
function monthlyCells(scenarios: readonly ScenarioResult[]): Target {
  const parts: string[] = [];
  let met = true;
  for (const label of ["first", "hourly", "new day"] as const) {
    const none = find(scenarios, 500, 30, 0, label);
    const history = find(scenarios, 500, 30, 730, label);
    if (!none || !history) {
      if (label !== "first") met = false;
      continue;
    }
    const error = failed(history) ?? failed(none);
    const read = ratio(history.addon.cellsRead, none.addon.cellsRead);
    const written = ratio(history.addon.cellsWritten ?? 0, none.addon.cellsWritten ?? 0);
    parts.push(
      `${label}: read ${fmt(history.addon.cellsRead)} vs ${fmt(none.addon.cellsRead)} (${times(read)}), ` +
        `written ${fmt(history.addon.cellsWritten ?? 0)} vs ${fmt(none.addon.cellsWritten ?? 0)} (${times(written)})` +
        (error ? ` (${error})` : ""),
    );
    if (label !== "first" && (error !== undefined || read > 1.2 || written > 1.2)) met = false;
  }
  return {
    target:
      "OpenQR Monthly, 500 codes × 30 d: hourly refreshes with 2 years of history read and write ≤ 1.2× those with none (the first run builds every month once)",
    measured: parts.length > 0 ? parts.join("; ") : "not run",
    met,
  };
}

/** Hourly runs with history against the same runs without: cells read at most 1.2×, at every size. */
function historyReads(scenarios: readonly ScenarioResult[]): Target {
  const pairs: Array<{ name: string; r: number; none: number; history: number; error?: string }> = [];
  for (const withHistory of scenarios.filter((s) => s.historyDays > 0 && s.kind === "hourly")) {
    const none = scenarios.find(
      (s) =>
        s.historyDays === 0 &&
        s.codes === withHistory.codes &&
        s.days === withHistory.days &&
        s.kind === withHistory.kind &&
        s.newDay === withHistory.newDay,
    );
    if (!none) continue;
    const error = failed(withHistory) ?? failed(none);
    const history = withHistory.addon.cellsRead;
    pairs.push({
      name: withHistory.name,
      r: error ? Number.NaN : ratio(history, none.addon.cellsRead),
      none: none.addon.cellsRead,
      history,
      error,
    });
  }
  const broken = pairs.filter((p) => p.error !== undefined);
  const valid = pairs.filter((p) => p.error === undefined).sort((a, b) => b.r - a.r);
  const worst = valid[0];
  const tenYears = valid.filter((p) => p.name.includes("10 y history"));
  const parts: string[] = [];
  if (worst) {
    parts.push(
      `worst ${times(worst.r)} (${worst.name}: ${fmt(worst.history)} vs ${fmt(worst.none)} without history)`,
      `${valid.filter((p) => p.r <= 1.2).length} of ${pairs.length} pairs within 1.2×`,
    );
  }
  for (const p of tenYears) parts.push(`${p.name}: ${times(p.r)} (${fmt(p.history)} vs ${fmt(p.none)})`);
  if (broken.length > 0)
    parts.push(`${broken.length} pairs with a failed run (${broken.map((p) => p.name).join("; ")})`);
  return {
    target: "Hourly refresh: cells read with history (2 and 10 years) ≤ 1.2× those with none, at every size",
    measured: parts.join("; "),
    met: broken.length === 0 && pairs.length > 0 && valid.every((p) => p.r <= 1.2),
  };
}

export function judgeTargets(
  scenarios: readonly ScenarioResult[],
  formulas: FormulaResults,
  bundle: BundleResults,
): Target[] {
  const targets: Target[] = [];
  const big = find(scenarios, 500, 365, 0, "first");
  if (big) {
    const error = failed(big);
    const naive = big.naive;
    const speedup = naive ? ratio(naive.modelledSeconds, big.addon.modelledSeconds) : Number.NaN;
    const tripRatio = ratio(big.addon.roundTrips, big.bound.roundTrips);
    const callRatio = ratio(big.addon.spreadsheetCalls, big.bound.spreadsheetCalls);
    const suffix = error ? ` (${error})` : "";
    targets.push(
      {
        target: "500 codes × 365 days, first refresh: under 60 modelled s",
        measured: `${fmt(big.addon.modelledSeconds, 1)} s${suffix}`,
        met: !error && big.addon.modelledSeconds < 60,
      },
      {
        target: "… at least 50× faster than naive",
        measured: naive
          ? `${times(speedup)} (naive ${fmt(naive.modelledSeconds, 0)} s${naive.source === "extrapolated" ? ", extrapolated" : ""})${suffix}`
          : "naive not run",
        met: !error && speedup >= 50,
      },
      {
        target: "… within 1.5× of the bound in round trips",
        measured: `${times(tripRatio)} (${big.addon.roundTrips} vs ${big.bound.roundTrips})${suffix}`,
        met: !error && tripRatio <= 1.5,
      },
      {
        target: "… within 1.5× of the bound in spreadsheet calls",
        measured: `${times(callRatio)} (${big.addon.spreadsheetCalls} vs ${big.bound.spreadsheetCalls})${suffix}`,
        met: !error && callRatio <= 1.5,
      },
    );
  }
  targets.push(
    hourlyWrites(scenarios, false, "Hourly refresh (same UTC day): cells written within 1.5× of the bound"),
    hourlyWrites(scenarios, true, "Hourly refresh that adds a day: cells written within 1.5× of the bound"),
    historyWrites(scenarios),
    historyReads(scenarios),
    monthlyCells(scenarios),
  );
  const { oneRange, cachedScans365 } = formulas;
  const rangeError = oneRange.first.firstError ?? oneRange.second.firstError;
  const rangeSuffix = rangeError === undefined ? "" : ` (the formula fails: "${rangeError}")`;
  const rangeOk = rangeError === undefined;
  targets.push(
    {
      target: `${formulas.ids} ids in one OPENQR_TOTAL range: one execution`,
      measured: `${oneRange.first.executions}${rangeSuffix}`,
      met: rangeOk && oneRange.first.executions === 1,
    },
    {
      target: "… at most the bound's round trips",
      measured: `${oneRange.first.roundTrips} (bound ${oneRange.bound.roundTrips})${rangeSuffix}`,
      met: rangeOk && oneRange.first.roundTrips <= oneRange.bound.roundTrips,
    },
    {
      target: "… zero fetches on the second pass",
      measured: `${oneRange.second.fetches}${rangeSuffix}`,
      met: rangeOk && oneRange.second.fetches === 0,
    },
    {
      target: `A cached OPENQR_SCANS(id, 365): at most ${CACHED_SCANS_CALL_LIMIT} service calls`,
      measured: `${cachedScans365.serviceCalls} (${Object.entries(cachedScans365.calls)
        .map(([name, n]) => `${name} ${n}`)
        .join(", ")})`,
      met: cachedScans365.serviceCalls <= CACHED_SCANS_CALL_LIMIT,
    },
    {
      target: "dist/*.js under 60 KB (61,440 bytes)",
      measured: `${fmt(bundle.jsBytes)} bytes (${fmt(bundle.jsBytes / 1024, 1)} KB)`,
      met: bundle.jsBytes < BUNDLE_LIMIT_BYTES,
    },
    {
      target: "Load + onOpen under 20 ms (median, Node)",
      measured: `${fmt(bundle.loadAndOnOpenMs.median, 2)} ms (min ${fmt(bundle.loadAndOnOpenMs.min, 2)}, max ${fmt(bundle.loadAndOnOpenMs.max, 2)}, ${bundle.loadAndOnOpenMs.runs} runs)`,
      met: bundle.loadAndOnOpenMs.median < ON_OPEN_LIMIT_MS,
    },
  );
  return targets;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function metricCells(m: Metrics): string[] {
  return [
    fmt(m.roundTrips),
    fmt(m.fetches),
    fmt(m.spreadsheetCalls),
    fmt(m.cellsRead),
    m.cellsWritten === null ? "n/a" : fmt(m.cellsWritten),
    fmt(m.modelledSeconds, m.modelledSeconds < 100 ? 1 : 0),
  ];
}

export function scenarioTable(scenarios: readonly ScenarioResult[]): string {
  const lines = [
    row([
      "Scenario",
      "",
      "Round trips",
      "UrlFetch calls",
      "Spreadsheet calls",
      "Cells read",
      "Cells written",
      "Modelled s",
      "Node CPU ms",
      "add-on / naive",
      "add-on / bound",
    ]),
    row(Array.from({ length: 11 }, (_, i) => (i < 2 ? "---" : "---:"))),
  ];
  for (const s of scenarios) {
    const ok = s.addon.error === undefined;
    const addonName = ok ? "add-on" : `add-on **FAILED**: ${s.addon.error}`;
    const vsNaive = s.naive ? ratio(s.addon.modelledSeconds, s.naive.modelledSeconds) : Number.NaN;
    const vsBound = ratio(s.addon.modelledSeconds, s.bound.modelledSeconds);
    lines.push(
      row([
        s.name,
        addonName,
        ...metricCells(s.addon),
        fmt(s.addon.cpuMs),
        ok && s.naive ? `${fmt(vsNaive, vsNaive < 0.01 ? 4 : 3)} (${fmt(1 / vsNaive, 0)}× faster)` : "n/a",
        ok ? times(vsBound) : "n/a",
      ]),
      s.naive
        ? row([
            "",
            s.naive.source === "run" ? "naive" : "naive (extrapolated)",
            ...metricCells(s.naive),
            "",
            "",
            "",
          ])
        : row(["", "naive: not run", "", "", "", "", "", "", "", "", ""]),
      row(["", "bound", ...metricCells(s.bound), "", "", ""]),
    );
  }
  return lines.join("\n");
}

export function targetTable(targets: readonly Target[]): string {
  return [
    row(["Target", "Measured", ""]),
    row(["---", "---", "---"]),
    ...targets.map((t) => row([t.target, t.measured.replace(/\|/g, "\\|"), t.met ? "met" : "**missed**"])),
  ].join("\n");
}

export function formulaTable(f: FormulaResults): string {
  const passRow = (name: string, p: FormulaResults["oneRange"]["first"]) =>
    row([
      name,
      fmt(p.executions),
      fmt(p.roundTrips),
      fmt(p.fetches),
      fmt(p.serviceCalls),
      fmt(p.modelledSeconds, 1),
      p.errors === 0 ? "" : `${p.errors} failed: ${p.firstError ?? ""}`,
    ]);
  return [
    row([
      "Formulas (200 ids)",
      "Executions",
      "Round trips",
      "UrlFetch calls",
      "Service calls",
      "Modelled s",
      "",
    ]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---"]),
    passRow("`=OPENQR_TOTAL(A2:A201)`, first calculation", f.oneRange.first),
    passRow("… recalculated", f.oneRange.second),
    passRow("200 × `=OPENQR_TOTAL(A2)`, first calculation", f.separateCells.first),
    passRow("… recalculated", f.separateCells.second),
    row([
      "bound for the range",
      fmt(f.oneRange.bound.executions),
      fmt(f.oneRange.bound.roundTrips),
      fmt(f.ids),
      "",
      "",
      "",
    ]),
  ].join("\n");
}

export function renderMarkdown(results: BenchResults): string {
  const { bundle, formulas } = results;
  return [
    "### Targets",
    "",
    targetTable(results.targets),
    "",
    "### Latency model",
    "",
    describeModel(),
    "",
    "### Refresh scenarios",
    "",
    "Each scenario is a chain of three scheduled refreshes one hour apart: the first (22:30 UTC), " +
      "the next hour's (same UTC day: the fake API answers as of the hour, so today's counts, lifetimes, " +
      "last 7 days and breakdowns have grown, as OpenQR's do), and the one after, at 00:30 UTC, which adds " +
      "a day to every code's window. " +
      "_2 y history_ (_10 y history_): OpenQR Daily already holds 730 (3,650) days of rows per code, ending the " +
      "day before the window; 10 years of 100 codes are 365,000 rows, 1.46 M cells in its four columns. " +
      "The first run with history reads it all (no run has left the fingerprint of its last rows yet); the " +
      "hourly runs after it read only the rows they need, from the bottom. " +
      "Node CPU ms is the add-on's run in the emulator (the bundle plus the emulator's own work), real time.",
    "",
    scenarioTable(results.scenarios),
    "",
    ...results.notes.map((note) => `- ${note}`),
    "",
    "### Formulas",
    "",
    formulaTable(formulas),
    "",
    `A cached \`=OPENQR_SCANS(id, 365)\`: ${formulas.cachedScans365.serviceCalls} service calls (${Object.entries(
      formulas.cachedScans365.calls,
    )
      .map(([name, n]) => `${name} ${n}`)
      .join(", ")}), ${formulas.cachedScans365.fetches} fetches.`,
    "",
    "### Bundle",
    "",
    `dist/*.js: ${Object.entries(bundle.files)
      .map(([file, bytes]) => `${file} ${fmt(bytes)} bytes`)
      .join(", ")}. Load + onOpen (LIMITED) in a fresh context, compiled once: median ` +
      `${fmt(bundle.loadAndOnOpenMs.median, 2)} ms over ${bundle.loadAndOnOpenMs.runs} runs ` +
      `(min ${fmt(bundle.loadAndOnOpenMs.min, 2)}, max ${fmt(bundle.loadAndOnOpenMs.max, 2)}); the first, compile ` +
      `included: ${fmt(bundle.coldMs, 1)} ms.`,
  ].join("\n");
}
