import { permissionDenied } from "./auth.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { byteLength, isRecord } from "./values.ts";

export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

/** The live property stores, kept across executions. */
export class PropertyStores {
  readonly document = new Map<string, string>();
  readonly script = new Map<string, string>();
  private readonly users = new Map<string, Map<string, string>>();

  user(email: string): Map<string, string> {
    let store = this.users.get(email);
    if (!store) {
      store = new Map();
      this.users.set(email, store);
    }
    return store;
  }
}

function storeSize(entries: Iterable<[string, string]>): number {
  let total = 0;
  for (const [key, value] of entries) total += byteLength(key) + byteLength(value);
  return total;
}

/** Applies writes all-or-nothing, enforcing the per-value and per-store quotas. */
function writeProperties(store: Map<string, string>, writes: [string, string][], replaceAll: boolean): void {
  for (const [, value] of writes) {
    if (byteLength(value) > PROPERTY_VALUE_LIMIT_BYTES) throw new PlatformError("Argument too large: value");
  }
  const next = new Map(replaceAll ? [] : store);
  for (const [key, value] of writes) next.set(key, value);
  if (storeSize(next) > PROPERTY_STORE_LIMIT_BYTES) {
    throw new PlatformError(
      "You have exceeded the property storage quota. Please remove some properties and try again.",
    );
  }
  store.clear();
  for (const [key, value] of next) store.set(key, value);
}

function bindProperties(env: ServiceEnv, store: Map<string, string>) {
  const { bind, realm } = env;
  const self = bind.object(
    "Properties",
    {
      getProperty: (key: unknown) => store.get(String(key)) ?? null,
      getProperties: () => realm.copyIn(Object.fromEntries(store)),
      getKeys: () => realm.copyIn([...store.keys()]),
      setProperty: (key: unknown, value: unknown) => {
        writeProperties(store, [[String(key), String(value)]], false);
        return self;
      },
      setProperties: (properties: unknown, deleteAllOthers?: unknown) => {
        if (!isRecord(properties)) throw new PlatformError("Invalid argument: properties");
        const writes = Object.keys(properties).map((key): [string, string] => [key, String(properties[key])]);
        writeProperties(store, writes, deleteAllOthers === true);
        return self;
      },
      deleteProperty: (key: unknown) => {
        store.delete(String(key));
        return self;
      },
      deleteAllProperties: () => {
        store.clear();
        return self;
      },
    },
    // Custom functions may read but never write (the platform refuses writes there).
    { capability: (method) => (method.startsWith("get") ? "storage-read" : "storage-write") },
  );
  return self;
}

export function createPropertiesService(env: ServiceEnv) {
  const { world, execution } = env;
  // In a custom function the "user" is the spreadsheet owner (execution.identity), read-only.
  return env.bind.object(
    "PropertiesService",
    {
      getUserProperties: () => {
        if (
          execution.spec.kind === "custom-function" &&
          world.settings.userPropertiesInCustomFunctions === "refused"
        )
          throw permissionDenied("PropertiesService.getUserProperties");
        return bindProperties(env, world.properties.user(execution.spec.identity));
      },
      // Null outside a document (documented; @types/google-apps-script says otherwise).
      getDocumentProperties: () =>
        world.documentServicesMissing(execution) ? null : bindProperties(env, world.properties.document),
      getScriptProperties: () => bindProperties(env, world.properties.script),
    },
    { capability: "storage-read" },
  );
}
