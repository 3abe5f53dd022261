/**
 * A string cache on CacheService. Values over the platform's 100 KB limit are simply not
 * cached; keys over 250 characters are hashed.
 */
import { utf8Length } from "../shared/numbers.ts";
import { sha256Hex } from "./digest.ts";
import { documentCacheOrNull } from "./document-services.ts";

export interface ResultCache {
  getAll(keys: readonly string[]): Record<string, string>;
  putAll(values: Record<string, string>, ttlSeconds: number): void;
}

const MAX_KEY_LENGTH = 250;
/** CacheService's value limit is 100 KB; leave room for its own bookkeeping. */
const MAX_VALUE_BYTES = 100 * 1024 - 512;

function storageKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `oqr-h:${sha256Hex(key)}`;
}

/**
 * The document's cache: shared by the formulas of this spreadsheet only. Their key can change
 * at any time (removed, replaced, no longer shared), so callers scope key-bound entries.
 * Null outside a document: then nothing is cached.
 */
export function documentResultCache(): ResultCache {
  const cache = documentCacheOrNull();
  if (cache === null) return { getAll: () => ({}), putAll: () => undefined };
  return {
    getAll(keys) {
      if (keys.length === 0) return {};
      // Hashing an over-long key is a service call: do it once per key.
      const storedKeys = keys.map(storageKey);
      const stored = cache.getAll(storedKeys);
      const found: Record<string, string> = {};
      keys.forEach((key, index) => {
        const value = stored[storedKeys[index]!];
        if (typeof value === "string") found[key] = value;
      });
      return found;
    },
    putAll(values, ttlSeconds) {
      const fitting: Record<string, string> = {};
      for (const key of Object.keys(values)) {
        const value = values[key]!;
        if (utf8Length(value) <= MAX_VALUE_BYTES) fitting[storageKey(key)] = value;
      }
      if (Object.keys(fitting).length === 0) return;
      try {
        cache.putAll(fitting, ttlSeconds);
      } catch {
        // A full or failing cache only costs a refetch next time.
      }
    },
  };
}
