// What `npm run bench -- --readme` published matches the run recorded in bench/results.json,
// and a plain `npm run bench` changes no tracked file.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DOC_PATH,
  performanceDoc,
  README_END,
  README_START,
  readmeSummary,
  withReadmeSummary,
} from "../../bench/publish.ts";
import type { BenchResults } from "../../bench/report.ts";
import { resultsFile } from "../../bench/run.ts";

const recorded = JSON.parse(readFileSync("bench/results.json", "utf8")) as BenchResults;
const readme = readFileSync("README.md", "utf8");

describe("the recorded bench run", () => {
  it("is a full run", () => {
    expect(recorded.run.quick).toBe(false);
    expect(recorded.scenarios.some((s) => s.codes === 500 && s.days === 365)).toBe(true);
  });

  it(`is ${DOC_PATH}, every table (npm run bench -- --readme rewrites it)`, () => {
    expect(readFileSync(DOC_PATH, "utf8")).toBe(performanceDoc(recorded));
  });

  it("is summarised between the README's performance markers, which link to the full tables", () => {
    expect(readme.indexOf(README_START)).toBeGreaterThan(readme.indexOf("## Performance"));
    expect(withReadmeSummary(readme, readmeSummary(recorded))).toBe(readme);
    expect(readmeSummary(recorded)).toContain(`(${DOC_PATH})`);
    expect(readme.slice(readme.indexOf(README_START), readme.indexOf(README_END)).length).toBeLessThan(3000);
  });

  it("states its time and memory", () => {
    expect(recorded.run.peakMemoryMB).toBeGreaterThan(0);
    expect(readmeSummary(recorded)).toMatch(/took \d+ s on \d+ cores and up to about [\d.]+ GB of memory/);
  });
});

describe("npm run bench without --readme", () => {
  it.each([
    ["npm run bench", false, false],
    ["npm run bench -- --quick", false, true],
  ])("%s writes its results to a file git ignores", (_, recording, quick) => {
    const file = relative(process.cwd(), resultsFile(recording, quick));
    expect(file).toMatch(/^bench\/results\.\w+\.json$/);
    expect(execFileSync("git", ["check-ignore", "--no-index", file], { encoding: "utf8" }).trim()).toBe(file);
  });

  it("--readme records the run in the committed bench/results.json", () => {
    expect(relative(process.cwd(), resultsFile(true, false))).toBe("bench/results.json");
  });
});
