/**
 * The Summary sheet's one line chart of the fleet's daily scans: created on the first
 * refresh, pointed at the moved series on later ones, never duplicated. The add-on's
 * chart is the one drawing columns A:B of its sheet.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CHART_TITLE = "Scans per day, all codes";
/** Beside the series (columns A:B), leaving column C as a gutter. */
const CHART_COLUMN = 4;
const OUR_RANGE = /^A\d+:B\d+$/;

/** Makes sure exactly one chart draws the rows given (`start` 0-based: the table's row index) of columns A:B. */
export function ensureSummaryChart(sheet: Sheet, rows: { start: number; numRows: number }): void {
  const first = rows.start + 1;
  const wanted = `A${first}:B${first + rows.numRows - 1}`;
  const ours = sheet
    .getCharts()
    .map((chart) => {
      const ranges = chart.getRanges();
      return { chart, drawn: ranges.length === 1 ? ranges[0]!.getA1Notation() : "" };
    })
    .filter((found) => OUR_RANGE.test(found.drawn));
  for (const extra of ours.slice(1)) sheet.removeChart(extra.chart);
  const found = ours[0];
  if (found?.drawn === wanted) return;
  const range = sheet.getRange(wanted);
  if (found === undefined) {
    sheet.insertChart(
      sheet
        .newChart()
        .asLineChart()
        .addRange(range)
        .setNumHeaders(1)
        .setPosition(first, CHART_COLUMN, 0, 0)
        .setOption("title", CHART_TITLE)
        .setOption("legend", { position: "none" })
        .build(),
    );
    return;
  }
  sheet.updateChart(
    found.chart.modify().clearRanges().addRange(range).setPosition(first, CHART_COLUMN, 0, 0).build(),
  );
}
