/**
 * npm run bench: the add-on's refresh and formulas against a naive port of the OpenQR
 * guide and against the lower bound, under a stated latency model (bench/model.ts).
 * Prints the tables and the targets; changes no tracked file unless asked to with --readme.
 *
 *   npm run bench                      every scenario (about a minute); writes bench/results.latest.json
 *   npm run bench -- --quick           10 codes × 30 days, no history and 60 days of it
 *                                      (writes bench/results.quick.json)
 *   npm run bench -- --readme          a full run, recorded: bench/results.json, docs/performance.md
 *                                      (every table) and the summary in README.md's "## Performance"
 *   npm run bench -- --out FILE        writes the JSON elsewhere
 *   npm run bench -- --naive-max-rows N    run the naive refresh for real when its Daily sheet has at
 *                                          most N rows (codes × (days + history)); default 200,000
 *   npm run bench -- --jobs N          configurations run at once, one process each (default: 2, or 1 core)
 */
import { execFileSync, fork } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measureBundle } from "./bundle.ts";
import { runFormulas } from "./formulas.ts";
import { describeModel, MODEL, MODEL_SOURCES } from "./model.ts";
import { DOC_PATH, performanceDoc, readmeSummary, withReadmeSummary } from "./publish.ts";
import { type BenchResults, judgeTargets, renderMarkdown } from "./report.ts";
import {
  CHAIN,
  type ConfigResult,
  extrapolateNaive,
  type NaiveMetrics,
  naiveRows,
  runConfig,
  type ScenarioConfig,
  type ScenarioResult,
  scenarioName,
} from "./scenarios.ts";
import type { WorkerMessage } from "./worker.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface BenchOptions {
  quick: boolean;
  /** The naive refresh runs for real up to this many Daily rows; larger ones are extrapolated. */
  naiveMaxRows: number;
  /** Configurations run at once, each in its own process (1: all in this process). */
  jobs?: number;
  log: (line: string) => void;
}

export const DEFAULT_NAIVE_MAX_ROWS = 200_000;

/** Every fleet size and window with no history and two years of it, and ten years for 100 codes × 365 days. */
export const FULL_CONFIGS: ScenarioConfig[] = [
  ...[10, 100, 500].flatMap((codes) =>
    [30, 365].flatMap((days) => [0, 730].map((historyDays) => ({ codes, days, historyDays }))),
  ),
  { codes: 100, days: 365, historyDays: 3650 },
];
export const QUICK_CONFIGS: ScenarioConfig[] = [
  { codes: 10, days: 30, historyDays: 0 },
  { codes: 10, days: 30, historyDays: 60 },
];

const keyOf = (c: ScenarioConfig) => `${c.codes}|${c.days}|${c.historyDays}`;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.ts");

function runInChild(config: ScenarioConfig, naiveMaxRows: number): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify({ config, naiveMaxRows })], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let reply: WorkerMessage | undefined;
    child.on("message", (message) => {
      reply = message as WorkerMessage;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (reply) resolve(reply);
      else reject(new Error(`the bench worker for ${scenarioName(config, "")} exited with ${code}`));
    });
  });
}

/**
 * Every configuration's chains, the largest first when several run at once, and the peak
 * memory of the children that may have run at once (the largest `jobs` of them, in MB).
 */
