/**
 * The bundle tests' world (not the benchmark: see bench/): the built bundle (dist/) in the Apps Script emulator, wired to the fake
 * OpenQR API, with an owner and an editor of one spreadsheet.
 */
import { type AppsScript, createAppsScript } from "../../harness/emulator/index.ts";
import { createFakeOpenQR, FAKE_OPENQR_KEY, type FakeOpenQR } from "../../harness/fake-openqr/index.ts";
import { createFakeSlack, FAKE_SLACK_WEBHOOK, type FakeSlack } from "../../harness/fake-slack/index.ts";

export const OWNER = "owner@example.com";
export const EDITOR = "editor@example.com";
export const KEY = FAKE_OPENQR_KEY;
export const NOW = Date.parse("2026-11-25T12:00:00Z");
export const SLACK_WEBHOOK = FAKE_SLACK_WEBHOOK;

export interface TestWorld {
  gas: AppsScript;
  api: FakeOpenQR;
  slack: FakeSlack;
  /** A custom function as a non-owner editor's cell would run it. */
  formula(name: string, ...args: unknown[]): { ok: true; value: unknown } | { ok: false; error: string };
  /** A custom function's table, as the cells would display it. */
  cells(name: string, ...args: unknown[]): string[][];
  /** A FULL-mode call (menu item, sidebar, google.script.run). */
  call(fn: string, args?: unknown[], user?: string): unknown;
  /** Saves the demo key as the owner (FULL mode). */
  saveOwnerKey(): void;
  /** The first seeded code with this slug. */
  id(slug: string): string;
}

export interface TestWorldOptions {
  timeZone?: string;
  now?: number;
  /** Seeded codes in the fake API's account (default 12). */
  codeCount?: number;
  /** Virtual milliseconds every OpenQR request takes. */
  apiDelayMs?: number;
  /** The add-on's published name, which titles its menu (the emulator's default: "OpenQR"). */
  addonName?: string;
}

export function createTestWorld(options: TestWorldOptions = {}): TestWorld {
  const start = options.now ?? NOW;
  // The fake API reads the emulator's virtual clock once the emulator exists.
  let clock = () => start;
  const api: FakeOpenQR = createFakeOpenQR({ now: () => clock(), codeCount: options.codeCount });
  const slack = createFakeSlack();
  const delay = options.apiDelayMs ?? 0;
  const gas: AppsScript = createAppsScript({
    now: start,
    spreadsheet: { timeZone: options.timeZone ?? "Europe/London", owner: OWNER },
    ...(options.addonName !== undefined ? { addonName: options.addonName } : {}),
    routes: [
      delay > 0
        ? { prefix: api.route.prefix, handle: (request) => ({ delayMs: delay, ...api.handle(request) }) }
        : api.route,
      slack.route,
    ],
  });
  clock = () => gas.clock.now();
  const world: TestWorld = {
    gas,
    api,
    slack,
    formula: (name, ...args) => gas.runCustomFunction(name, args, { user: EDITOR }),
    cells(name, ...args) {
      const result = world.formula(name, ...args);
      if (!result.ok) throw new Error(`${name} failed: ${result.error}`);
      return (result.value as unknown[][]).map((row) => row.map((cell) => gas.display(cell)));
    },
    call: (fn, args = [], user = OWNER) => gas.run(fn, args, { user, authMode: "FULL" }),
    saveOwnerKey() {
      world.call("saveApiKey", [KEY]);
    },
    id(slug) {
      const code = api.codes.find((c) => c.slug === slug);
      if (!code) throw new Error(`no seeded code ${slug}`);
      return code.id;
    },
  };
  return world;
}

/** Everything the platform keeps that a user or an operator could read. */
export function everythingVisible(world: TestWorld): string {
  const { gas } = world;
  const stores = [gas.properties.document, gas.properties.script].map((store) => JSON.stringify([...store]));
  return [...gas.logs, ...stores, JSON.stringify(gas.ui)].join("\n");
}
