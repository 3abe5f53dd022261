// The YYYY-MM-DD → zoned-midnight conversion, against Node's tz database, with probe counts.
import { describe, expect, it } from "vitest";
import { parseZoneOffset, zonedMidnights } from "../../src/shared/days.ts";

function offsetIn(timeZone: string) {
  const probes: number[] = [];
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  const offsetAt = (instant: number): number => {
    probes.push(instant);
    const name = format.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")!.value;
    return name === "GMT" ? 0 : parseZoneOffset(name.replace("GMT", ""));
  };
  return { offsetAt, probes };
}

function localDateTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

function consecutiveDays(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

describe("zonedMidnights", () => {
  it.each([
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "America/Santiago",
    "Africa/Casablanca",
    "UTC",
  ])("gives local midnight of every day of a year in %s", (zone) => {
    const days = consecutiveDays("2025-11-20", 371);
    const { offsetAt, probes } = offsetIn(zone);
    const midnights = zonedMidnights(days, offsetAt);
    midnights.forEach((instant, i) => {
      const shown = localDateTime(instant, zone);
      expect(shown.slice(0, 10)).toBe(days[i]);
      // Midnight, or the first minute of a day whose midnight a DST jump skips.
      expect(["00:00", "01:00"]).toContain(shown.slice(11));
    });
    expect(probes.length).toBeLessThan(120);
  });

  it("needs only a handful of probes for 30 days without a DST change", () => {
    const { offsetAt, probes } = offsetIn("America/Los_Angeles");
    zonedMidnights(consecutiveDays("2026-06-01", 30), offsetAt);
    expect(probes.length).toBeLessThanOrEqual(4);
  });

  it("keeps the order given, duplicates included", () => {
    const { offsetAt } = offsetIn("UTC");
    const result = zonedMidnights(["2026-03-02", "2026-03-01", "2026-03-02"], offsetAt);
    expect(result.map((t) => new Date(t).toISOString())).toEqual([
      "2026-03-02T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
    ]);
  });

  it("parses Utilities.formatDate's Z offsets", () => {
    expect(parseZoneOffset("+0100")).toBe(60);
    expect(parseZoneOffset("-0800")).toBe(-480);
    expect(parseZoneOffset("+0530")).toBe(330);
    expect(parseZoneOffset("+05:45")).toBe(345);
    expect(() => parseZoneOffset("GMT")).toThrow('Unrecognised time-zone offset "GMT"');
  });
});
