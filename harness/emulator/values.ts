/** Host-side helpers for values that may come from the script's realm. */

export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** Works on Dates of any realm. */
export function timeOf(date: Date): number {
  return Date.prototype.getTime.call(date);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isDateValue(value);
}

/** Deep-copies a value coming out of the script into host-realm data (Dates become Node Dates). */
export function copyOut(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyOut);
  if (isDateValue(value)) return new Date(timeOf(value));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: copyOut((value as Record<string, unknown>)[key]),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

/** UTF-8 size of a string, as the storage quotas count it. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
