/**
 * What `npm run bench -- --readme` publishes from a full run's results: every table in
 * docs/performance.md, and a short summary between markers in README.md's "## Performance".
 * Pure text from the results, so test/bench/publish.test.ts can check that both match the
 * committed bench/results.json without running the bench.
 */
import { type BenchResults, renderMarkdown } from "./report.ts";
import type { ScenarioResult } from "./scenarios.ts";

export const README_START =
  "<!-- performance:start (generated from bench/results.json: npm run bench -- --readme) -->";
export const README_END = "<!-- performance:end -->";
export const DOC_PATH = "docs/performance.md";

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const seconds = (s: number) => `${fmt(s, s < 100 ? 1 : 0)} s`;

/** docs/performance.md: every table of the run, as the bench prints them. */
export function performanceDoc(results: BenchResults): string {
  return [
    "# Performance",
    "",
    "<!-- Generated from bench/results.json by `npm run bench -- --readme`; do not edit by hand. -->",
    "",
    "`npm run bench` runs the built bundle in the emulator against the fake OpenQR API, next to a naive " +
      "refresh (`bench/naive-refresh.js`: the OpenQR guide's worked examples ported to Apps Script the way a " +
      "first attempt would be, one `fetch` per code and one `appendRow` per row) and the lower bound. " +
      `These are the results of the run recorded in \`bench/results.json\` (${runLine(results)}); ` +
      "the README's Performance section summarises them.",
    "",
    // The bench prints its sections at the README's depth (###); here they are the page's own.
    renderMarkdown(results).replace(/^### /gm, "## "),
    "",
  ].join("\n");
}

function runLine(results: BenchResults): string {
  const { run } = results;
  const memory =
    run.peakMemoryMB === undefined ? "" : `, about ${gigabytes(run.peakMemoryMB)} of memory at most`;
  return `${fmt(run.wallSeconds)} s on ${run.cpus} cores${memory}, Node ${run.node}`;
}

const gigabytes = (mb: number) => `${fmt(mb / 1024, 1)} GB`;

function scenario(
  results: BenchResults,
  codes: number,
  days: number,
  historyDays: number,
  kind: "first" | "hourly",
): ScenarioResult | undefined {
  return results.scenarios.find(
    (s) =>
      s.codes === codes &&
      s.days === days &&
      s.historyDays === historyDays &&
      s.kind === kind &&
      (kind === "first" || !s.newDay),
  );
}

function scenarioRow(label: string, s: ScenarioResult | undefined): string | null {
  if (!s) return null;
  const addon = s.addon.error === undefined ? seconds(s.addon.modelledSeconds) : "failed";
  const naive = s.naive
    ? `${seconds(s.naive.modelledSeconds)}${s.naive.source === "extrapolated" ? " (extrapolated)" : ""}`
    : "not run";
  return `| ${label} | ${addon} | ${naive} | ${seconds(s.bound.modelledSeconds)} |`;
}

/** The README's summary: a few runs, the history and formula figures, the bundle and the targets. */
export function readmeSummary(results: BenchResults): string {
  const { formulas, bundle, targets, run } = results;
  const rows = [
    scenarioRow("500 codes × 365 days, first refresh", scenario(results, 500, 365, 0, "first")),
    scenarioRow("… the next hour's refresh", scenario(results, 500, 365, 0, "hourly")),
    scenarioRow(
      "500 codes × 30 days, hourly, 2 years in OpenQR Daily",
      scenario(results, 500, 30, 730, "hourly"),
    ),
    scenarioRow(
      "100 codes × 365 days, hourly, 10 years in OpenQR Daily",
      scenario(results, 100, 365, 3650, "hourly"),
    ),
  ].filter((row): row is string => row !== null);
  const tenYears = scenario(results, 100, 365, 3650, "hourly");
  const none = scenario(results, 100, 365, 0, "hourly");
  const missed = targets.filter((t) => !t.met).length;
  const lines = [
    `The recorded run took ${fmt(run.wallSeconds)} s on ${run.cpus} cores` +
      (run.peakMemoryMB === undefined ? "" : ` and up to about ${gigabytes(run.peakMemoryMB)} of memory`) +
      ". Modelled seconds charge UrlFetch round trips, spreadsheet calls and cells under a stated latency " +
      "model; Apps Script stops a run at 360 s.",
    "",
    "| Run (modelled seconds) | Add-on | Naive port | Lower bound |",
    "| --- | ---: | ---: | ---: |",
    ...rows,
    "",
  ];
  if (tenYears && none && none.addon.cellsRead > 0) {
    lines.push(
      `- An hourly run reads about as much with 10 years of history as with none: ` +
        `${fmt(tenYears.addon.cellsRead)} cells against ${fmt(none.addon.cellsRead)} ` +
        `(${fmt(tenYears.addon.cellsRead / none.addon.cellsRead, 2)}×).`,
    );
  }
  lines.push(
    `- ${formulas.ids} ids in one \`=OPENQR_TOTAL(A2:A${formulas.ids + 1})\`: ` +
      `${fmt(formulas.oneRange.first.executions)} execution, ${fmt(formulas.oneRange.first.roundTrips)} round trips; ` +
      `recalculated, ${fmt(formulas.oneRange.second.fetches)} fetches. A cached \`=OPENQR_SCANS(id, 365)\`: ` +
      `${fmt(formulas.cachedScans365.serviceCalls)} service calls.`,
    `- \`dist/Code.js\`: ${fmt(bundle.jsBytes / 1024, 1)} KB; loading it and running \`onOpen\` takes ` +
      `${fmt(bundle.loadAndOnOpenMs.median, 2)} ms (median, Node).`,
    `- ${targets.length - missed} of the bench's ${targets.length} targets are met` +
      (missed > 0
        ? `; the Targets table in [${DOC_PATH}](${DOC_PATH}) gives the ${missed} others' figures.`
        : "."),
  );
  return lines.join("\n");
}

/** README.md with the text between the performance markers replaced by `summary`. */
export function withReadmeSummary(readme: string, summary: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n\n${summary}\n\n${readme.slice(end)}`;
}