async function runConfigs(
  configs: readonly ScenarioConfig[],
  options: BenchOptions,
): Promise<{ results: Map<string, ConfigResult>; childrenMB: number }> {
  const results = new Map<string, ConfigResult>();
  const jobs = Math.max(1, options.jobs ?? 1);
  if (jobs === 1) {
    for (const config of configs) {
      options.log(scenarioName(config, "…"));
      results.set(keyOf(config), runConfig(config, options.naiveMaxRows, options.log));
    }
    return { results, childrenMB: 0 };
  }
  const cost = (c: ScenarioConfig) => naiveRows(c) * (naiveRows(c) <= options.naiveMaxRows ? 2 : 1);
  const queue = [...configs].sort((a, b) => cost(b) - cost(a));
  const memory: number[] = [];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let config = queue.shift(); config; config = queue.shift()) {
        const reply = await runInChild(config, options.naiveMaxRows);
        results.set(keyOf(config), reply.result);
        memory.push(reply.maxRssMB);
      }
    }),
  );
  const childrenMB = memory
    .sort((a, b) => b - a)
    .slice(0, jobs)
    .reduce((sum, mb) => sum + mb, 0);
  return { results, childrenMB };
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const { log } = options;
  const configs = [...(options.quick ? QUICK_CONFIGS : FULL_CONFIGS)].sort((a, b) => a.codes - b.codes);
  const { results: ran, childrenMB } = await runConfigs(configs, options);
  // This process's peak while the children ran (maxRSS only grows, so read it now), plus theirs.
  const whileChildrenMB = process.resourceUsage().maxRSS / 1024 + childrenMB;
  const scenarios: ScenarioResult[] = [];
  const notes: string[] = [];

  for (const config of configs) {
    const { addonRuns, naive: real } = ran.get(keyOf(config))!;
    let naive: Array<NaiveMetrics | null>;
    if (real) {
      naive = real;
    } else {
      // The two largest real runs of the same window and history.
      const smaller = configs
        .filter(
          (c) => c.days === config.days && c.historyDays === config.historyDays && c.codes < config.codes,
        )
        .map((c) => ({ codes: c.codes, runs: ran.get(keyOf(c))?.naive }))
        .filter((c): c is { codes: number; runs: NaiveMetrics[] } => Boolean(c.runs))
        .slice(-2);
      const [small, large] = smaller;
      naive =
        small && large
          ? CHAIN.map((_, index) =>
              extrapolateNaive(
                { codes: small.codes, metrics: small.runs[index]! },
                { codes: large.codes, metrics: large.runs[index]! },
                config.codes,
              ),
            )
          : CHAIN.map(() => null);
    }
    CHAIN.forEach((step, index) => {
      const { addon, bound, at } = addonRuns[index]!;
      scenarios.push({
        name: scenarioName(config, step.label),
        ...config,
        kind: step.kind,
        newDay: step.newDay,
        at: new Date(at).toISOString(),
        addon,
        naive: naive[index]!,
        bound,
      });
    });
  }

  const extrapolated = scenarios.filter((s) => s.naive?.source === "extrapolated");
  if (extrapolated.length > 0) {
    const which = [
      ...new Set(
        extrapolated.map(
          (s) =>
            `${s.codes} codes × ${s.days} d with ${s.historyDays} d of history (fitted from ${s.naive!.extrapolatedFrom!.join(" and ")} codes)`,
        ),
      ),
    ];
    notes.push(
      `Naive rows marked _extrapolated_ were not run: ${which.join("; ")}. Each would be more than ` +
        `${options.naiveMaxRows.toLocaleString("en-US")} appendRow calls per run through the emulator, too slow for ` +
        `the bench's budget. Each count is fitted as a + b × codes through the real naive runs with fewer codes of ` +
        `the same window, history and hour (the naive refresh is linear in codes: per code one fetch, its Daily ` +
        `rows, its Breakdown rows and one Summary row; the list's ceil(codes / 200) pages are counted exactly), ` +
        `and its modelled seconds are computed from the fitted counts.`,
    );
  }
  const notRun = [
    ...new Set(scenarios.filter((s) => s.naive === null).map((s) => scenarioName(s, "").slice(0, -2))),
  ];
  if (notRun.length > 0) {
    notes.push(
      `The naive refresh was not run for ${notRun.join("; ")}: more than ` +
        `${options.naiveMaxRows.toLocaleString("en-US")} appendRow calls per run, and no smaller fleet with the ` +
        "same window and history to fit it from.",
    );
  }
  notes.push(
    "The naive refresh runs in the emulator's virtual time, which charges only UrlFetch: its modelled seconds " +
      "far past 360 mean that in Apps Script it would be stopped at 6 minutes, long before it finished.",
    "Bound: the list pages and ceil(codes / 20) fetchAll round trips (the largest replies batched together). " +
      "Spreadsheet calls: getActiveSpreadsheet; per report sheet one call to find it, or two to create and tag it " +
      "(insertSheet, addDeveloperMetadata); a read (getDataRange, getValues) if it existed; a write (getRange, " +
      "setValues) if any of its cells change, plus insertRowsAfter when the rows pass the sheet's size; and the " +
      "Summary's chart (6 calls) when it has none yet. Cells read: the Summary's and the Breakdown's used areas " +
      "before the run, and of OpenQR Daily its header and the rows of the days the run needs (its window, and the " +
      "trend's 28 days before yesterday). " +
      "Cells written: the cells whose value the add-on's run actually changed (its sheets diffed before and after).",
    "Between hourly runs on the same day, today's count changes for most codes, and so do their lifetimes, " +
      "last 7 days and breakdowns. The changes are scattered over the Summary's and Breakdown's rows. The add-on " +
      "writes each sheet's changes as one rectangle: the rows from the first change to the last, in the changed " +
      "columns only. It therefore writes more cells than the bound, which counts only the changed cells yet still " +
      "one call per sheet, a combination no real write can match. Under the model, 5,000 cells cost as much as one call.",
  );

  log("formulas …");
  const formulas = runFormulas();
  log("bundle …");
  const bundle = measureBundle();
  const targets = judgeTargets(scenarios, formulas, bundle);
  return {
    model: { ...MODEL, formula: describeModel().split("\n")[0]!, sources: MODEL_SOURCES },
    scenarios,
    formulas,
    bundle,
    targets,
    notes,
    run: {
      quick: options.quick,
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
      node: process.version,
      cpus: os.cpus().length,
      peakMemoryMB: Math.round(Math.max(whileChildrenMB, process.resourceUsage().maxRSS / 1024)),
    },
  };
}

