/**
 * Where custom functions get their data: the document's cache first (about 5 minutes), then
 * OpenQR for whatever is missing, all of it in one parallel round. Every call reads the key
 * first: OpenQR's answers are cached under a digest of the key that fetched them, so a key
 * removed, replaced or no longer shared takes effect at the next recalculation. A
 * recalculation that the cache answers on the owner's key makes eight service calls: the key,
 * its digest, the cache, the spreadsheet's time zone and the day midnights cached for that zone.
 * OpenQR's answers are stamped with the formulas' cache generation, read in the same cache call:
 * a "Refresh formulas" pass starts a new one, so what was cached before it is fetched again.
 */

import { OpenQRClient, scansPath } from "../openqr/client.ts";
import type { CodeRow, ScansResponse } from "../openqr/schema.ts";
import { sha256Hex } from "../platform/digest.ts";
import { FORMULA_GENERATION_KEY } from "../platform/formula-generation.ts";
import { readFormulaKey } from "../platform/key-store.ts";
import { documentResultCache, type ResultCache } from "../platform/result-cache.ts";
import { dayToDateIn, spreadsheetTimeZone } from "../platform/spreadsheet-time.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { SETTINGS_PATH } from "../shared/addon-menu.ts";
import type { DayToDate } from "../shared/days.ts";
import { UserError } from "../shared/user-error.ts";

export const RESULT_TTL_SECONDS = 300;
/** Bump when a cached shape changes, so old entries are ignored. */
const CACHE_VERSION = "oqr3";

export const NO_KEY_MESSAGE = `No OpenQR API key: open ${SETTINGS_PATH}`;

export interface FormulaData {
  /**
   * The ids' trailing `days`. A date range's fetch names its first day (`from`), so its
   * entries are apart from a days window's and from another range's: the same `days` on
   * another UTC day is another window.
   */
  scans(ids: readonly string[], days: number, from?: string): ScansResponse[];
  codes(): CodeRow[];
  /** Days as Dates at midnight in the spreadsheet's zone, the zone's offsets cached too. */
  dayToDate: DayToDate;
}

/** Throws the no-key message at once, before any cached answer could be shown. */
export function formulaData(): FormulaData {
  const key = readFormulaKey();
  if (!key) throw new UserError(NO_KEY_MESSAGE);
  const openqr = new OpenQRClient(key, urlFetchTransport);
  const cache = documentResultCache();
  // OpenQR's answers belong to the key that fetched them; the zone's midnights to no key.
  const keyPrefix = `${CACHE_VERSION}:${keyScope(key)}:`;
  const prefix = `${CACHE_VERSION}:`;

  return {
    scans(ids, days, from) {
      const window = from === undefined ? "" : `|from=${from}`;
      return cachedOrFetched(
        cache,
        ids.map((id) => keyPrefix + scansPath(id, days) + window),
        (positions) =>
          openqr.scans(
            positions.map((i) => ids[i]!),
            days,
          ),
        STAMPED,
      );
    },
    codes() {
      return cachedOrFetched(
        cache,
        [`${keyPrefix}/v1/dynamic`],
        () => [{ ok: true as const, value: openqr.listCodes() }],
        STAMPED,
      )[0]!;
    },
    dayToDate(days) {
      if (days.length === 0) return [];
      const timeZone = spreadsheetTimeZone();
      // Days are a window (first, last, count); the checksum tells other lists apart.
      const entry = `${prefix}midnights:${timeZone}:${days[0]}:${days[days.length - 1]}:${days.length}:${checksum(days.join())}`;
      const [instants] = cachedOrFetched(cache, [entry], () => [
        { ok: true as const, value: dayToDateIn(timeZone)(days).map((date) => date.getTime()) },
      ]);
      return instants!.map((instant) => new Date(instant));
    },
  };
}

/** A one-way digest of the key (80 bits): it tells keys apart and reveals none. */
function keyScope(key: string): string {
  return sha256Hex(`openqr.formula-cache:${key}`).slice(0, 20);
}

/** FNV-1a: a cache key's discriminator, not a secret's hash. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** OpenQR's answers carry the generation they were fetched in; the zone's midnights do not. */
const STAMPED = true;

/** A stamped entry: its value and the formulas' cache generation when it was fetched. */
interface Stamped<T> {
  g: string;
  v: T;
}

/**
 * Values for the cache keys, fetching the missing ones (by position) in one call.
 * Successes are cached even when another item fails, so a retry refetches only the failures.
 * `stamped` entries count only in the current generation, read in the same cache call.
 */
function cachedOrFetched<T>(
  cache: ResultCache,
  keys: readonly string[],
  fetchMissing: (positions: number[]) => Array<Outcome<T>>,
  stamped = false,
): T[] {
  const cached = cache.getAll(stamped ? keys.concat(FORMULA_GENERATION_KEY) : keys);
  const generation = cached[FORMULA_GENERATION_KEY] ?? "";
  const values: Array<T | undefined> = keys.map((key) => {
    const text = cached[key];
    if (text === undefined) return undefined;
    if (!stamped) return JSON.parse(text) as T;
    const entry = JSON.parse(text) as Stamped<T>;
    return entry.g === generation ? entry.v : undefined;
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
      const entry: Stamped<T> | T = stamped ? { g: generation, v: outcome.value } : outcome.value;
      fresh[keys[position]!] = JSON.stringify(entry);
    } else {
      failure ??= outcome.error;
    }
  });
  cache.putAll(fresh, RESULT_TTL_SECONDS);
  if (failure) throw failure;
  return values as T[];
}
