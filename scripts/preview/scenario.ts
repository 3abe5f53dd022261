/**
 * What the preview does with the add-on, as its users would: the owner saves the key and
 * the settings (all codes, hourly, a Slack webhook) and refreshes; then, on the virtual
 * clock, the trigger fires over the next days, so the archive grows past one window and the
 * daily digest goes to Slack; with the fake API, the key is revoked for a few hourly runs
 * (the schedule alerts Slack once) and restored (Slack hears of the recovery); last, an
 * editor types formulas into the first sheet. With `history`, the owner had already
 * refreshed over a 365-day window twice (57 and 29 days earlier), so OpenQR Daily holds a
 * year and more and OpenQR Monthly compares months with the month before and the year before.
 */
import { type AppsScript, createAppsScript } from "../../harness/emulator/index.ts";
import { createFakeSlack, FAKE_SLACK_WEBHOOK } from "../../harness/fake-slack/index.ts";
import type { Route } from "../../harness/http-types.ts";
import type { LastRun } from "../../src/shared/settings.ts";
import { evaluateFormulas } from "./formulas.ts";

export const OWNER = "owner@example.com";
export const EDITOR = "editor@example.com";
export const TIME_ZONE = "America/Los_Angeles";
export const SPREADSHEET_NAME = "Campaign scans";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ScenarioInput {
  now: number;
  key: string;
  days: number;
  /** Routes for https://openqr.uk/ (the fake API, or the live one). */
  openqr: Route;
  /** When the scheduled runs fire, in ms after the manual refresh (the live preview fires one, at once). */
  schedule: readonly number[];
  progress: (line: string) => void;
  /** Called once the emulator exists, e.g. so the fake API can read its virtual clock. */
  onCreated?: (gas: AppsScript) => void;
  /** A spell of a revoked key: scheduled runs at these offsets fail; the key is back for the next. */
  keyOutage?: { at: readonly number[]; revoke: () => void; restore: () => void };
  /** Two earlier refreshes over 365 days (the fake API only: they run on the virtual clock). */
  history?: boolean;
}

/** The earlier refreshes' days before `now`: their 365-day windows meet the preview's 30 days. */
const HISTORY_RUNS_DAYS_AGO = [57, 29];
const HISTORY_WINDOW_DAYS = 365;

export interface ScenarioResult {
  gas: AppsScript;
  runs: LastRun[];
  /** The Slack digests the add-on posted, oldest first. */
  digests: string[];
  /** The schedule's failure alerts and recovery messages posted to Slack, oldest first. */
  alerts: string[];
  /** The monthly digests the add-on posted (the first scheduled run posts last month's). */
  monthly: string[];
}

/** The deterministic preview's runs: an hour after the manual one, then the next three 07:00s in Los Angeles. */
export function demoSchedule(now: number): number[] {
  const nextSevenAm = Math.ceil((now - 15 * HOUR_MS) / DAY_MS) * DAY_MS + 15 * HOUR_MS;
  return [HOUR_MS, ...[0, 1, 2].map((day) => nextSevenAm + day * DAY_MS - now)];
}

/** What the owner types into the Summary's Group column once it exists: a campaign per code. */
const DEMO_GROUPS: Readonly<Record<string, string>> = {
  "festival-gate": "Events",
  "conference-badge": "Events",
  "menu-table-4": "Restaurant",
  "wifi-guest": "Restaurant",
  "feedback-form": "Restaurant",
  "spring-sale": "Retail",
  "shop-window": "Retail",
  "flyer-a5": "Retail",
};

function typeGroups(gas: AppsScript): void {
  const summary = gas.spreadsheet.sheetByName("OpenQR Summary");
  if (!summary) return;
  const rows = gas.spreadsheet.sheetValues("OpenQR Summary");
  const column = rows[0]!.indexOf("Group") + 1;
  if (column === 0) return;
  rows.forEach((row, index) => {
    const group = DEMO_GROUPS[String(row[1])];
    if (group !== undefined) summary.write(index + 1, column, { value: group });
  });
}

export function runScenario(input: ScenarioInput): ScenarioResult {
  const slack = createFakeSlack();
  const history = input.history ? HISTORY_RUNS_DAYS_AGO : [];
  const gas = createAppsScript({
    now: input.now - (history[0] ?? 0) * DAY_MS,
    spreadsheet: { timeZone: TIME_ZONE, owner: OWNER, name: SPREADSHEET_NAME },
    routes: [input.openqr, slack.route],
  });
  input.onCreated?.(gas);
  const asOwner = (fn: string, args: unknown[] = []) => gas.runFromSidebar(fn, args, { user: OWNER });

  asOwner("saveApiKey", [input.key]);
  const settings = (days: number) => ({
    days,
    schedule: "hourly",
    hour: 7,
    codes: "all",
    formulasUseMyKey: false,
    slackWebhookUrl: FAKE_SLACK_WEBHOOK,
  });
  if (history.length > 0) {
    asOwner("saveSettings", [settings(HISTORY_WINDOW_DAYS)]);
    for (const daysAgo of history) {
      gas.clock.advance(input.now - daysAgo * DAY_MS - gas.clock.now());
      asOwner("refreshNow");
    }
    gas.clock.advance(input.now - gas.clock.now());
    input.progress(
      `Earlier: refreshed ${history.join(" and ")} days before, over ${HISTORY_WINDOW_DAYS} days, so the archive holds a year and more.`,
    );
    typeGroups(gas);
  }
  asOwner("saveSettings", [settings(input.days)]);
  const outage = input.keyOutage;
  const offsets = [...input.schedule, ...(outage?.at ?? [])].sort((a, b) => a - b);
  const total = offsets.length + 1;
  const runs: LastRun[] = [];
  const record = (report: LastRun, what: string) => {
    runs.push(report);
    input.progress(`Refresh ${runs.length} of ${total} (${what}): ${report.message}`);
  };
  record(asOwner("refreshNow") as LastRun, "Refresh now");

  const trigger = gas.triggers.find((t) => t.owner === OWNER && t.handler === "refreshReports");
  if (!trigger) throw new Error("saving an hourly schedule installed no trigger");
  let revoked = false;
  for (const offset of offsets) {
    const at = input.now + offset;
    if (at > gas.clock.now()) gas.clock.advance(at - gas.clock.now());
    const failing = outage !== undefined && outage.at.indexOf(offset) >= 0;
    if (failing !== revoked) (failing ? outage!.revoke : outage!.restore)();
    revoked = failing;
    gas.fireTrigger(trigger.uid);
    const report = JSON.parse(gas.properties.document.get("openqr.lastRun") ?? "null") as LastRun;
    const alertNote =
      report.alert?.status === "posted" ? `, Slack ${report.ok ? "recovery" : "alert"} posted` : "";
    const slackNote = `${failing ? ", key revoked" : ""}${report.slack.status === "posted" ? ", Slack digest posted" : ""}${alertNote}`;
    record(
      report,
      `scheduled, ${new Date(gas.clock.now()).toISOString().slice(0, 16).replace("T", " ")} UTC${slackNote}`,
    );
  }
  evaluateFormulas(gas, EDITOR);
  const isDigest = (text: string) => text.indexOf("*OpenQR daily digest*") === 0;
  const isMonthly = (text: string) => text.indexOf("*OpenQR monthly digest") === 0;
  return {
    gas,
    runs,
    digests: slack.messages.filter(isDigest),
    monthly: slack.messages.filter(isMonthly),
    alerts: slack.messages.filter((text) => !isDigest(text) && !isMonthly(text)),
  };
}
