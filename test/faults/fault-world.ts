/**
 * The fault suite's world and checks, shared by test/faults/*.test.ts.
 *
 * `createFaultWorld()` is a refresh world (dist/ in the emulator, the fake OpenQR API and a
 * fake Slack webhook) in which the owner has saved the key, the report settings (all codes,
 * 7 days, an hourly schedule) and a Slack webhook, and a first refresh has filled the sheets.
 * Everything an entry point returns or throws through the world's `formula`, `call`,
 * `refreshNow` or `attempt` is kept in `seen`, so `assertNothingLeaked` can search it.
 */
import { expect } from "vitest";
import type { CellValue, SheetModel } from "../../harness/emulator/index.ts";
import type { Cell } from "../../harness/emulator/spreadsheet-model.ts";
import { FAKE_SLACK_PREFIX } from "../../harness/fake-slack/index.ts";
import type { HttpReply, HttpRequest, Route } from "../../harness/http-types.ts";
import { readFailure } from "../../src/shared/add-on-failure.ts";
import type { LastRun } from "../../src/shared/settings.ts";
import { createRefreshWorld, REPORT_SETTINGS, type RefreshWorld } from "../bundle/refresh-world.ts";
import { KEY, OWNER, SLACK_WEBHOOK, type TestWorldOptions } from "../bundle/world.ts";

export { BREAKDOWN, DAILY, MONTHLY, SUMMARY } from "../bundle/refresh-world.ts";
export { EDITOR, KEY, NOW, OWNER, SLACK_WEBHOOK } from "../bundle/world.ts";

/** The part of the webhook URL that is the secret (the whole URL is one too). */
export const SLACK_SECRET = SLACK_WEBHOOK.slice(FAKE_SLACK_PREFIX.length);
/** The settings the fault world saves (with SLACK_WEBHOOK). */
export const FAULT_SETTINGS = { ...REPORT_SETTINGS, schedule: "hourly" } as const;
export const DAY_MS = 86_400_000;
/** The metadata key that tags the add-on's report sheets. */
const REPORT_SHEET_KEY = "openqr.reportSheet";

export type Attempt = { ok: true; value: unknown } | { ok: false; error: string };

export interface FaultWorld extends RefreshWorld {
  /** Every value and error message an entry point gave back through this world. */
  readonly seen: unknown[];
  /** Runs anything that may throw; keeps and returns what came back or the thrown message. */
  attempt(work: () => unknown): Attempt;
  /** A FULL-mode call (sidebar, menu) like `call`, but returning the thrown message instead of throwing. */
  tryCall(fn: string, args?: unknown[], user?: string): Attempt;
  /**
   * Replaces the fake API's answer to the next `times` requests that `match` (default: all
   * of them, for good): `reply` gets the request and a function giving the undisturbed answer
   * (see `reshaped`). For what `api.inject` cannot say: redirects, odd shapes, huge bodies.
   */
  overrideOpenQR(match: (request: HttpRequest) => boolean, reply: OpenQRReplier, times?: number): void;
  /** Makes https://openqr.uk/ unroutable (a DNS failure) until called with false. */
  setOpenQRUnreachable(unreachable: boolean): void;
}

export type OpenQRReplier = (request: HttpRequest, normal: () => HttpReply) => HttpReply;

/** Requests for a code's scans (any code, or the one with this id). */
export const scansRequest =
  (id?: string) =>
  (request: HttpRequest): boolean =>
    id === undefined
      ? /\/v1\/dynamic\/[^/]+\/scans/.test(request.url)
      : request.url.includes(`/v1/dynamic/${encodeURIComponent(id)}/scans`);
export const listRequest = (request: HttpRequest): boolean => /\/v1\/dynamic(\?|$)/.test(request.url);
export const meRequest = (request: HttpRequest): boolean => /\/v1\/me$/.test(request.url);

/** A JSON reply whose value is the normal one changed by `change` (which may return a new value). */
export const reshaped =
  (change: (body: Record<string, unknown>) => unknown): OpenQRReplier =>
  (_request, normal) => {
    const reply = normal();
    if (reply.status !== 200) return reply;
    const body = JSON.parse(reply.body ?? "null") as Record<string, unknown>;
    const changed = change(body);
    return { ...reply, body: JSON.stringify(changed === undefined ? body : changed) };
  };

export interface FaultWorldOptions extends TestWorldOptions {
  /** Skip the first refresh (default: done). */
  refresh?: boolean;
}

