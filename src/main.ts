/**
 * The bundle's only entry: everything exported here becomes a property of the bundle's
 * namespace, and scripts/build.ts declares a top-level `function NAME(params)` for each
 * name in src/functions/specs.ts that forwards to it. No code here runs a service.
 */
import type { ServerFunctions } from "./shared/settings.ts";

export { clearApiKey, saveApiKey } from "./server/api-key.ts";
export {
  OPENQR_BREAKDOWN,
  OPENQR_CODES,
  OPENQR_ROLLUP,
  OPENQR_SCANS,
  OPENQR_SUMMARY,
  OPENQR_TOTAL,
} from "./server/custom-functions.ts";
export { refreshFormulas } from "./server/formula-refresh.ts";
export { onInstall, onOpen, showHelp } from "./server/menu.ts";
export { refreshNow, refreshReports } from "./server/refresh.ts";
export { openRunLog } from "./server/run-log.ts";
export {
  estimateSchedule,
  getSettings,
  listCodeChoices,
  saveSettings,
  showSettings,
} from "./server/settings.ts";

/**
 * The sidebar's half of the contract (src/shared/settings.ts) is typed at each call; this is
 * the server's half: every function the sidebar may call is exported here and takes what the
 * sidebar sends and returns what it expects, or the build's typecheck fails.
 */
export type SidebarCalls = Satisfies<
  Pick<typeof import("./main.ts"), keyof ServerFunctions>,
  ServerFunctions
>;
type Satisfies<T extends Contract, Contract> = T;
