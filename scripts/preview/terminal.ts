/**
 * The preview's closing words in the terminal: the Summary's top codes, a sparkline of the
 * fleet's days, the digest, the paths. The tables and the sparkline fit 80 columns.
 */
import type { CellValue, SpreadsheetModel } from "../../harness/emulator/index.ts";
import { columnOf, type SummaryColumn } from "../../src/report/summary-rows.ts";

const BARS = "▁▂▃▄▅▆▇█";
const MAX_ROWS = 10;
const MAX_SLUG = 22;
/** Codes whose Status is not "ok" get a line each under the table, at most this many. */
const MAX_STATUS_LINES = 5;
/** What the terminal shows fits this many columns (each line is indented by two). */
export const COLUMNS = 80;
/** At most this many bars, leaving room for the indent and "  max 9,999,999 a day". */
export const MAX_BARS = 56;

export const plural = (count: number, noun: string) =>
  `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

/** One bar per value, a space where the value is not known. */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const max = Math.max(0, ...values.filter((n) => n !== null));
  return values
    .map((n) => (n === null ? " " : BARS[max === 0 ? 0 : Math.min(7, Math.floor((n / max) * 7.999))]))
    .join("");
}

/**
 * The values in at most `maxBars` groups of `perBar` consecutive ones (the last may be
 * shorter), each the mean of its known values, or null when none is known.
 */
export function grouped(
  values: ReadonlyArray<number | null>,
  maxBars = MAX_BARS,
): { perBar: number; values: Array<number | null> } {
  const perBar = Math.max(1, Math.ceil(values.length / maxBars));
  const groups: Array<number | null> = [];
  for (let start = 0; start < values.length; start += perBar) {
    const known = values.slice(start, start + perBar).filter((n): n is number => n !== null);
    groups.push(known.length === 0 ? null : known.reduce((sum, n) => sum + n, 0) / known.length);
  }
  return { perBar, values: groups };
}

/** The fleet's days as a heading and one sparkline, each within COLUMNS. */
export function seriesLines(series: { days: string[]; totals: Array<number | null> }): string[] {
  const first = series.days[0] ?? "";
  const last = series.days.at(-1) ?? "";
  const { perBar, values } = grouped(series.totals);
  const peak = Math.max(0, ...values.filter((n) => n !== null));
  // A bar of several days shows their mean.
  const each = perBar === 1 ? "" : `, ${perBar} per bar`;
  return [
    `Scans per day, all codes: ${first} to ${last}, ${plural(series.days.length, "complete day")}${each}`,
    `  ${sparkline(values)}  max ${Math.round(peak).toLocaleString("en-US")} a day`,
  ];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Columns padded to their widest cell, numbers to the right. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column >= 1 && column <= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd(),
  );
}

/**
 * The Summary sheet's busiest codes by lifetime scans and its total, compactly, then the
 * total's Status and each code's that is not "ok"; every line within COLUMNS once indented.
 */
export function summaryLines(spreadsheet: SpreadsheetModel): string[] {
  const values = spreadsheet.sheetValues("OpenQR Summary");
  const totalAt = values.findIndex((row) => row[0] === "Total");
  const cell = (row: CellValue[] | undefined, name: SummaryColumn) => row?.[columnOf(name) - 1];
  const lifetime = (row: CellValue[]) => {
    const value = cell(row, "Lifetime");
    return typeof value === "number" ? value : -1;
  };
  // By the numbers (unknown last); the sort is stable, so ties keep the sheet's order (by slug).
  const codes = values.slice(1, totalAt).sort((a, b) => lifetime(b) - lifetime(a));
  const shown = codes.slice(0, MAX_ROWS);
  const number = (value: CellValue | undefined) =>
    typeof value === "number" ? value.toLocaleString("en-US") : "";
  const change = (value: CellValue | undefined) =>
    typeof value === "number" ? `${value > 0 ? "+" : ""}${Math.round(value * 100)}%` : "";
  const line = (row: CellValue[] | undefined, label: string) => [
    clip(label, MAX_SLUG),
    number(cell(row, "Lifetime")),
    number(cell(row, "Last 7 full days")),
    change(cell(row, "Change")),
    String(cell(row, "Trend") ?? ""),
  ];
  const lines = table([
    ["Slug", "Lifetime", "Last 7 full days", "Change", "Trend"],
    ...shown.map((row) => line(row, String(row[1]))),
    line(values[totalAt], "Total"),
  ]);
  if (codes.length > shown.length)
    lines.splice(lines.length - 1, 0, `… and ${plural(codes.length - shown.length, "more code")}`);
  const width = COLUMNS - 2;
  lines.push(clip(`Status: ${String(cell(values[totalAt], "Status") ?? "")}`, width));
  const notOk = codes.filter((row) => String(cell(row, "Status") ?? "ok") !== "ok");
  for (const row of notOk.slice(0, MAX_STATUS_LINES))
    lines.push(clip(`${clip(String(row[1]), MAX_SLUG)}: ${String(cell(row, "Status"))}`, width));
  if (notOk.length > MAX_STATUS_LINES)
    lines.push(`… and ${plural(notOk.length - MAX_STATUS_LINES, "more code")} not ok`);
  return lines;
}

/** The fleet's daily totals, from the Summary's series (what the chart draws; blank: null). */
export function fleetSeries(spreadsheet: SpreadsheetModel): { days: string[]; totals: Array<number | null> } {
  const values = spreadsheet.sheetValues("OpenQR Summary");
  const header = values.findIndex((row) => row[0] === "Day" && row[1] === "Fleet scans");
  const rows = values.slice(header + 1).filter((row) => row[0] instanceof Date);
  return {
    // Day cells are midnight in Los Angeles: the API's day is that instant's date there.
    days: rows.map((row) => isoDayIn(row[0] as Date, spreadsheet.timeZone)),
    totals: rows.map((row) => (typeof row[1] === "number" ? row[1] : null)),
  };
}

function isoDayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}
