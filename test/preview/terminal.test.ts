// The preview's terminal lines fit 80 columns at any --days, and say "1 day", not "1 days".
import { describe, expect, it } from "vitest";
import { COLUMNS, grouped, MAX_BARS, seriesLines } from "../../scripts/preview/terminal.ts";

/** The days from 2026-11-26 back, oldest first, with made-up totals (every 9th unknown). */
function series(days: number) {
  const end = Date.parse("2026-11-26T00:00:00Z");
  const list = Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000));
  return {
    days: list.map((day) => day.toISOString().slice(0, 10)),
    totals: list.map((_, i) => (i % 9 === 8 ? null : 100_000 + ((i * 7919) % 900_000))),
  };
}

const columns = (line: string) => [...line].length;

describe("the sparkline of the fleet's days", () => {
  it.each([1, 2, 7, 30, 59, 60, 61, 90, 120, 180, 364, 365])("fits %i days in 80 columns", (days) => {
    const lines = seriesLines(series(days));
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(COLUMNS);
    const bars = lines[1]!.slice(2).replace(/ {2}max [\d,]+ a day$/, "");
    expect(columns(bars)).toBeLessThanOrEqual(MAX_BARS);
    expect(columns(bars)).toBe(Math.ceil(days / Math.ceil(days / MAX_BARS)));
  });

  it("says one bar a day, or how many days a bar averages", () => {
    expect(seriesLines(series(1))[0]).toBe(
      "Scans per day, all codes: 2026-11-26 to 2026-11-26, 1 complete day",
    );
    expect(seriesLines(series(30))[0]).toBe(
      "Scans per day, all codes: 2026-10-28 to 2026-11-26, 30 complete days",
    );
    expect(seriesLines(series(365))[0]).toBe(
      "Scans per day, all codes: 2025-11-27 to 2026-11-26, 365 complete days, 7 per bar",
    );
  });

  it("averages the known days of each bar, leaving a gap where none is known", () => {
    expect(grouped([1, 2, 3, null, null, null, 4], 3)).toEqual({ perBar: 3, values: [2, null, 4] });
    expect(grouped([5, null, 7], 60)).toEqual({ perBar: 1, values: [5, null, 7] });
    expect(seriesLines({ days: ["2026-11-25", "2026-11-26"], totals: [1200, null] })[1]).toBe(
      "  █   max 1,200 a day",
    );
  });
});
