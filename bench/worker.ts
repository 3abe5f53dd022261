/**
 * One configuration's chains in a child process (npm run bench runs two at a time on two
 * cores): reads `{ config, naiveMaxRows }` as JSON from argv, sends back its ConfigResult.
 */
import { runConfig, type ScenarioConfig } from "./scenarios.ts";

const { config, naiveMaxRows } = JSON.parse(process.argv[2] ?? "{}") as {
  config: ScenarioConfig;
  naiveMaxRows: number;
};
const result = runConfig(config, naiveMaxRows, (line) => console.error(line));
process.send?.(result, () => process.exit(0));
