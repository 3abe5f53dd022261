import type { Route } from "../http-types.ts";
import { AuthorizationSwitch } from "./auth.ts";
import { CacheStores } from "./cache.ts";
import type { VirtualClock } from "./clock.ts";
import { CallCounter } from "./counter.ts";
import type { Locale } from "./locale.ts";
import { LockBoard } from "./lock.ts";
import { PropertyStores } from "./properties.ts";
import { SpreadsheetModel, type SpreadsheetOptions } from "./spreadsheet-model.ts";
import { TriggerRegistry } from "./triggers.ts";
import { UiRecord } from "./ui.ts";
import { HttpLog } from "./urlfetch.ts";

/** appsscript.json, as far as the emulator reads it. */
export interface Manifest {
  timeZone?: string;
  runtimeVersion?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  [key: string]: unknown;
}

/**
 * Whether an installable trigger's run gets the document. No page settles it for an add-on's
 * time-driven trigger under spreadsheets.currentonly, so tests run both answers.
 */
export interface WorldSettings {
  /** false: SpreadsheetApp.getActiveSpreadsheet() (and getActive()) return null inside installable triggers. */
  activeSpreadsheetInTriggers: boolean;
  /**
   * getUserProperties() in an add-on's custom function is undocumented: "owner" gives the
   * spreadsheet owner's store (read-only, what is seen in practice), "refused" throws.
   */
  userPropertiesInCustomFunctions: "owner" | "refused";
  /** false: getDocumentProperties(), getDocumentLock() and getDocumentCache() return null inside installable triggers. */
  documentServicesInTriggers: boolean;
  /**
   * Whether the add-on is enabled in this file: someone opened one of its menu items here
   * (`runMenuItem` sets it). Until then its custom functions are unknown to the file.
   */
  enabledInFile: boolean;
  /**
   * Google accounts signed in to the browser the sidebar runs in. With more than one,
   * google.script.run fails before any script code runs, with `multiAccountFailure`.
   */
  browserAccounts: number;
  /** What that failure says (translated for the user on the platform). */
  multiAccountFailure: string;
}

/** One of the texts Google's multi-account failure shows (Google declined to fix it). */
export const MULTI_ACCOUNT_FAILURE = "Authorization is required to perform that action.";

export interface WorldOptions {
  clock: VirtualClock;
  manifest: Manifest;
  html: Record<string, string>;
  routes: Route[];
  addonName: string;
  spreadsheet: SpreadsheetOptions;
  onLog?: (line: string) => void;
  locale: Locale;
}

/** Everything that outlives one execution: storage, the document, the UI, triggers, logs. */
export class World {
  readonly clock: VirtualClock;
  readonly manifest: Manifest;
  readonly html: Record<string, string>;
  readonly routes: Route[];
  readonly addonName: string;
  readonly scriptId = "1EmulatedScriptId00000000000000000000000000000000000000";
  readonly counter = new CallCounter();
  readonly logs: string[] = [];
  readonly properties = new PropertyStores();
  readonly caches: CacheStores;
  readonly locks = new LockBoard();
  readonly http = new HttpLog();
  readonly spreadsheet: SpreadsheetModel;
  readonly ui = new UiRecord();
  readonly triggers = new TriggerRegistry();
  readonly authorization = new AuthorizationSwitch();
  readonly settings: WorldSettings = {
    activeSpreadsheetInTriggers: true,
    userPropertiesInCustomFunctions: "owner",
    documentServicesInTriggers: true,
    enabledInFile: true,
    browserAccounts: 1,
    multiAccountFailure: MULTI_ACCOUNT_FAILURE,
  };
  /** The language of the platform's exception texts. */
  readonly locale: Locale;
  private readonly onLog?: (line: string) => void;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.manifest = options.manifest;
    this.html = options.html;
    this.routes = options.routes;
    this.addonName = options.addonName;
    this.caches = new CacheStores(options.clock);
    this.spreadsheet = new SpreadsheetModel(options.spreadsheet);
    this.onLog = options.onLog;
    this.locale = options.locale;
  }

  /** Whether this execution finds no document behind the document-scoped services (see settings). */
  documentServicesMissing(execution: { spec: { kind: string } }): boolean {
    return execution.spec.kind === "trigger" && !this.settings.documentServicesInTriggers;
  }

  log(line: string): void {
    this.logs.push(line);
    this.onLog?.(line);
  }
}
