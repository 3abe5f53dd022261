/**
 * The Summary sheet's daily scans chart as the preview renders it: right size, not blank,
 * the title and day labels drawn with the bundled font, the same bytes every time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  type ChartImage,
  type DailySeries,
  DEFAULT_CHART_TITLE,
  EMPTY_CHART_TEXT,
  renderDailyChart,
} from "../../scripts/preview/chart.ts";

const samplePath = join(dirname(fileURLToPath(import.meta.url)), "../../test-results/daily-scans-sample.png");

/** `count` days from `first` (YYYY-MM-DD) with `total(i)` scans on the i-th. */
function series(first: string, count: number, total: (i: number) => number): DailySeries {
  const start = Date.parse(`${first}T00:00:00Z`);
  const days = Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
  return { days, totals: days.map((_, i) => total(i)) };
}

/** Thirty days ending Nov 24, 2025: a weekly rhythm over slow growth. */
const month = series("2025-10-26", 30, (i) =>
  Math.round(900 + 500 * Math.sin((i * 2 * Math.PI) / 7) + i * 35),
);

/** Text the SVG draws, in order. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

interface PixelCounts {
  width: number;
  height: number;
  nonWhite: number;
  /** Pixels within a small distance of the line colour #4285F4. */
  lineColoured: number;
}

function countPixels(png: Buffer): PixelCounts {
  const image = PNG.sync.read(png);
  let nonWhite = 0;
  let lineColoured = 0;
  let seeThrough = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
    if (a !== 255) seeThrough++;
    if (r < 250 || g < 250 || b < 250) nonWhite++;
    if (Math.abs(r - 0x42) + Math.abs(g - 0x85) + Math.abs(b - 0xf4) <= 24) lineColoured++;
  }
  // The white background is painted in: no pixel is even partly transparent.
  expect(seeThrough).toBe(0);
  return { width: image.width, height: image.height, nonWhite, lineColoured };
}

