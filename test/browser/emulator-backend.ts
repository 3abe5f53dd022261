/**
 * The sidebar's server: the built bundle's server functions in the Apps Script emulator,
 * called under google.script.run's rules as the spreadsheet's owner, against the fake
 * OpenQR API.
 */
import { FAKE_OPENQR_KEY } from "../../harness/fake-openqr/index.ts";
import type { CodeChoice, LastRun } from "../../src/shared/settings.ts";
import { type Bench, createBench, OWNER } from "../bundle/bench.ts";
import { instrumentBackend, type TestBackend } from "./backend.ts";

export const SIDEBAR_TIME_ZONE = "Europe/Berlin";
export const ACCEPTED_KEY = FAKE_OPENQR_KEY;
/** Well-formed, but unknown to the fake OpenQR API: it answers 401. */
export const REJECTED_KEY = "oqr_live_revoked0000000000000";

export interface EmulatorBackend extends TestBackend {
  bench: Bench;
}

export interface EmulatorBackendOptions {
  /** Codes in the fake OpenQR account (default: the bench's 12). */
  codeCount?: number;
}

export function createEmulatorBackend(options: EmulatorBackendOptions = {}): EmulatorBackend {
  const bench = createBench({ timeZone: SIDEBAR_TIME_ZONE, codeCount: options.codeCount });
  const served = instrumentBackend((fn, args) => bench.gas.runFromSidebar(fn, args, { user: OWNER }));
  return {
    ...served,
    bench,
    setLastRun(lastRun: LastRun | null) {
      // Where the refresh records its last run (document properties), as a refresh would.
      if (lastRun === null) bench.gas.properties.document.delete("openqr.lastRun");
      else bench.gas.properties.document.set("openqr.lastRun", JSON.stringify(lastRun));
    },
  };
}

/** The codes the fake OpenQR API lists for the demo key, as the sidebar is offered them. */
export function seededCodeChoices(): CodeChoice[] {
  return createBench().api.codes.map((code) => ({ id: code.id, slug: code.slug, label: code.label ?? "" }));
}
