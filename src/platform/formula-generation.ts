/**
 * The formulas' cache generation. Custom functions cannot be handed a flag, so a "Refresh
 * formulas" pass starts a new generation in the document's cache before rewriting the
 * formulas: an answer cached under another generation is then a miss, and each formula that
 * Sheets recalculates fetches afresh (cells asking the same thing share the fresh answer).
 * The formulas read the generation in the same cache call as their answers (formula-data.ts),
 * so a cached recalculation costs no extra service call. The entry lives for the cache's
 * longest TTL, far beyond the answers' 5 minutes: when the cache drops it anyway, every answer
 * stamped with it becomes a miss, which costs a fetch, never a stale number.
 */
import { documentCacheOrNull } from "./document-services.ts";

export const FORMULA_GENERATION_KEY = "oqr:formula-generation";
/** The cache's longest time to live (6 hours). */
const GENERATION_TTL_SECONDS = 21_600;

/** Starts a new generation; false when this run has no document cache (nothing was bypassed). */
export function startFormulaGeneration(): boolean {
  const cache = documentCacheOrNull();
  if (cache === null) return false;
  try {
    cache.put(FORMULA_GENERATION_KEY, Date.now().toString(36), GENERATION_TTL_SECONDS);
    return true;
  } catch {
    // A failing cache only means the formulas may show answers up to 5 minutes old.
    return false;
  }
}
