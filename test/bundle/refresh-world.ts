/**
 * A refresh test world: the test world (dist/ in the emulator, the fake OpenQR API, a fake Slack
 * webhook) with an owner who saved the key, plus readers for what the report sheets show.
 */
import { displayValue } from "../../harness/emulator/display.ts";
import type { SheetModel } from "../../harness/emulator/index.ts";
import type { ScansBody } from "../../harness/fake-openqr/analytics.ts";
import type { LastRun } from "../../src/shared/settings.ts";
import { createTestWorld, KEY, OWNER, type TestWorld, type TestWorldOptions } from "./world.ts";

export const DAILY = "OpenQR Daily";
export const BREAKDOWN = "OpenQR Breakdown";
export const SUMMARY = "OpenQR Summary";
export const MONTHLY = "OpenQR Monthly";

export const REPORT_SETTINGS = {
  days: 7,
  schedule: "off",
  hour: 7,
  codes: "all" as "all" | string[],
  formulasUseMyKey: false,
};

export interface RefreshWorld extends TestWorld {
  saveSettings(
    settings: Partial<typeof REPORT_SETTINGS> & { slackWebhookUrl?: string; refreshFormulas?: boolean },
  ): void;
  /** "Refresh now" from the sidebar (google.script.run). */
  refreshNow(): LastRun;
  /** Fires the owner's clock trigger, as the platform would. */
  fireSchedule(): void;
  lastRun(): LastRun;
  sheet(name: string): SheetModel;
  /** The used area as the cells display it. */
  shown(name: string): string[][];
  /** The scans body the fake API gives for a code now. */
  scansBody(id: string, days: number): ScansBody;
}

export function createRefreshWorld(options: TestWorldOptions & { saveKey?: boolean } = {}): RefreshWorld {
  const base = createTestWorld({ timeZone: "America/Los_Angeles", ...options });
  if (options.saveKey !== false) base.saveOwnerKey();
  const { gas } = base;
  const world: RefreshWorld = {
    ...base,
    saveSettings(settings) {
      base.call("saveSettings", [{ ...REPORT_SETTINGS, ...settings }]);
    },
    refreshNow: () => gas.runFromSidebar("refreshNow", [], { user: OWNER }) as LastRun,
    fireSchedule() {
      const trigger = gas.triggers.find((t) => t.owner === OWNER && t.handler === "refreshReports");
      if (!trigger) throw new Error("the owner has no refreshReports trigger");
      gas.fireTrigger(trigger.uid);
    },
    lastRun: () => JSON.parse(gas.properties.document.get("openqr.lastRun") ?? "null") as LastRun,
    sheet: (name) => gas.spreadsheet.sheet(name),
    shown: (name) =>
      gas.spreadsheet
        .sheet(name)
        .used((cell) => displayValue(cell.value, cell.format, gas.spreadsheet.timeZone)),
    scansBody(id, days) {
      const reply = base.api.handle({
        method: "GET",
        url: `https://openqr.uk/v1/dynamic/${encodeURIComponent(id)}/scans?days=${days}`,
        headers: { authorization: `Bearer ${KEY}` },
        body: "",
      });
      base.api.requests.pop();
      return JSON.parse(reply.body ?? "") as ScansBody;
    },
  };
  return world;
}