function expectSanePng(chart: ChartImage, width: number, height: number): PixelCounts {
  expect(chart.width).toBe(width);
  expect(chart.height).toBe(height);
  expect(chart.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(chart.png.length).toBeGreaterThan(5_000);
  expect(chart.png.length).toBeLessThan(500_000);
  const pixels = countPixels(chart.png);
  expect(pixels.width).toBe(width);
  expect(pixels.height).toBe(height);
  return pixels;
}

describe("renderDailyChart", () => {
  it("draws a month of scans at 600×300, not blank, in the line colour, and saves a sample", async () => {
    const chart = await renderDailyChart(month);
    const pixels = expectSanePng(chart, 600, 300);
    // Text, gridlines and the line: a few thousand pixels of the 180,000; a blank chart has none.
    expect(pixels.nonWhite).toBeGreaterThan(3_000);
    expect(pixels.nonWhite).toBeLessThan(60_000);
    expect(pixels.lineColoured).toBeGreaterThan(500);
    mkdirSync(dirname(samplePath), { recursive: true });
    writeFileSync(samplePath, chart.png);
  });

  it("writes the title, day labels and grouped counts as text in the bundled font", async () => {
    const { svg } = await renderDailyChart(month);
    const texts = svgTexts(svg);
    expect(texts).toContain(DEFAULT_CHART_TITLE);
    expect(texts).toEqual(expect.arrayContaining(["Nov 3", "Nov 10", "Nov 17", "Nov 24"]));
    expect(texts).toEqual(expect.arrayContaining(["0", "1,000"]));
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).not.toMatch(/legend/i);
  });

  it("takes another title and size", async () => {
    const chart = await renderDailyChart(month, { title: "Scans & more", width: 800, height: 400 });
    expectSanePng(chart, 800, 400);
    expect(svgTexts(chart.svg)).toContain("Scans & more");
  });

  it("gives byte-identical PNGs for the same series", async () => {
    const [a, b] = [await renderDailyChart(month), await renderDailyChart(month)];
    expect(a.svg).toBe(b.svg);
    expect(a.png.equals(b.png)).toBe(true);
  });

  it("labels the same UTC days whatever the machine's time zone", async () => {
    const original = process.env.TZ;
    try {
      const charts: ChartImage[] = [];
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        charts.push(await renderDailyChart(month));
      }
      expect(svgTexts(charts[0]!.svg)).toContain("Nov 24");
      expect(charts[0]!.png.equals(charts[1]!.png)).toBe(true);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it("renders an empty series as the title over 'No scans yet'", async () => {
    const chart = await renderDailyChart({ days: [], totals: [] });
    const pixels = expectSanePng(chart, 600, 300);
    expect(svgTexts(chart.svg)).toEqual([EMPTY_CHART_TEXT, DEFAULT_CHART_TITLE]);
    expect(pixels.nonWhite).toBeGreaterThan(300);
    expect(pixels.lineColoured).toBe(0);
  });

  it("renders one day as a point labelled with its day", async () => {
    const chart = await renderDailyChart({ days: ["2025-11-19"], totals: [3] });
    const pixels = expectSanePng(chart, 600, 300);
    expect(svgTexts(chart.svg)).toContain("Nov 19");
    expect(pixels.lineColoured).toBeGreaterThan(5);
  });

  it("leaves a gap, not a 0, for a day not known, and scales to the known days", async () => {
    const known = await renderDailyChart(series("2025-11-01", 14, (i) => 100 + i));
    const gapped = await renderDailyChart({
      ...series("2025-11-01", 14, (i) => 100 + i),
      totals: [null, null, ...Array.from({ length: 12 }, (_, i) => 102 + i)],
    });
    const pixels = expectSanePng(gapped, 600, 300);
    // No "0" dot at the start: less line than the full series, and the same axis labels.
    expect(pixels.lineColoured).toBeGreaterThan(300);
    expect(pixels.lineColoured).toBeLessThan(countPixels(known.png).lineColoured);
    expect(svgTexts(gapped.svg).filter((text) => /^\d/.test(text))).toEqual(
      svgTexts(known.svg).filter((text) => /^\d/.test(text)),
    );
    expect(gapped.svg.match(/<path[^>]*aria-roledescription="point"/g)?.length ?? 0).toBe(
      (known.svg.match(/<path[^>]*aria-roledescription="point"/g)?.length ?? 0) - 2,
    );
  });

  it("renders all zeros on a 0 to 1 axis", async () => {
    const chart = await renderDailyChart(series("2025-11-01", 14, () => 0));
    const pixels = expectSanePng(chart, 600, 300);
    expect(svgTexts(chart.svg)).toEqual(expect.arrayContaining(["0", "1"]));
    expect(pixels.lineColoured).toBeGreaterThan(300);
  });

  it("groups the thousands of counts in the millions", async () => {
    const chart = await renderDailyChart(series("2025-11-01", 30, (i) => 1_000_000 + i * 75_000));
    expectSanePng(chart, 600, 300);
    expect(svgTexts(chart.svg)).toEqual(expect.arrayContaining(["0", "1,000,000", "3,000,000"]));
  });

  it("renders a year of days, across New Year, in well under a second", async () => {
    const year = series("2024-12-01", 365, (i) => 200 + ((i * 37) % 300));
    await renderDailyChart(year);
    const start = performance.now();
    const chart = await renderDailyChart(year);
    expect(performance.now() - start).toBeLessThan(1_000);
    const pixels = expectSanePng(chart, 600, 300);
    expect(pixels.lineColoured).toBeGreaterThan(500);
    expect(svgTexts(chart.svg)).toContain("Nov 30");
  });

  it("refuses a series it cannot draw truthfully", async () => {
    await expect(renderDailyChart({ days: ["2025-11-19"], totals: [] })).rejects.toThrow(
      "The series has 1 days but 0 totals.",
    );
    await expect(renderDailyChart({ days: ["2025-11-31"], totals: [1] })).rejects.toThrow(
      'days[0] should be a date written YYYY-MM-DD; "2025-11-31" is not one.',
    );
    await expect(renderDailyChart({ days: ["2025-11-19"], totals: [-1] })).rejects.toThrow(
      "totals[0] should be a count of scans; -1 is not one.",
    );
    await expect(renderDailyChart(month, { width: 10 })).rejects.toThrow(RangeError);
  });
});