/** The owner's key, settings (all codes, 7 days, hourly) and Slack webhook saved; one refresh done. */
export function createFaultWorld(options: FaultWorldOptions = {}): FaultWorld {
  // The delay is added here, so overrides apply to every request (see overrideOpenQR).
  const delayMs = options.apiDelayMs ?? 0;
  const base = createRefreshWorld({ ...options, apiDelayMs: undefined });
  const seen: unknown[] = [];
  const attempt = (work: () => unknown): Attempt => {
    try {
      const value = work();
      seen.push(value);
      return { ok: true, value };
    } catch (error) {
      // As the sidebar shows it: without the add-on's (invisible) mark.
      const message = readFailure(error instanceof Error ? error.message : String(error)).text;
      seen.push(message);
      return { ok: false, error: message };
    }
  };
  const overrides: Array<{ match: (r: HttpRequest) => boolean; reply: OpenQRReplier; left: number }> = [];
  const route = base.api.route as Route;
  const originalHandle = route.handle;
  const originalPrefix = route.prefix;
  route.handle = (request) => {
    const override = overrides.find((o) => o.left > 0 && o.match(request));
    const normal = () => {
      const reply = originalHandle(request);
      return delayMs > 0 ? { delayMs, ...reply } : reply;
    };
    if (!override) return normal();
    override.left -= 1;
    return override.reply(request, normal);
  };
  const world: FaultWorld = {
    ...base,
    overrideOpenQR(match, reply, times = Number.POSITIVE_INFINITY) {
      overrides.push({ match, reply, left: times });
    },
    setOpenQRUnreachable(unreachable) {
      route.prefix = unreachable ? "https://openqr.invalid/" : originalPrefix;
    },
    seen,
    attempt,
    tryCall: (fn, args = [], user = OWNER) => attempt(() => base.call(fn, args, user)),
    formula(name, ...args) {
      const result = base.formula(name, ...args);
      seen.push(result);
      return result;
    },
    call(fn, args, user) {
      const outcome = attempt(() => base.call(fn, args, user));
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.value;
    },
    refreshNow(): LastRun {
      const outcome = attempt(() => base.refreshNow());
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.value as LastRun;
    },
    fireSchedule() {
      attempt(() => base.fireSchedule());
      seen.push(base.lastRun());
    },
  };
  world.saveSettings({ ...FAULT_SETTINGS, slackWebhookUrl: SLACK_WEBHOOK });
  if (options.refresh !== false) world.refreshNow();
  return world;
}

/** The sheets the add-on made (found by their developer metadata, whatever their names now). */
export function reportSheets(world: RefreshWorld): SheetModel[] {
  const { spreadsheet } = world.gas;
  return spreadsheet.sheets.filter((sheet) =>
    spreadsheet.metadataOf(sheet).some((record) => record.key === REPORT_SHEET_KEY),
  );
}

/** The Daily archive as it is now: the header, then every row's values (Dates as Dates). */
export function dailySnapshot(world: RefreshWorld): CellValue[][] {
  const daily = reportSheets(world).find((sheet) =>
    world.gas.spreadsheet.metadataOf(sheet).some((r) => r.key === REPORT_SHEET_KEY && r.value === "daily"),
  );
  return daily ? daily.used((cell) => cell.value) : [];
}

const rowKey = (row: readonly CellValue[]) =>
  `${row[0] instanceof Date ? row[0].toISOString() : String(row[0])}|${String(row[1])}`;

/** The Daily archive is exactly as it was (a run that failed, or changed nothing). */
export function expectArchiveUnchanged(world: RefreshWorld, before: CellValue[][]): void {
  expect(dailySnapshot(world)).toEqual(before);
}

/**
 * Every (day, code) row of `before` is still in the archive, once, with its day, id and slug
 * (its count may have been corrected inside the API's window); no (day, code) appears twice.
 */
export function expectArchiveKept(world: RefreshWorld, before: CellValue[][]): void {
  const after = dailySnapshot(world);
  expect(after[0]).toEqual(before[0]);
  expectNoDuplicateRows(world);
  const now = new Map(after.slice(1).map((row) => [rowKey(row), row]));
  const lost = before.slice(1).filter((row) => {
    const kept = now.get(rowKey(row));
    return kept === undefined || kept[2] !== row[2];
  });
  expect(lost).toEqual([]);
}

/** No (day, code id) pair appears on two rows of the Daily archive. */
export function expectNoDuplicateRows(world: RefreshWorld): void {
  const keys = dailySnapshot(world).slice(1).map(rowKey);
  const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
  expect(repeated).toEqual([]);
}

/** No cell of any report sheet holds a formula. */
export function assertNoFormulas(world: RefreshWorld, usersFormulas: readonly string[] = []): void {
  for (const sheet of reportSheets(world)) {
    const formulas = sheet
      .used((cell) => cell.formula)
      .flat()
      .filter((formula) => formula !== "" && !usersFormulas.includes(formula));
    expect(formulas, `formulas in ${sheet.name}`).toEqual([]);
  }
}

/** The secrets in play: the API key (and its body after oqr_) and the Slack webhook (and its path). */
export function secretsOf(extra: readonly string[] = []): string[] {
  return [KEY, KEY.slice("oqr_".length), SLACK_WEBHOOK, SLACK_SECRET, ...extra];
}

/** A property that is a secret's home: the user's own key and webhooks, the opt-in formula copy. */
const isSecretHome = (store: "user" | "document" | "script", key: string) =>
  store === "user"
    ? key === "openqr.apiKey" || key.startsWith("openqr.slackWebhook.")
    : store === "document" && key === "openqr.formulaKey";

