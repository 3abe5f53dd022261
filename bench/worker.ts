/**
 * One configuration's chains in a child process (npm run bench runs two at a time on two
 * cores): reads `{ config, naiveMaxRows }` as JSON from argv, sends back its ConfigResult.
 */
import { type ConfigResult, runConfig, type ScenarioConfig } from "./scenarios.ts";

export interface WorkerMessage {
  result: ConfigResult;
  maxRssMB: number;
}

const { config, naiveMaxRows } = JSON.parse(process.argv[2] ?? "{}") as {
  config: ScenarioConfig;
  naiveMaxRows: number;
};
const result = runConfig(config, naiveMaxRows, (line) => console.error(line));
// maxRSS is in kilobytes.
const message: WorkerMessage = { result, maxRssMB: process.resourceUsage().maxRSS / 1024 };
process.send?.(message, () => process.exit(0));
