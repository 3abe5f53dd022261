/**
 * The Summary sheet's "Scans per day, all codes" line chart as an image. Google Sheets draws
 * it natively; an xlsx library cannot, so the preview renders it: a vega-lite spec, laid out
 * by vega into an SVG, rasterised by resvg with the bundled DejaVu fonts only. Nothing
 * depends on the machine: no system fonts, no canvas text measurement, dates as UTC days;
 * the same series gives the same PNG bytes everywhere.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import * as vegaLite from "vega-lite";

export interface DailySeries {
  /** ISO "YYYY-MM-DD" days, oldest first. */
  days: string[];
  /** Scans on each day, all codes together, null where not known (a gap); as long as `days`. */
  totals: Array<number | null>;
}

export interface ChartImage {
  svg: string;
  png: Buffer;
  /** Pixels: the PNG's size, which is the size asked for. */
  width: number;
  height: number;
}

export interface DailyChartOptions {
  title?: string;
  /** Pixels, 200-4000 (default 600). */
  width?: number;
  /** Pixels, 120-4000 (default 300). */
  height?: number;
}

export const DEFAULT_CHART_TITLE = "Scans per day, all codes";
export const DEFAULT_CHART_WIDTH = 600;
export const DEFAULT_CHART_HEIGHT = 300;
/** Google's blue, the first series colour of a Sheets chart. */
export const LINE_COLOR = "#4285F4";
export const EMPTY_CHART_TEXT = "No scans yet";

const FONT_FAMILY = "DejaVu Sans";
const TEXT_COLOR = "#202124";
const LABEL_COLOR = "#5f6368";
const GRID_COLOR = "#e0e0e0";
const DAY_MS = 86_400_000;
/** Up to this many days, each day also gets a dot on the line; beyond, they would merge into a smear. */
const MAX_DAYS_WITH_POINTS = 92;
/** About this many steps up the y axis; the scale rounds up to the next labelled gridline. */
const Y_TICKS = 5;
/** Room an x label ("Nov 19") needs, with a gap, in vega's estimate of text width. */
const X_LABEL_SPACING_PX = 72;
/** Days between x labels: every day, every other day, every third, weekly, fortnightly, ... */
const X_LABEL_STEPS = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728];

const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = [join(fontDir, "DejaVuSans.ttf"), join(fontDir, "DejaVuSans-Bold.ttf")];

/**
 * Vega measures text with node-canvas when it can load it and otherwise estimates
 * (0.8 em a character, a little wider than DejaVu Sans). Whether node-canvas happens to be
 * installed, and the fonts it would measure with, differ between machines, so always estimate.
 */
function useEstimatedTextWidths(): void {
  const metrics = (vega as unknown as { textMetrics?: { canvas?: (use: boolean) => void } }).textMetrics;
  metrics?.canvas?.(false);
}

/** "2025-11-19" as milliseconds at 00:00 UTC; throws on anything else. */
function utcDay(day: string, index: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    throw new Error(`days[${index}] should be a date written YYYY-MM-DD; ${JSON.stringify(day)} is not one.`);
  }
  return time;
}

function checkSize(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `The chart's ${name} should be a whole number of pixels from ${min} to ${max}; got ${value}.`,
    );
  }
  return value;
}

/** The parts of the spec every chart shares: size, title, fonts and the Sheets look. */
function frame(title: string, width: number, height: number) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width,
    height,
    autosize: { type: "fit" as const, contains: "padding" as const },
    padding: { top: 12, right: 20, bottom: 10, left: 14 },
    background: "white",
    title: {
      text: title,
      anchor: "start" as const,
      frame: "bounds" as const,
      fontSize: 15,
      fontWeight: "bold" as const,
      color: TEXT_COLOR,
      offset: 14,
    },
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      axis: {
        labelColor: LABEL_COLOR,
        labelFontSize: 11,
        titleColor: LABEL_COLOR,
        domainColor: "#9aa0a6",
        tickColor: "#9aa0a6",
        gridColor: GRID_COLOR,
      },
    },
  };
}