/** Records a full run: bench/results.json, docs/performance.md and the README's summary. */
function publish(results: BenchResults): string[] {
  const readmePath = path.join(ROOT, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  writeFileSync(readmePath, withReadmeSummary(readme, readmeSummary(results)));
  writeFileSync(path.join(ROOT, DOC_PATH), performanceDoc(results));
  return ["README.md", DOC_PATH];
}

/** Formats the JSON the way `npm run lint` wants it (Biome), so a fresh results.json passes the lint. */
function formatWithBiome(file: string): void {
  const biome = path.join(ROOT, "node_modules", ".bin", "biome");
  if (!existsSync(biome) || !file.startsWith(ROOT + path.sep)) return;
  try {
    execFileSync(biome, ["format", "--write", file], { cwd: ROOT, stdio: "ignore" });
  } catch {
    // Unformatted JSON is still valid JSON.
  }
}

/** Where the results go: only a recorded run (--readme) changes the committed ones; others go to ignored files. */
export function resultsFile(recording: boolean, quick: boolean): string {
  const name = recording ? "results.json" : quick ? "results.quick.json" : "results.latest.json";
  return path.join(ROOT, "bench", name);
}

function argValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const recording = args.includes("--readme");
  if (recording && args.includes("--quick")) {
    console.error("--readme records a full run; it does not go with --quick.");
    process.exitCode = 2;
    return;
  }
  const options: BenchOptions = {
    quick: args.includes("--quick"),
    naiveMaxRows: Number(argValue(args, "--naive-max-rows") ?? DEFAULT_NAIVE_MAX_ROWS),
    jobs: Number(argValue(args, "--jobs") ?? Math.min(2, os.cpus().length)),
    log: (line) => console.error(line),
  };
  const out = path.resolve(argValue(args, "--out") ?? resultsFile(recording, options.quick));
  const results = await runBench(options);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  formatWithBiome(out);
  console.log(renderMarkdown(results));
  const written = [path.relative(process.cwd(), out), ...(recording ? publish(results) : [])];
  const missed = results.targets.filter((t) => !t.met).length;
  console.log(
    `\n${results.targets.length - missed} of ${results.targets.length} targets met. ` +
      `Wrote ${written.join(", ")} in ${results.run.wallSeconds} s` +
      (results.run.peakMemoryMB
        ? ` (peak memory about ${results.run.peakMemoryMB.toLocaleString("en-US")} MB).`
        : "."),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
