import type { VirtualClock } from "./clock.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { byteLength, isRecord } from "./values.ts";

export const CACHE_KEY_LIMIT_CHARS = 250;
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;
export const CACHE_MAX_TTL_SECONDS = 21_600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;

export interface CacheEntry {
  value: string;
  expiresAt: number;
}

/** One cache (script, document or a user's), expiring on the virtual clock. Inspectable by tests. */
export class CacheStore {
  readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly stores: CacheStores,
  ) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  put(key: string, value: string, ttlSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    // A cache "may drop entries at any time": with alwaysEvict nothing sticks.
    if (this.stores.alwaysEvict) return;
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000 });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** Live (unexpired) keys. */
  keys(): string[] {
    return [...this.entries.keys()].filter((key) => this.get(key) !== null);
  }

  clear(): void {
    this.entries.clear();
  }
}

export class CacheStores {
  /** When true every put is dropped at once, as a cache under memory pressure may do. */
  alwaysEvict = false;
  readonly script: CacheStore;
  readonly document: CacheStore;
  private readonly users = new Map<string, CacheStore>();

  constructor(private readonly clock: VirtualClock) {
    this.script = new CacheStore(clock, this);
    this.document = new CacheStore(clock, this);
  }

  user(email: string): CacheStore {
    let store = this.users.get(email);
    if (!store) {
      store = new CacheStore(this.clock, this);
      this.users.set(email, store);
    }
    return store;
  }

  /** Drops every entry of every cache now. */
  evictAll(): void {
    this.script.clear();
    this.document.clear();
    for (const store of this.users.values()) store.clear();
  }
}

function checkKey(key: unknown): string {
  const text = String(key);
  if (text.length > CACHE_KEY_LIMIT_CHARS) throw new PlatformError("Argument too large: key");
  return text;
}

function checkValue(value: unknown): string {
  const text = String(value);
  if (byteLength(text) > CACHE_VALUE_LIMIT_BYTES) throw new PlatformError("Argument too large: value");
  return text;
}

function checkTtl(ttl: unknown): number {
  if (ttl === undefined) return CACHE_DEFAULT_TTL_SECONDS;
  const seconds = Number(ttl);
  // The documented range is 1..21600 s; outside it we refuse rather than guess.
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > CACHE_MAX_TTL_SECONDS) {
    throw new PlatformError("Invalid argument: expirationInSeconds");
  }
  return seconds;
}

function bindCache(env: ServiceEnv, store: CacheStore) {
  const { realm } = env;
  return env.bind.object(
    "Cache",
    {
      get: (key: unknown) => store.get(checkKey(key)),
      getAll: (keys: unknown) => {
        if (!Array.isArray(keys)) throw new PlatformError("Invalid argument: keys");
        const found: Record<string, string> = {};
        for (const key of keys.map(checkKey)) {
          const value = store.get(key);
          if (value !== null) found[key] = value;
        }
        return realm.copyIn(found);
      },
      put: (key: unknown, value: unknown, ttl?: unknown) => {
        store.put(checkKey(key), checkValue(value), checkTtl(ttl));
      },
      putAll: (values: unknown, ttl?: unknown) => {
        if (!isRecord(values)) throw new PlatformError("Invalid argument: values");
        const seconds = checkTtl(ttl);
        const checked = Object.keys(values).map((key) => [checkKey(key), checkValue(values[key])] as const);
        for (const [key, value] of checked) store.put(key, value, seconds);
      },
      remove: (key: unknown) => {
        store.remove(checkKey(key));
      },
      removeAll: (keys: unknown) => {
        if (!Array.isArray(keys)) throw new PlatformError("Invalid argument: keys");
        for (const key of keys.map(checkKey)) store.remove(key);
      },
    },
    { capability: "storage" },
  );
}

export function createCacheService(env: ServiceEnv) {
  const { caches } = env.world;
  return env.bind.object(
    "CacheService",
    {
      getScriptCache: () => bindCache(env, caches.script),
      // Null outside a document (documented; @types/google-apps-script says otherwise).
      getDocumentCache: () =>
        env.world.documentServicesMissing(env.execution) ? null : bindCache(env, caches.document),
      getUserCache: () => bindCache(env, caches.user(env.execution.spec.identity)),
    },
    { capability: "storage" },
  );
}
