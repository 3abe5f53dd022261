import { instantOf } from "./time-zones.ts";

export type CellValue = string | number | boolean | Date;

export interface ParsedInput {
  value: CellValue;
  /** Set when the text was a formula ("=..."). */
  formula?: string;
  /** The number format Sheets picks for the parsed value (percent, currency), if any. */
  format?: string;
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const GROUPED = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?`;
const PLAIN_NUMBER = new RegExp(`^[+-]?${NUMBER}$`);
const GROUPED_NUMBER = new RegExp(`^[+-]?${GROUPED}$`);
const PERCENT = new RegExp(`^([+-]?${NUMBER})\\s*%$`);
const CURRENCY = new RegExp(`^([+-]?)([$£€])\\s*([+-]?)(${NUMBER}|${GROUPED})$`);
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(text: string, timeZone: string): Date | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // A typed date means that wall-clock time in the SPREADSHEET's zone.
  return new Date(instantOf(timeZone, year, month, day, hour, minute, second));
}

/**
 * Interprets a string the way Sheets interprets typed input (which is what setValue(s) does):
 * "=..." is a formula, numbers/percentages/currency/booleans/ISO dates are converted, and a
 * leading apostrophe keeps the rest as literal text. Locale-dependent forms (1/2/2026, times)
 * are left as text.
 */
export function parseTypedInput(text: string, timeZone: string): ParsedInput {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith("=") && text.length > 1) return { value: text, formula: text };
  const trimmed = text.trim();
  if (trimmed === "") return { value: text };
  if (PLAIN_NUMBER.test(trimmed)) return { value: Number(trimmed) };
  if (GROUPED_NUMBER.test(trimmed)) return { value: Number(trimmed.replace(/,/g, "")), format: "#,##0.##" };
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    const digits = percent[1] as string;
    return { value: Number(digits) / 100, format: digits.includes(".") ? "0.00%" : "0%" };
  }
  const currency = CURRENCY.exec(trimmed);
  if (currency) {
    const [, outerSign, symbol, innerSign, amount] = currency as unknown as string[];
    const negative = (outerSign === "-") !== (innerSign === "-");
    const value = Number((amount as string).replace(/,/g, ""));
    return { value: negative ? -value : value, format: `${symbol}#,##0.00` };
  }
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  const date = parseDate(trimmed, timeZone);
  if (date) return { value: date };
  return { value: text };
}
