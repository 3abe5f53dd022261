/**
 * The fingerprint of OpenQR Daily's last rows, as the last run left them (src/report/daily-tail.ts),
 * kept in the document's properties: every user's run of this file reads and replaces it.
 */
import type { TailFingerprint } from "../report/daily-tail.ts";
import { parseStored, tailFingerprintSchema } from "../settings/stored.ts";

const DAILY_TAIL = "openqr.dailyTail";

/** The last run's fingerprint, or null when there is none or it is unreadable (then the whole sheet is read). */
export function readTailFingerprint(): TailFingerprint | null {
  return parseStored(
    PropertiesService.getDocumentProperties().getProperty(DAILY_TAIL),
    tailFingerprintSchema,
  );
}

/**
 * Keeps the fingerprint. A store that cannot take it (full) keeps the previous one, which
 * still matches only if the rows it covers did not change; else the next run reads the whole
 * sheet: slower, never wrong.
 */
export function writeTailFingerprint(fingerprint: TailFingerprint): void {
  try {
    PropertiesService.getDocumentProperties().setProperty(DAILY_TAIL, JSON.stringify(fingerprint));
  } catch {
    // See above: the next run reads the whole sheet.
  }
}