function lineSpec(series: DailySeries, title: string, width: number, height: number): TopLevelSpec {
  const times = series.days.map(utcDay);
  const values = times.map((time, i) => ({ time, scans: series.totals[i] }));
  const first = times[0];
  const last = times[times.length - 1];
  // One day alone sits in the middle of a day either side.
  const domain = first === last ? [first - DAY_MS, last + DAY_MS] : [first, last];
  const spanDays = Math.round((domain[1] - domain[0]) / DAY_MS);

  // Labels on whole days counted back from the latest, as many as fit across; one day alone gets its own.
  const maxLabels = Math.max(2, Math.floor((width - 80) / X_LABEL_SPACING_PX));
  const step =
    X_LABEL_STEPS.find((s) => Math.floor(spanDays / s) + 1 <= maxLabels) ?? Math.ceil(spanDays / maxLabels);
  const labelTimes: number[] = [];
  for (let time = last; time >= first; time -= step * DAY_MS) labelTimes.unshift(time);

  const peak = Math.max(0, ...series.totals.filter((total) => total !== null));

  return {
    ...frame(title, width, height),
    data: { values },
    mark: {
      type: "line",
      color: LINE_COLOR,
      strokeWidth: 2,
      // A day not known yet is a gap, as Sheets draws a blank cell, not a 0.
      invalid: "break-paths-filter-domains",
      point: times.length <= MAX_DAYS_WITH_POINTS ? { filled: true, size: 28, color: LINE_COLOR } : false,
    },
    encoding: {
      x: {
        field: "time",
        type: "temporal",
        title: null,
        scale: { type: "utc", domain, nice: false },
        axis: {
          values: labelTimes,
          format: "%b %-d",
          grid: false,
          tickSize: 4,
          labelPadding: 4,
          labelOverlap: "greedy",
        },
      },
      y: {
        field: "scans",
        type: "quantitative",
        title: null,
        // All zeros would leave nothing to scale to: show 0 to 1 instead.
        scale: peak === 0 ? { domain: [0, 1] } : { zero: true, nice: Y_TICKS },
        axis: {
          format: ",d",
          tickMinStep: 1,
          tickCount: Y_TICKS,
          domain: false,
          ticks: false,
          labelPadding: 8,
        },
      },
    },
  };
}

function emptySpec(title: string, width: number, height: number): TopLevelSpec {
  return {
    ...frame(title, width, height),
    data: { values: [{ text: EMPTY_CHART_TEXT }] },
    mark: { type: "text", fontSize: 13, color: LABEL_COLOR },
    encoding: {
      text: { field: "text", type: "nominal" },
      x: { value: { expr: "width / 2" } },
      y: { value: { expr: "height / 2" } },
    },
  } as TopLevelSpec;
}

/**
 * The daily scans line chart as an SVG and a PNG of exactly `width` × `height` pixels.
 * An empty series gives the title over "No scans yet"; a null total is a gap. Throws on days
 * that are not YYYY-MM-DD, on totals that are not as many as the days or not counts (finite, ≥ 0).
 */
export async function renderDailyChart(
  series: DailySeries,
  options: DailyChartOptions = {},
): Promise<ChartImage> {
  const width = checkSize("width", options.width ?? DEFAULT_CHART_WIDTH, 200, 4000);
  const height = checkSize("height", options.height ?? DEFAULT_CHART_HEIGHT, 120, 4000);
  const title = options.title ?? DEFAULT_CHART_TITLE;
  if (series.days.length !== series.totals.length) {
    throw new Error(`The series has ${series.days.length} days but ${series.totals.length} totals.`);
  }
  series.totals.forEach((total, i) => {
    if (total !== null && (!Number.isFinite(total) || total < 0)) {
      throw new Error(`totals[${i}] should be a count of scans; ${total} is not one.`);
    }
  });

  const spec =
    series.days.length === 0 ? emptySpec(title, width, height) : lineSpec(series, title, width, height);
  useEstimatedTextWidths();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }

  const rendered = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: "white",
    fitTo: { mode: "width", value: width },
  }).render();
  if (rendered.width !== width || rendered.height !== height) {
    throw new Error(
      `The chart came out ${rendered.width}×${rendered.height} pixels, not ${width}×${height}.`,
    );
  }
  return { svg, png: rendered.asPng(), width, height };
}
