/**
 * An in-memory stand-in for the sidebar's server functions, faithful enough for the
 * browser tests: the real input validation and key shape check, the real messages, and
 * settings that persist for the backend's life so a reopened sidebar shows them.
 */
import { keyHint, normalizeApiKey } from "../../src/openqr/api-key.ts";
import { validateSettingsInput } from "../../src/settings/validate.ts";
import {
  type CodeChoice,
  FIELD_LABELS,
  type LastRun,
  type Schedule,
  type ServerFunctions,
  type Settings,
} from "../../src/shared/settings.ts";
import { instrumentBackend, type TestBackend } from "./backend.ts";

export const FAKE_TIME_ZONE = "Europe/Berlin";

export const FAKE_CODES: CodeChoice[] = [
  { id: "c1", slug: "spring-menu", label: "Spring menu, table cards" },
  { id: "c2", slug: "shop-window", label: "Shop window poster" },
  { id: "c3", slug: "flyer-2025", label: "" },
];

/** A key ending in this is well-formed but refused, as OpenQR answers 401 to a revoked key. */
export const REJECTED_KEY_SUFFIX = "_rejected";

interface FakeState {
  key: string | null;
  /** The copy of a key formulas use, as the server shares it. */
  sharedKey: string | null;
  days: number;
  codes: "all" | string[];
  schedule: Schedule;
  hour: number;
  slackUrl: string | null;
  lastRun: LastRun | null;
}

function fail(message: string): never {
  throw new Error(message);
}

export function createFakeBackend(codes: CodeChoice[] = FAKE_CODES): TestBackend {
  const state: FakeState = {
    key: null,
    sharedKey: null,
    days: 30,
    codes: "all",
    schedule: "off",
    hour: 7,
    slackUrl: null,
    lastRun: null,
  };

  const settings = (): Settings => ({
    hasKey: state.key !== null,
    keyHint: state.key === null ? null : keyHint(state.key),
    formulasUseMyKey: state.key !== null && state.sharedKey === state.key,
    days: state.days,
    schedule: state.schedule,
    hour: state.hour,
    codes: state.codes,
    slackConfigured: state.slackUrl !== null,
    lastRun: state.lastRun,
    timeZone: FAKE_TIME_ZONE,
  });

  const functions: ServerFunctions = {
    getSettings: settings,
    saveSettings(input) {
      const valid = validateSettingsInput(input);
      if (valid.formulasUseMyKey && state.key === null) {
        fail(`${FIELD_LABELS.formulasUseMyKey} needs a saved API key: save your key first.`);
      }
      state.days = valid.days;
      state.codes = valid.codes;
      state.schedule = valid.schedule;
      state.hour = valid.hour;
      if (valid.formulasUseMyKey) state.sharedKey = state.key;
      else if (state.sharedKey === state.key) state.sharedKey = null;
      if (valid.slackWebhookUrl !== undefined) state.slackUrl = valid.slackWebhookUrl || null;
      return settings();
    },
    saveApiKey(input) {
      const key = normalizeApiKey(input);
      if (key.endsWith(REJECTED_KEY_SUFFIX)) {
        fail(
          "OpenQR rejected this key (HTTP 401): it may be mistyped, revoked or rotated. Nothing was saved. Copy a current key from openqr.uk › API keys.",
        );
      }
      state.key = key;
      return keyHint(key);
    },
    clearApiKey() {
      if (state.sharedKey === state.key) state.sharedKey = null;
      state.key = null;
    },
    listCodeChoices() {
      if (state.key === null) fail(`${FIELD_LABELS.apiKey} needed: save your OpenQR API key first.`);
      return codes;
    },
    refreshNow() {
      const refreshed = state.codes === "all" ? codes.length : state.codes.length;
      state.lastRun = {
        time: new Date().toISOString(),
        trigger: "manual",
        refreshed,
        failed: 0,
        message: "",
      };
      return `Refreshed ${refreshed} codes.`;
    },
  };

  const serve = (fn: string, args: unknown[]): unknown => {
    // Apps Script runs only the project's global functions; here, only the contract's.
    if (!Object.hasOwn(functions, fn)) fail(`Script function not found: ${fn}`);
    const run = functions[fn as keyof ServerFunctions] as (...callArgs: unknown[]) => unknown;
    return run(...args);
  };

  return {
    ...instrumentBackend(serve),
    setLastRun(lastRun) {
      state.lastRun = lastRun;
    },
  };
}
