/**
 * The bundle tests' world (not the benchmark: see bench/): the built bundle (dist/) in the Apps Script emulator, wired to the fake
 * OpenQR API and fake Slack and Google Chat webhooks, with an owner and an editor of one spreadsheet.
 */
import { type AppsScript, createAppsScript, type Locale } from "../../harness/emulator/index.ts";
import { createFakeChat, FAKE_CHAT_WEBHOOK, type FakeChat } from "../../harness/fake-chat/index.ts";
import { createFakeOpenQR, FAKE_OPENQR_KEY, type FakeOpenQR } from "../../harness/fake-openqr/index.ts";
import { createFakeSlack, FAKE_SLACK_WEBHOOK, type FakeSlack } from "../../harness/fake-slack/index.ts";
import type { Route } from "../../harness/http-types.ts";

export const OWNER = "owner@example.com";
export const EDITOR = "editor@example.com";
export const KEY = FAKE_OPENQR_KEY;
export const NOW = Date.parse("2026-11-25T12:00:00Z");
export const SLACK_WEBHOOK = FAKE_SLACK_WEBHOOK;
export const CHAT_WEBHOOK = FAKE_CHAT_WEBHOOK;
export const OTHER_ACCOUNT_KEY = "oqr_live_otheraccount0000000";

export interface TestWorld {
  gas: AppsScript;
  api: FakeOpenQR;
  /** Another OpenQR account, reached with OTHER_ACCOUNT_KEY: its own codes, none of `api`'s. */
  otherAccount: FakeOpenQR;
  slack: FakeSlack;
  /** A Google Chat space's incoming webhook (CHAT_WEBHOOK). */
  chat: FakeChat;
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
  /** The language of the platform's exception texts (default English). */
  locale?: Locale;
  /** The add-on's published name, which titles its menu (the emulator's default: "OpenQR"). */
  addonName?: string;
}

export function createTestWorld(options: TestWorldOptions = {}): TestWorld {
  const start = options.now ?? NOW;
  // The fake API reads the emulator's virtual clock once the emulator exists.
  let clock = () => start;
  const api: FakeOpenQR = createFakeOpenQR({ now: () => clock(), codeCount: options.codeCount });
  const otherAccount = createFakeOpenQR({
    now: () => clock(),
    seed: 7,
    codeCount: 3,
    keys: [OTHER_ACCOUNT_KEY],
  });
  const delay = options.apiDelayMs ?? 0;
  // openqr.uk answers each request from the account its key belongs to. `api.route` is read
  // on every request, so tests that rewire it (test/faults) still reach it.
  const openqr: Route = {
    get prefix() {
      return api.route.prefix;
    },
    handle(request) {
      const other = request.headers.authorization === `Bearer ${OTHER_ACCOUNT_KEY}`;
      const reply = other ? otherAccount.handle(request) : api.route.handle(request);
      return delay > 0 ? { delayMs: delay, ...reply } : reply;
    },
  };
  const slack = createFakeSlack();
  const chat = createFakeChat({ now: () => clock() });
  const gas: AppsScript = createAppsScript({
    now: start,
    locale: options.locale,
    spreadsheet: { timeZone: options.timeZone ?? "Europe/London", owner: OWNER },
    ...(options.addonName !== undefined ? { addonName: options.addonName } : {}),
    routes: [openqr, slack.route, chat.route],
  });
  clock = () => gas.clock.now();
  const world: TestWorld = {
    gas,
    api,
    otherAccount,
    slack,
    chat,
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
