/**
 * The bundle's size and its cost on every spreadsheet open: loading dist/ into a fresh
 * context and running onOpen (LIMITED mode, as for a file where the add-on is enabled).
 * The sources are compiled once, as the platform caches its compiled script; each timed
 * run is a new vm context that evaluates every file and calls onOpen.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAppsScript } from "../harness/emulator/index.ts";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

export interface BundleResults {
  files: Record<string, number>;
  /** Bytes of dist/*.js. */
  jsBytes: number;
  /** Load + onOpen in a fresh context, compile excluded: median and spread of `runs` runs. */
  loadAndOnOpenMs: { median: number; min: number; max: number; runs: number };
  /** The very first load + onOpen, compile included (createAppsScript + run). */
  coldMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function measureBundle(runs = 21, warmups = 3): BundleResults {
  const files: Record<string, number> = {};
  for (const file of readdirSync(DIST)
    .filter((name) => name.endsWith(".js"))
    .sort()) {
    files[file] = statSync(path.join(DIST, file)).size;
  }
  const jsBytes = Object.values(files).reduce((sum, n) => sum + n, 0);

  const open = { authMode: "LIMITED" as const };
  const coldStart = performance.now();
  const app = createAppsScript();
  app.run("onOpen", [{ authMode: "LIMITED" }], open);
  const coldMs = performance.now() - coldStart;

  for (let i = 0; i < warmups; i++) app.run("onOpen", [{ authMode: "LIMITED" }], open);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    app.run("onOpen", [{ authMode: "LIMITED" }], open);
    times.push(performance.now() - start);
  }
  return {
    files,
    jsBytes,
    loadAndOnOpenMs: {
      median: round(median(times)),
      min: round(Math.min(...times)),
      max: round(Math.max(...times)),
      runs,
    },
    coldMs: round(coldMs),
  };
}
