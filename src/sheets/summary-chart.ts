/**
 * The Summary sheet's one line chart of the fleet's daily scans: created on the first
 * refresh, pointed at the moved series on later ones, never duplicated. The add-on's
 * chart is the one drawing columns A:B of its sheet.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export const CHART_TITLE = "Scans per day, all codes";
/** Beside the series (columns A:B), leaving column C as a gutter. */
const CHART_COLUMN = 4;

/** The range our chart draws, or null for a chart of the user's. */
function ourRange(chart: Chart): GoogleAppsScript.Spreadsheet.Range | null {
  const ranges = chart.getRanges();
  const only = ranges.length === 1 ? ranges[0]! : null;
  return only !== null && only.getColumn() === 1 && only.getNumColumns() === 2 ? only : null;
}

/** Makes sure exactly one chart draws rows row…row+numRows-1 of columns A:B. */
export function ensureSummaryChart(sheet: Sheet, rows: { row: number; numRows: number }): void {
  const range = sheet.getRange(rows.row, 1, rows.numRows, 2);
  const ours = sheet
    .getCharts()
    .map((chart) => ({ chart, drawn: ourRange(chart) }))
    .filter((found) => found.drawn !== null);
  for (const extra of ours.slice(1)) sheet.removeChart(extra.chart);
  if (ours.length === 0) {
    sheet.insertChart(
      sheet
        .newChart()
        .asLineChart()
        .addRange(range)
        .setNumHeaders(1)
        .setPosition(rows.row, CHART_COLUMN, 0, 0)
        .setOption("title", CHART_TITLE)
        .setOption("legend", { position: "none" })
        .build(),
    );
    return;
  }
  const { chart, drawn } = ours[0]!;
  if (drawn!.getA1Notation() === range.getA1Notation()) return;
  sheet.updateChart(
    chart.modify().clearRanges().addRange(range).setPosition(rows.row, CHART_COLUMN, 0, 0).build(),
  );
}
