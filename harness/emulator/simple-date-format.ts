import { PlatformError } from "./errors.ts";
import { shortZoneName, wallClock } from "./time-zones.ts";

/** Java SimpleDateFormat, as Utilities.formatDate implements it, for the common pattern letters. */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const pad = (value: number, width: number) => String(value).padStart(width, "0");

function formatOffset(
  offsetMinutes: number,
  withColon: boolean,
  zeroAsZ: boolean,
  hoursOnly = false,
): string {
  if (zeroAsZ && offsetMinutes === 0) return "Z";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  const hours = pad(Math.floor(absolute / 60), 2);
  if (hoursOnly) return `${sign}${hours}`;
  return `${sign}${hours}${withColon ? ":" : ""}${pad(absolute % 60, 2)}`;
}

interface Token {
  letter?: string;
  count: number;
  text?: string;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index] as string;
    if (char === "'") {
      // Quoted text; '' is a literal apostrophe, inside or outside quotes.
      if (pattern[index + 1] === "'") {
        tokens.push({ count: 0, text: "'" });
        index += 2;
        continue;
      }
      let text = "";
      index++;
      while (index < pattern.length) {
        if (pattern[index] === "'") {
          if (pattern[index + 1] === "'") {
            text += "'";
            index += 2;
            continue;
          }
          break;
        }
        text += pattern[index];
        index++;
      }
      if (index >= pattern.length) throw new PlatformError(`Invalid argument: pattern (unterminated quote)`);
      index++;
      tokens.push({ count: 0, text });
    } else if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern[index + count] === char) count++;
      tokens.push({ letter: char, count });
      index += count;
    } else {
      tokens.push({ count: 0, text: char });
      index++;
    }
  }
  return tokens;
}

export function formatSimpleDate(instant: number, timeZone: string, pattern: string): string {
  const clock = wallClock(instant, timeZone);
  const hour12 = clock.hour % 12 === 0 ? 12 : clock.hour % 12;
  return tokenize(pattern)
    .map(({ letter, count, text }) => {
      if (letter === undefined) return text ?? "";
      switch (letter) {
        case "y":
          return count === 2 ? pad(clock.year % 100, 2) : pad(clock.year, count);
        case "M":
          if (count >= 4) return MONTHS[clock.month - 1];
          if (count === 3) return MONTHS[clock.month - 1]?.slice(0, 3);
          return pad(clock.month, count);
        case "d":
          return pad(clock.day, count);
        case "H":
          return pad(clock.hour, count);
        case "k":
          return pad(clock.hour === 0 ? 24 : clock.hour, count);
        case "K":
          return pad(clock.hour % 12, count);
        case "h":
          return pad(hour12, count);
        case "m":
          return pad(clock.minute, count);
        case "s":
          return pad(clock.second, count);
        case "S":
          return pad(clock.millisecond, count);
        case "a":
          return clock.hour < 12 ? "AM" : "PM";
        case "E":
          return count >= 4 ? DAYS[clock.weekday] : DAYS[clock.weekday]?.slice(0, 3);
        case "u":
          return pad(clock.weekday === 0 ? 7 : clock.weekday, count);
        case "D": {
          const dayOfYear =
            (Date.UTC(clock.year, clock.month - 1, clock.day) - Date.UTC(clock.year, 0, 1)) / 86_400_000 + 1;
          return pad(dayOfYear, count);
        }
        case "Z":
          return formatOffset(clock.offsetMinutes, false, false);
        case "X":
          return formatOffset(clock.offsetMinutes, count >= 3, true, count === 1);
        case "z":
          return shortZoneName(instant, timeZone);
        default:
          throw new PlatformError(`Invalid argument: pattern (Illegal pattern character '${letter}')`);
      }
    })
    .join("");
}
