/** The preview's closing words in the terminal: the Summary, a sparkline, the digest, the paths. */
import type { CellValue, SpreadsheetModel } from "../../harness/emulator/index.ts";
import { columnOf, type SummaryColumn } from "../../src/report/summary-rows.ts";

const BARS = "▁▂▃▄▅▆▇█";
const MAX_ROWS = 15;
const MAX_SLUG = 28;

/** One bar per value, a space where the value is not known. */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const max = Math.max(0, ...values.filter((n) => n !== null));
  return values
    .map((n) => (n === null ? " " : BARS[max === 0 ? 0 : Math.min(7, Math.floor((n / max) * 7.999))]))
    .join("");
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

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

/** The Summary sheet's code rows and total, compactly. */
export function summaryLines(spreadsheet: SpreadsheetModel): string[] {
  const values = spreadsheet.sheetValues("OpenQR Summary");
  const totalAt = values.findIndex((row) => row[0] === "Total");
  const codes = values.slice(1, totalAt);
  const shown = codes.slice(0, MAX_ROWS);
  const cell = (row: CellValue[] | undefined, name: SummaryColumn) => row?.[columnOf(name) - 1];
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
    clip(String(cell(row, "Status") ?? ""), 40),
  ];
  const rows = [
    ["Slug", "Lifetime", "Last 7 full days", "Change", "Trend", "Status"],
    ...shown.map((row) => line(row, String(row[1]))),
    line(values[totalAt], "Total"),
  ];
  const lines = table(rows);
  if (codes.length > shown.length)
    lines.splice(lines.length - 1, 0, `… and ${codes.length - shown.length} more codes`);
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
