import type { GridArea } from "./a1.ts";
import type { SheetModel } from "./spreadsheet-model.ts";

/**
 * Embedded charts as the document stores them (on SheetModel.charts), for tests to inspect:
 * only what a built chart carries, nothing is drawn.
 */

/** Names of Charts.ChartType (the `Charts` global itself is absent in this emulator). */
export const CHART_TYPES = [
  "AREA",
  "BAR",
  "BUBBLE",
  "CANDLESTICK",
  "COLUMN",
  "COMBO",
  "GAUGE",
  "GEO",
  "HISTOGRAM",
  "LINE",
  "ORG",
  "PIE",
  "RADAR",
  "SCATTER",
  "SCORECARD",
  "SPARKLINE",
  "STEPPED_AREA",
  "TABLE",
  "TIMELINE",
  "TREEMAP",
  "WATERFALL",
] as const;
export type ChartTypeName = (typeof CHART_TYPES)[number];

export interface ChartRange {
  sheet: SheetModel;
  area: GridArea;
}

export interface ChartAnchor {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartRecord {
  /** Spreadsheet-unique, what EmbeddedChart.getChartId() returns. */
  id: number;
  type: ChartTypeName;
  ranges: ChartRange[];
  /** setOption keys as given ("title", "hAxis.title", "vAxis.title", "legend.position", ...). */
  options: Record<string, unknown>;
  anchor: ChartAnchor;
  /** setNumHeaders; null when never set (Sheets guesses). */
  numHeaders: number | null;
}

/** A chart being built or a built chart not yet (or no longer) in the document. */
export interface ChartDraft extends Omit<ChartRecord, "id" | "type"> {
  /** null until inserted; modify() keeps the chart's id so updateChart finds it. */
  id: number | null;
  type: ChartTypeName | null;
}

export const DEFAULT_ANCHOR: Readonly<ChartAnchor> = Object.freeze({
  row: 1,
  column: 1,
  offsetX: 0,
  offsetY: 0,
});

export function sameRange(a: ChartRange, b: ChartRange): boolean {
  return (
    a.sheet === b.sheet &&
    a.area.row === b.area.row &&
    a.area.column === b.area.column &&
    a.area.numRows === b.area.numRows &&
    a.area.numColumns === b.area.numColumns
  );
}

/** A deep enough copy: ranges and options are not shared between a builder, built charts and the document. */
export function copyDraft(draft: ChartDraft): ChartDraft {
  return {
    id: draft.id,
    type: draft.type,
    ranges: draft.ranges.map((range) => ({ sheet: range.sheet, area: { ...range.area } })),
    options: structuredClone(draft.options),
    anchor: { ...draft.anchor },
    numHeaders: draft.numHeaders,
  };
}
