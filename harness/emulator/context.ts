import vm from "node:vm";
import { createCacheService } from "./cache.ts";
import type { ServiceEnv } from "./env.ts";
import { createHtmlService } from "./html.ts";
import { createLockService } from "./lock.ts";
import { createConsole, createLogger } from "./logging.ts";
import { createPropertiesService } from "./properties.ts";
import type { Realm } from "./realm.ts";
import { createScriptApp } from "./script-app.ts";
import { SERVICE_GLOBALS } from "./service-names.ts";
import { createSession } from "./session.ts";
import { createSpreadsheetApp } from "./spreadsheet.ts";
import { createUrlFetchApp } from "./urlfetch.ts";
import { createUtilities } from "./utilities.ts";
import type { World } from "./world.ts";

export interface ScriptSource {
  name: string;
  code: string;
}

/** A safety net in real time for scripts that spin without touching a service (virtual time stands still). */
export const DEFAULT_REAL_TIME_LIMIT_MS = 20_000;

export { SERVICE_GLOBALS };

/** Other Apps Script globals: absent in normal runs (the add-on has no scopes for them), hostile in the load check. */
export const OTHER_APPS_SCRIPT_GLOBALS = [
  "Browser",
  "CalendarApp",
  "CardService",
  "Charts",
  "ContactsApp",
  "ContentService",
  "DataStudioApp",
  "DocumentApp",
  "DriveApp",
  "FormApp",
  "GmailApp",
  "GroupsApp",
  "Jdbc",
  "LanguageApp",
  "MailApp",
  "Maps",
  "MimeType",
  "SitesApp",
  "SlidesApp",
  "XmlService",
] as const;

export function installServices(env: ServiceEnv): void {
  const services: Record<(typeof SERVICE_GLOBALS)[number], unknown> = {
    SpreadsheetApp: createSpreadsheetApp(env),
    PropertiesService: createPropertiesService(env),
    CacheService: createCacheService(env),
    LockService: createLockService(env),
    UrlFetchApp: createUrlFetchApp(env),
    Utilities: createUtilities(env),
    ScriptApp: createScriptApp(env),
    Session: createSession(env),
    HtmlService: createHtmlService(env),
    Logger: createLogger(env),
  };
  Object.assign(env.realm.global, services);
  env.realm.global.console = createConsole(env);
}

/** Every global is a Proxy that records and throws on any use: proves top-level code calls no service. */
export function installHostileServices(realm: Realm, world: World, touched: string[]): void {
  const hostile = (name: string) => {
    const refuse = (what: string) => (): never => {
      touched.push(`${name}${what}`);
      throw realm.newError(`${name}${what} was used while the script loaded`);
    };
    return new Proxy(function hostileService() {}, {
      get: (_target, property) => refuse(`.${String(property)}`)(),
      set: refuse(" (set)"),
      has: refuse(" (in)"),
      apply: refuse("()"),
      construct: refuse(" (new)"),
      ownKeys: refuse(" (keys)"),
      getOwnPropertyDescriptor: refuse(" (descriptor)"),
      defineProperty: refuse(" (define)"),
      deleteProperty: refuse(" (delete)"),
      getPrototypeOf: refuse(" (prototype)"),
      setPrototypeOf: refuse(" (set prototype)"),
    });
  };
  for (const name of [...SERVICE_GLOBALS, ...OTHER_APPS_SCRIPT_GLOBALS]) realm.global[name] = hostile(name);
  realm.global.console = createConsole({ realm, world });
}

/** Compiled once, evaluated in every execution's fresh context. */
export function compileSources(sources: readonly ScriptSource[]): vm.Script[] {
  return sources.map((source) => new vm.Script(source.code, { filename: source.name }));
}

/** Evaluates every file in order in the one global scope, as the platform does. */
export function loadScripts(realm: Realm, scripts: readonly vm.Script[], realTimeLimitMs: number): void {
  for (const script of scripts) script.runInContext(realm.context, { timeout: realTimeLimitMs });
}

const INVOKE = Symbol.for("openqr.emulator.invoke");

/** Runs host code that calls into the script under the real-time watchdog. */
export function underWatchdog<T>(realm: Realm, realTimeLimitMs: number, action: () => T): T {
  realm.global[INVOKE] = action;
  try {
    return vm.runInContext(`globalThis[Symbol.for("openqr.emulator.invoke")]()`, realm.context, {
      timeout: realTimeLimitMs,
    }) as T;
  } finally {
    delete realm.global[INVOKE];
  }
}

export function isWatchdogTimeout(error: unknown): boolean {
  // Duck-typed: the error may belong to another realm than this module's.
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT"
  );
}

/** Names of the functions the script defined at top level (what menus and triggers can call). */
export function topLevelFunctionNames(realm: Realm, installed: readonly string[]): string[] {
  const skip = new Set<string>([...installed, "console"]);
  return Object.keys(realm.global).filter(
    (name) => !skip.has(name) && typeof realm.global[name] === "function",
  );
}

/** Sets the process time zone while the script runs, so its local-time Date methods use the script's zone. */
export function withProcessTimeZone<T>(timeZone: string, action: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    return action();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}
