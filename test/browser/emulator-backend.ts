/**
 * The sidebar's server: the built bundle's server functions in the Apps Script emulator,
 * called under google.script.run's rules as the spreadsheet's owner, against the fake
 * OpenQR API.
 */
import { FAKE_OPENQR_KEY } from "../../harness/fake-openqr/index.ts";
import type { CodeChoice, LastRun } from "../../src/shared/settings.ts";
import { createTestWorld, OWNER, type TestWorld } from "../bundle/world.ts";
import { instrumentBackend, type TestBackend } from "./backend.ts";

export const SIDEBAR_TIME_ZONE = "Europe/Berlin";
export const ACCEPTED_KEY = FAKE_OPENQR_KEY;
/** Well-formed, but unknown to the fake OpenQR API: it answers 401. */
export const REJECTED_KEY = "oqr_live_revoked0000000000000";

export interface EmulatorBackend extends TestBackend {
  world: TestWorld;
}

export interface EmulatorBackendOptions {
  /** Codes in the fake OpenQR account (default: the world's 12). */
  codeCount?: number;
}

export function createEmulatorBackend(options: EmulatorBackendOptions = {}): EmulatorBackend {
  const world = createTestWorld({ timeZone: SIDEBAR_TIME_ZONE, codeCount: options.codeCount });
  const served = instrumentBackend((fn, args) => world.gas.runFromSidebar(fn, args, { user: OWNER }));
  return {
    ...served,
    world,
    setLastRun(lastRun: LastRun | null) {
      // Where the refresh records its last run (document properties), as a refresh would.
      if (lastRun === null) world.gas.properties.document.delete("openqr.lastRun");
      else world.gas.properties.document.set("openqr.lastRun", JSON.stringify(lastRun));
    },
  };
}

/** The codes the fake OpenQR API lists for the demo key, as the sidebar is offered them. */
export function seededCodeChoices(): CodeChoice[] {
  return createTestWorld().api.codes.map((code) => ({
    id: code.id,
    slug: code.slug,
    label: code.label ?? "",
  }));
}
