import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HttpRequest, Route } from "../http-types.ts";
import { toA1 } from "./a1.ts";
import type { AuthContext } from "./auth.ts";
import type { CacheStores } from "./cache.ts";
import { DEFAULT_START, VirtualClock } from "./clock.ts";
import {
  compileSources,
  DEFAULT_REAL_TIME_LIMIT_MS,
  installHostileServices,
  installServices,
  isWatchdogTimeout,
  loadScripts,
  OTHER_APPS_SCRIPT_GLOBALS,
  type ScriptSource,
  SERVICE_GLOBALS,
  topLevelFunctionNames,
  underWatchdog,
  withProcessTimeZone,
} from "./context.ts";
import type { ValueWrite } from "./counter.ts";
import {
  type CustomFunctionResult,
  findCustomFunction,
  hasIllegalSidebarValue,
  toCellResult,
} from "./custom-function.ts";
import { displayValue } from "./display.ts";
import type { ServiceEnv } from "./env.ts";
import { describeThrown, EXCEEDED_MAXIMUM_EXECUTION_TIME } from "./errors.ts";
import { type AuthMode, Execution, type ExecutionSpec } from "./execution.ts";
import { type Locale, localized } from "./locale.ts";
import type { LockBoard } from "./lock.ts";
import { releaseLocksAtExit } from "./lock.ts";
import type { PropertyStores } from "./properties.ts";
import { createRealm, type Realm } from "./realm.ts";
import { argumentValue, customFunctionCalls, type RecalculationRecord } from "./recalculation.ts";
import { ServiceBinder } from "./service-binder.ts";
import { createUser, scriptTimeZone } from "./session.ts";
import { spreadsheetForEvent } from "./spreadsheet.ts";
import type { SpreadsheetModel } from "./spreadsheet-model.ts";
import { clockEvent, type TriggerRecord } from "./triggers.ts";
import type { UiRecord } from "./ui.ts";
import type { HttpRequestOptions } from "./urlfetch.ts";
import { copyOut } from "./values.ts";
import { type Manifest, World, type WorldSettings } from "./world.ts";

export type { CacheStore, CacheStores } from "./cache.ts";
export type { ChartAnchor, ChartRange, ChartRecord, ChartTypeName } from "./chart-model.ts";
export type { ScriptSource } from "./context.ts";
export type { ValueWrite } from "./counter.ts";
export type { CustomFunctionResult } from "./custom-function.ts";
export type { AuthMode } from "./execution.ts";
export type { Locale } from "./locale.ts";
export {
  type DeveloperMetadataRecord,
  METADATA_CHARACTERS_PER_LOCATION,
  type MetadataSeed,
  type MetadataVisibility,
} from "./metadata-model.ts";
export { CELLS_READ, CELLS_WRITTEN } from "./range.ts";
export type { CustomFunctionRun, RecalculationRecord } from "./recalculation.ts";
export type { CellValue, SheetModel, SpreadsheetModel } from "./spreadsheet-model.ts";
export type { TriggerRecord } from "./triggers.ts";
export type { MenuRecord, SidebarRecord, UiRecord } from "./ui.ts";
export type { HttpRequestOptions } from "./urlfetch.ts";
export { type Manifest, MULTI_ACCOUNT_FAILURE, type WorldSettings } from "./world.ts";

export interface AppsScriptOptions {
  /** Default <repo>/dist: every *.js in name order, appsscript.json, *.html. */
  distDir?: string;
  /** Instead of distDir: the script files themselves. */
  sources?: ScriptSource[];
  /** Overrides dist/appsscript.json. */
  manifest?: Manifest;
  /** HtmlService files by name (without .html); merged over dist's. */
  html?: Record<string, string>;
  /** Virtual clock start (default 2026-11-25T12:00:00Z). */
  now?: number | Date;
  spreadsheet?: { timeZone?: string; name?: string; owner?: string };
  /** UrlFetchApp routing; a URL matching no route fails like a DNS error. */
  routes?: Route[];
  /** The add-on's name: the title of createAddonMenu() menus (default "OpenQR"). */
  addonName?: string;
  /** Called with each log line as it is written (e.g. to echo logs in a local preview). */
  onLog?: (line: string) => void;
  /**
   * Real-time safety net (default 20 s) for code that loops without calling a service, which
   * virtual time cannot see; hitting it reports "Exceeded maximum execution time".
   */
  realTimeLimitMs?: number;
  /** The user's language for the platform's exception texts (default "en"; "ja": Japanese). */
  locale?: Locale;
}

export interface ExecutionContext {
  user?: string;
  authMode?: AuthMode;
  /** For simple triggers: passed as the single argument (authMode and source added when missing). */
  event?: object;
  /** Runs as an installable trigger's execution: no UI. */
  triggerUid?: string;
}