/**
 * Neither the API key nor the Slack webhook appears anywhere a person could read it, other
 * than their homes: every cell value, note and formula of every sheet, developer metadata,
 * chart options, logs, UI (toasts, alerts, sidebars), what entry points returned or threw
 * (`seen`, plus `outputs`), every property store, every cache, the Slack payloads, and every
 * request's URL and body. The key travels only in the Authorization header to https://openqr.uk/.
 */
export function assertNothingLeaked(world: FaultWorld, outputs: unknown[] = [], extraSecrets: string[] = []) {
  const { gas } = world;
  const places: Array<[string, string]> = [];
  const add = (where: string, value: unknown) => {
    const text = typeof value === "string" ? value : safeJson(value);
    if (text) places.push([where, text]);
  };
  for (const sheet of gas.spreadsheet.sheets) {
    // Every cell ever written, notes on empty cells included (the grid is private to the model).
    const grid = (sheet as unknown as { grid: Array<Array<Cell | undefined> | undefined> }).grid;
    grid.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        const where = `${sheet.name}!R${r + 1}C${c + 1}`;
        add(where, cell.value instanceof Date ? "" : String(cell.value));
        add(`${where} formula`, cell.formula);
        add(`${where} note`, cell.style?.note ?? "");
      });
    });
    add(`${sheet.name} name`, sheet.name);
    add(
      `${sheet.name} charts`,
      sheet.charts.map((chart) => chart.options),
    );
  }
  add(
    "developer metadata",
    gas.spreadsheet.developerMetadata.map(({ key, value }) => ({ key, value })),
  );
  gas.logs.forEach((line, i) => {
    add(`log ${i}`, line);
  });
  add("ui", gas.ui);
  [...world.seen, ...outputs].forEach((value, i) => {
    add(`returned or thrown ${i}`, value);
  });
  for (const [name, store] of [
    ["document", gas.properties.document],
    ["script", gas.properties.script],
  ] as const) {
    for (const [key, value] of store) if (!isSecretHome(name, key)) add(`${name} property ${key}`, value);
  }
  for (const [user, store] of userPropertyStores(world)) {
    for (const [key, value] of store) if (!isSecretHome("user", key)) add(`${user}'s property ${key}`, value);
  }
  for (const [name, store] of cacheStores(world)) {
    for (const [key, entry] of store) add(`${name} cache ${key}`, `${key}\n${entry.value}`);
  }
  world.slack.posts.forEach((post, i) => {
    add(`Slack post ${i} body`, post.body);
    add(`Slack post ${i} headers`, post.headers);
  });
  gas.http.forEach((request, i) => {
    const toSlack = request.url.startsWith(FAKE_SLACK_PREFIX);
    // The webhook's own URL is where the digest goes; no other URL may carry a secret.
    if (!toSlack) add(`request ${i} URL ${request.method}`, request.url);
    add(`request ${i} body`, request.body);
    const toOpenQR = request.url.startsWith("https://openqr.uk/");
    for (const [name, value] of Object.entries(request.headers)) {
      if (!(toOpenQR && name === "authorization")) add(`request ${i} header ${name}`, value);
      else expect(value, `request ${i} authorization`).toMatch(/^Bearer oqr_\w+$/);
    }
  });

  const found: string[] = [];
  for (const secret of secretsOf(extraSecrets)) {
    for (const [where, text] of places) if (text.includes(secret)) found.push(`${where}: ${secret}`);
  }
  expect(found, "secrets found outside their homes").toEqual([]);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}

/** Every user's property store (the emulator keeps them in a private map). */
function userPropertyStores(world: RefreshWorld): Map<string, Map<string, string>> {
  return (world.gas.properties as unknown as { users: Map<string, Map<string, string>> }).users;
}

function cacheStores(world: RefreshWorld): Array<[string, Map<string, { value: string }>]> {
  const { caches } = world.gas;
  const users = (caches as unknown as { users: Map<string, { entries: Map<string, { value: string }> }> })
    .users;
  return [
    ["script", caches.script.entries],
    ["document", caches.document.entries],
    ...[...users].map(([user, store]): [string, Map<string, { value: string }>] => [user, store.entries]),
  ];
}

/** The cells of the Summary's code rows' Status column, by code id. */
export function summaryStatuses(world: RefreshWorld): Record<string, string> {
  const sheet = reportSheets(world).find((s) =>
    world.gas.spreadsheet.metadataOf(s).some((r) => r.key === REPORT_SHEET_KEY && r.value === "summary"),
  );
  if (!sheet) return {};
  const rows = sheet.used((cell) => cell.value);
  const header = rows[0] ?? [];
  const status = header.indexOf("Status");
  const out: Record<string, string> = {};
  for (const row of rows.slice(1)) {
    const id = String(row[0] ?? "");
    if (id === "" || id === "Total" || id === "Day") break;
    out[id] = String(row[status] ?? "");
  }
  return out;
}
