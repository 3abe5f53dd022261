/**
 * Where custom functions get their data: the script cache first (about 5 minutes, scoped
 * by a hash of the API key so one key never sees another's results), then OpenQR for
 * whatever is missing, all of it in one parallel round.
 */

import { OpenQRClient, scansPath } from "../openqr/client.ts";
import { SETTINGS_PATH } from "../openqr/errors.ts";
import type { CodeRow, ScansResponse } from "../openqr/schema.ts";
import { sha256Hex } from "../platform/digest.ts";
import { readFormulaKey } from "../platform/key-store.ts";
import { type ResultCache, scriptResultCache } from "../platform/result-cache.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { UserError } from "../shared/user-error.ts";

export const RESULT_TTL_SECONDS = 300;
/** Bump when a cached shape changes, so old entries are ignored. */
const CACHE_VERSION = "oqr1";

export const NO_KEY_MESSAGE = `No OpenQR API key: open ${SETTINGS_PATH}`;

export interface FormulaData {
  scans(ids: readonly string[], days: number): ScansResponse[];
  codes(): CodeRow[];
}

export function formulaData(): FormulaData {
  const key = readFormulaKey();
  if (!key) throw new UserError(NO_KEY_MESSAGE);
  const client = new OpenQRClient(key, urlFetchTransport);
  const cache = scriptResultCache();
  const prefix = `${CACHE_VERSION}:${sha256Hex(key)}:`;

  return {
    scans(ids, days) {
      return cachedOrFetched(
        cache,
        ids.map((id) => prefix + scansPath(id, days)),
        (positions) =>
          client.scans(
            positions.map((i) => ids[i]!),
            days,
          ),
      );
    },
    codes() {
      return cachedOrFetched(cache, [`${prefix}/v1/dynamic`], () => [
        { ok: true as const, value: client.listCodes() },
      ])[0]!;
    },
  };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/**
 * Values for the cache keys, fetching the missing ones (by position) in one call.
 * Successes are cached even when another item fails, so a retry refetches only the failures.
 */
function cachedOrFetched<T>(
  cache: ResultCache,
  keys: readonly string[],
  fetchMissing: (positions: number[]) => Array<Outcome<T>>,
): T[] {
  const cached = cache.getAll(keys);
  const values: Array<T | undefined> = keys.map((key) => {
    const text = cached[key];
    return text === undefined ? undefined : (JSON.parse(text) as T);
  });
  const missing = keys.map((_, i) => i).filter((i) => values[i] === undefined);
  if (missing.length === 0) return values as T[];

  const outcomes = fetchMissing(missing);
  const fresh: Record<string, string> = {};
  let failure: Error | null = null;
  outcomes.forEach((outcome, n) => {
    const position = missing[n]!;
    if (outcome.ok) {
      values[position] = outcome.value;
      fresh[keys[position]!] = JSON.stringify(outcome.value);
    } else {
      failure ??= outcome.error;
    }
  });
  cache.putAll(fresh, RESULT_TTL_SECONDS);
  if (failure) throw failure;
  return values as T[];
}
