import { formatSimpleDate } from "./simple-date-format.ts";
import { wallClock } from "./time-zones.ts";
import { isDateValue, timeOf } from "./values.ts";

export const DEFAULT_NUMBER_FORMAT = "General";

/** A number as the General format shows it: plainly, without binary noise (0.1 + 0.2 → 0.3). */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return "#NUM!";
  return String(Number(value.toPrecision(15)));
}

/** A Date with no explicit format: yyyy-MM-dd, plus the time when it is not midnight. */
function plainDate(date: Date, timeZone: string): string {
  const instant = timeOf(date);
  const clock = wallClock(instant, timeZone);
  const midnight = clock.hour === 0 && clock.minute === 0 && clock.second === 0;
  return formatSimpleDate(instant, timeZone, midnight ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss");
}

function stripQuoted(format: string): string {
  return format.replace(/"[^"]*"|\\./g, "");
}

function isDateFormat(format: string): boolean {
  const bare = stripQuoted(format);
  return /[ydhs]/i.test(bare) && !/[0#]/.test(bare);
}

/** Sheets date formats: y, m (month, or minutes next to h/s), d, h, s, am/pm; quoted text kept. */
function formatSheetsDate(date: Date, format: string, timeZone: string): string {
  const instant = timeOf(date);
  const clock = wallClock(instant, timeZone);
  const tokens = format.match(/"[^"]*"|\\.|am\/pm|AM\/PM|y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+|./g) ?? [];
  const hasAmPm = /am\/pm/i.test(format);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return tokens
    .map((token, index) => {
      const lower = token.toLowerCase();
      if (token.startsWith('"')) return token.slice(1, -1);
      if (token.startsWith("\\")) return token.slice(1);
      if (lower === "am/pm") return clock.hour < 12 ? "AM" : "PM";
      switch (lower[0]) {
        case "y":
          return lower.length <= 2 ? pad(clock.year % 100, 2) : String(clock.year);
        case "d":
          if (lower.length >= 3)
            return formatSimpleDate(instant, timeZone, lower.length === 3 ? "EEE" : "EEEE");
          return pad(clock.day, lower.length);
        case "h": {
          const hour = hasAmPm ? clock.hour % 12 || 12 : clock.hour;
          return pad(hour, lower.length);
        }
        case "s":
          return pad(clock.second, lower.length);
        case "m": {
          const previous = tokens
            .slice(0, index)
            .reverse()
            .find((t) => /^[a-z]/i.test(t) && t.toLowerCase() !== "am/pm");
          const next = tokens.slice(index + 1).find((t) => /^[a-z]/i.test(t));
          const isMinutes =
            lower.length <= 2 && (previous?.[0]?.toLowerCase() === "h" || next?.[0]?.toLowerCase() === "s");
          if (isMinutes) return pad(clock.minute, lower.length);
          if (lower.length >= 3)
            return formatSimpleDate(instant, timeZone, lower.length === 3 ? "MMM" : "MMMM");
          return pad(clock.month, lower.length);
        }
        default:
          return token;
      }
    })
    .join("");
}

/** Number formats: 0 / # digits, "," grouping, decimals, %, and literal text around them. */
function formatSheetsNumber(value: number, format: string): string {
  // Sections: positive;negative;zero. A negative section shows the value without its sign.
  const sections = format.split(";");
  if (value < 0 && sections.length > 1) return formatSection(-value, sections[1]!);
  if (value === 0 && sections.length > 2) return formatSection(0, sections[2]!);
  return formatSection(value, sections[0]!);
}

function formatSection(value: number, section: string): string {
  const first = section.search(/[0#]/);
  if (first === -1) return plainNumber(value);
  let last = first;
  for (let i = first; i < section.length; i++) if (/[0#.,]/.test(section[i] as string)) last = i;
  const pattern = section.slice(first, last + 1);
  const unquote = (text: string) => text.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1");
  const prefix = unquote(section.slice(0, first));
  const suffix = unquote(section.slice(last + 1));
  const scaled = suffix.includes("%") ? value * 100 : value;
  const decimals = pattern.includes(".") ? (pattern.split(".")[1] ?? "").replace(/[^0#]/g, "") : "";
  const minDecimals = decimals.replace(/#/g, "").length;
  let text = Math.abs(scaled).toFixed(decimals.length);
  if (decimals.length > minDecimals) {
    // Optional (#) decimals drop trailing zeros.
    const [whole, fraction = ""] = text.split(".");
    let trimmed = fraction;
    while (trimmed.length > minDecimals && trimmed.endsWith("0")) trimmed = trimmed.slice(0, -1);
    text = trimmed ? `${whole}.${trimmed}` : (whole as string);
  }
  if (pattern.includes(",")) {
    const [whole = "", fraction] = text.split(".");
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction === undefined ? "" : `.${fraction}`);
  }
  return `${scaled < 0 ? "-" : ""}${prefix}${text}${suffix}`;
}

/** How a cell shows a value under a number format, in the spreadsheet's time zone. */
export function displayValue(value: unknown, format: string, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (format === "@") return isDateValue(value) ? plainDate(value, timeZone) : String(value);
  const explicit = format !== "" && format !== DEFAULT_NUMBER_FORMAT;
  if (isDateValue(value)) {
    return explicit && isDateFormat(format)
      ? formatSheetsDate(value, format, timeZone)
      : plainDate(value, timeZone);
  }
  if (typeof value === "number") {
    return explicit && !isDateFormat(format) ? formatSheetsNumber(value, format) : plainNumber(value);
  }
  return String(value);
}