export interface AppsScript {
  /** One execution: a fresh global scope, every file loaded, then the top-level function called. */
  run(fn: string, args?: unknown[], ctx?: ExecutionContext): unknown;
  /** As a cell formula: CUSTOM_FUNCTION mode, 30 s limit, the result checked as a cell value. */
  runCustomFunction(name: string, args: unknown[], ctx?: { user?: string }): CustomFunctionResult;
  /** google.script.run from the sidebar: FULL mode, no private (_) functions, no Dates either way (an illegal result arrives as null). */
  runFromSidebar(fn: string, args?: unknown[], ctx?: { user?: string }): unknown;
  /** Clicks a menu item added with addToUi (found by caption): runs its function in FULL mode. */
  runMenuItem(caption: string, ctx?: { user?: string }): unknown;
  /** Fires an installable trigger: its handler runs as its owner, FULL mode, with a trigger event. */
  fireTrigger(uid: string): unknown;
  /**
   * Sheets calculating the formulas whose text changed since they were last calculated (as
   * of the last flush or execution end, or a test's edit of the model): each of the script's
   * custom functions in them runs as `user`'s cell (default: the owner). Once each.
   */
  recalculate(ctx?: { user?: string }): RecalculationRecord[];
  /** How a cell shows a value (Dates in the spreadsheet's time zone). */
  display(value: unknown): string;
  /** Loads the script where every Apps Script global throws on use; returns its top-level function names. */
  loadWithHostileServices(): string[];
  readonly clock: { now(): number; advance(ms: number): void };
  readonly calls: Record<string, number>;
  resetCalls(): void;
  /** Each Range.setValues since the last resetCalls: the sheet and the rectangle written. */
  readonly valueWrites: readonly ValueWrite[];
  readonly logs: string[];
  readonly properties: PropertyStores;
  readonly caches: CacheStores;
  readonly locks: LockBoard;
  readonly http: HttpRequest[];
  /** Parallel to `http`: how each request was made. */
  readonly httpOptions: HttpRequestOptions[];
  readonly spreadsheet: SpreadsheetModel;
  readonly ui: UiRecord;
  readonly triggers: TriggerRecord[];
  readonly manifest: Manifest;
  readonly settings: WorldSettings;
  /** Uses up `count` of a user's UrlFetch quota for today (virtual UTC day), as earlier executions would. */
  useUrlFetchQuota(user: string, count: number): void;
  /** Makes ScriptApp.getAuthorizationInfo report REQUIRED and calls needing a scope fail (for one user or all). */
  setAuthorizationRequired(required: boolean, user?: string): void;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface LoadedProject {
  sources: ScriptSource[];
  manifest: Manifest;
  html: Record<string, string>;
}

function loadProject(options: AppsScriptOptions): LoadedProject {
  if (options.sources) {
    return { sources: options.sources, manifest: options.manifest ?? {}, html: options.html ?? {} };
  }
  const distDir = options.distDir ?? path.join(REPO_ROOT, "dist");
  if (!existsSync(distDir)) throw new Error(`No build found at ${distDir}: run \`npm run build\` first.`);
  const files = readdirSync(distDir).sort();
  const sources = files
    .filter((file) => file.endsWith(".js"))
    .map((file) => ({ name: file, code: readFileSync(path.join(distDir, file), "utf8") }));
  const manifestPath = path.join(distDir, "appsscript.json");
  const manifest =
    options.manifest ??
    (existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest) : {});
  const html: Record<string, string> = {};
  for (const file of files.filter((name) => name.endsWith(".html"))) {
    html[file.slice(0, -".html".length)] = readFileSync(path.join(distDir, file), "utf8");
  }
  return { sources, manifest, html: { ...html, ...options.html } };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

class FunctionNotFound extends Error {}

export function createAppsScript(options: AppsScriptOptions = {}): AppsScript {
  const project = loadProject(options);
  const start = options.now === undefined ? DEFAULT_START : new Date(options.now).getTime();
  const clock = new VirtualClock(start);
  const world = new World({
    clock,
    manifest: project.manifest,
    html: project.html,
    routes: options.routes ?? [],
    addonName: options.addonName ?? "OpenQR",
    spreadsheet: options.spreadsheet ?? {},
    onLog: options.onLog,
    locale: options.locale ?? "en",
  });
  const timeLimit = localized(EXCEEDED_MAXIMUM_EXECUTION_TIME, world.locale);
  const owner = world.spreadsheet.owner;
  const scripts = compileSources(project.sources);
  const realTimeLimitMs = options.realTimeLimitMs ?? DEFAULT_REAL_TIME_LIMIT_MS;
  /** The script's top-level functions, for recalculation to tell custom functions from built-ins. */
  let customFunctionNames: string[] | undefined;

  /**
   * One execution in a fresh context. `pick` chooses the function among the top-level ones
   * (undefined: not found); `makeArgs` builds the arguments inside the execution's realm.
   */
  const execute = (
    spec: ExecutionSpec,
    pick: (names: string[]) => string | undefined,
    makeArgs: (env: ServiceEnv) => unknown[],
    onResult: (value: unknown) => unknown = copyOut,
  ): Outcome => {
    const execution = new Execution(spec, clock);
    const realm: Realm = createRealm(() => clock.now());
    const auth: AuthContext = {
      authMode: spec.authMode,
      identity: spec.identity,
      manifestScopes: world.manifest.oauthScopes,
      authorization: world.authorization,
    };
    const env: ServiceEnv = {
      world,
      execution,
      realm,
      bind: new ServiceBinder(realm, execution, world.counter, auth, world.locale),
    };
    installServices(env);
    try {
      const value = withProcessTimeZone(scriptTimeZone(world.manifest), () => {
        loadScripts(realm, scripts, realTimeLimitMs);
        const name = pick(topLevelFunctionNames(realm, SERVICE_GLOBALS));
        const fn = name === undefined ? undefined : realm.global[name];
        if (typeof fn !== "function") throw new FunctionNotFound();
        const args = makeArgs(env);
        return underWatchdog(realm, realTimeLimitMs, () =>
          onResult((fn as (...params: unknown[]) => unknown)(...args)),
        );
      });
      if (execution.timedOut) return { ok: false, error: timeLimit };
      return { ok: true, value };
    } catch (error) {
      if (error instanceof FunctionNotFound) throw error;
      // A killed execution reports the time limit whatever the script did after catching it.
      if (execution.timedOut || isWatchdogTimeout(error)) return { ok: false, error: timeLimit };
      return { ok: false, error: describeThrown(error) };
    } finally {
      releaseLocksAtExit(env);
      // The execution's changes are applied: formulas it changed wait to be calculated.
      world.spreadsheet.settleCalculation();
    }
  };

  const specFor = (ctx: ExecutionContext): ExecutionSpec => {
    const authMode = ctx.authMode ?? "FULL";
    const user = ctx.user ?? owner;
    const kind =
      ctx.triggerUid !== undefined
        ? "trigger"
        : authMode === "CUSTOM_FUNCTION"
          ? "custom-function"
          : "interactive";
    return {
      user,
      authMode,
      kind,
      identity: kind === "custom-function" ? owner : user,
      triggerUid: ctx.triggerUid,
    };
  };

  const orThrow = (outcome: Outcome): unknown => {
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.value;
  };

  const runFunction = (
    fn: string,
    args: unknown[],
    ctx: ExecutionContext,
    makeEvent?: (env: ServiceEnv) => Record<string, unknown>,
  ): unknown => {
    const spec = specFor(ctx);
    try {
      return orThrow(
        execute(
          spec,
          (names) => (names.includes(fn) ? fn : undefined),
          (env) => {
            if (makeEvent) return [makeEvent(env)];
            if (ctx.event === undefined) return args.map((arg) => env.realm.copyIn(arg));
            const event = env.realm.copyIn({ authMode: spec.authMode, ...ctx.event }) as Record<
              string,
              unknown
            >;
            if (ctx.triggerUid !== undefined && event.triggerUid === undefined) {
              event.triggerUid = ctx.triggerUid;
            }
            // Sheets events carry the spreadsheet; in NONE mode its methods still refuse.
            if (event.source === undefined) event.source = spreadsheetForEvent(env);
            return [event];
          },
        ),
      );
    } catch (error) {
      if (error instanceof FunctionNotFound) throw new Error(`Script function not found: ${fn}`);
      throw error;
    }
  };

  const app: AppsScript = {
    run: (fn, args = [], ctx = {}) => runFunction(fn, args, ctx),

    runCustomFunction: (name, args, ctx = {}) => {
      // An add-on's functions exist in a file only once the add-on is enabled there.
      if (!world.settings.enabledInFile)
        return { ok: false, error: `Unknown function: '${name.toUpperCase()}'.` };
      const spec = specFor({ user: ctx.user, authMode: "CUSTOM_FUNCTION" });
      let resolved: string | undefined;
      try {
        const outcome = execute(
          spec,
          (names) => {
            resolved = findCustomFunction(names, name);
            return resolved;
          },
          (env) => args.map((arg) => env.realm.copyIn(arg)),
          // Checked as a cell value inside the execution, while the script-realm value is at hand.
          (value) => toCellResult(value, (resolved ?? name).toUpperCase()),
        );
        return outcome.ok ? (outcome.value as CustomFunctionResult) : outcome;
      } catch (error) {
        if (error instanceof FunctionNotFound)
          return { ok: false, error: `Unknown function: '${name.toUpperCase()}'.` };
        throw error;
      }
    },

    runFromSidebar: (fn, args = [], ctx = {}) => {
      // Before any script code runs: the platform cannot tell which account is calling.
      if (world.settings.browserAccounts > 1) throw new Error(world.settings.multiAccountFailure);
      if (fn.endsWith("_")) throw new Error(`Script function not found: ${fn}`);
      args.forEach((arg, index) => {
        if (hasIllegalSidebarValue(arg)) throw new Error(`Failed due to illegal value in property: ${index}`);
      });
      const spec = specFor({ user: ctx.user, authMode: "FULL" });
      try {
        return orThrow(
          execute(
            spec,
            (names) => (names.includes(fn) ? fn : undefined),
            (env) => args.map((arg) => env.realm.copyIn(arg)),
            (value) => (hasIllegalSidebarValue(value) ? null : copyOut(value)),
          ),
        );
      } catch (error) {
        if (error instanceof FunctionNotFound) throw new Error(`Script function not found: ${fn}`);
        throw error;
      }
    },

    runMenuItem: (caption, ctx = {}) => {
      const item = world.ui.findMenuItem(caption);
      if (!item) throw new Error(`No menu item "${caption}" (menus: ${JSON.stringify(world.ui.menus)})`);
      // Opening any of its menu items enables the add-on in the file.
      world.settings.enabledInFile = true;
      return runFunction(item.fn, [], { user: ctx.user, authMode: "FULL" });
    },

    fireTrigger: (uid) => {
      const record = world.triggers.find(uid);
      if (!record) throw new Error(`No trigger with uid ${uid}`);
      const ctx: ExecutionContext = { user: record.owner, authMode: "FULL", triggerUid: uid };
      if (record.type === "CLOCK")
        return runFunction(record.handler, [], ctx, () => clockEvent(clock.now(), uid));
      return runFunction(record.handler, [], ctx, (env) => {
        const event = env.realm.copyIn({ authMode: "FULL", triggerUid: uid }) as Record<string, unknown>;
        event.source = spreadsheetForEvent(env);
        event.user = createUser(env, record.owner);
        return event;
      });
    },

    recalculate: (ctx = {}) => {
      const model = world.spreadsheet;
      customFunctionNames ??= app.loadWithHostileServices();
      const names = customFunctionNames;
      const resolve = (name: string) => findCustomFunction(names, name);
      return model
        .takeRecalculations()
        .filter(
          ({ sheet, row, column, formula }) =>
            model.sheets.includes(sheet) && sheet.cell(row, column).formula === formula,
        )
        .map(({ sheet, row, column, formula }) => ({
          sheet: sheet.name,
          cell: toA1({ row, column, numRows: 1, numColumns: 1 }),
          formula,
          runs: customFunctionCalls(formula, resolve).map((call) => {
            const args = call.args.map((text) => argumentValue(text, sheet, model, formula));
            return { name: call.name, args, result: app.runCustomFunction(call.name, args, ctx) };
          }),
        }));
    },

    display: (value) => {
      if (Array.isArray(value)) {
        return value
          .map((row) =>
            Array.isArray(row) ? row.map((cell) => app.display(cell)).join("\t") : app.display(row),
          )
          .join("\n");
      }
      return displayValue(value, "", world.spreadsheet.timeZone);
    },

    loadWithHostileServices: () => {
      const realm = createRealm(() => clock.now());
      const touched: string[] = [];
      installHostileServices(realm, world, touched);
      try {
        withProcessTimeZone(scriptTimeZone(world.manifest), () =>
          loadScripts(realm, scripts, realTimeLimitMs),
        );
      } catch (error) {
        throw new Error(`Loading the script failed: ${describeThrown(error)}`);
      }
      if (touched.length > 0)
        throw new Error(`Top-level code used Apps Script services: ${touched.join(", ")}`);
      return topLevelFunctionNames(realm, [...SERVICE_GLOBALS, ...OTHER_APPS_SCRIPT_GLOBALS]);
    },

    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    calls: world.counter.counts,
    resetCalls: () => world.counter.reset(),
    valueWrites: world.counter.valueWrites,
    logs: world.logs,
    properties: world.properties,
    caches: world.caches,
    locks: world.locks,
    http: world.http.requests,
    httpOptions: world.http.options,
    spreadsheet: world.spreadsheet,
    ui: world.ui,
    triggers: world.triggers.records,
    manifest: world.manifest,
    settings: world.settings,
    useUrlFetchQuota: (user, count) => world.http.charge(user, clock.now(), count),
    setAuthorizationRequired: (required, user) => world.authorization.set(required, user),
  };
  return app;
}
