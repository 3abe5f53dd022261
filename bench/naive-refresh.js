/**
 * The naive refresh: the OpenQR scans guide's worked examples (list the codes, then
 * GET /v1/dynamic/{id}/scans per code; the daily series as rows; a header of totals and
 * tops per code) ported to Apps Script the way a first attempt would be. It is real Apps
 * Script, loaded into its own emulator by bench/scenarios.ts, never into the add-on.
 *
 * One UrlFetchApp.fetch per code, in sequence; each sheet cleared and written one
 * appendRow per row, the whole sheet every run. It keeps the Daily sheet's older rows
 * (it reads them first) so it ends with the same archive as the add-on.
 */

const NAIVE_BASE_URL = "https://openqr.uk";

// biome-ignore lint/correctness/noUnusedVariables: the entry point, called by name (a menu item or a trigger)
function refreshNaive() {
  const key = PropertiesService.getUserProperties().getProperty("OPENQR_KEY");
  const days = Number(PropertiesService.getDocumentProperties().getProperty("OPENQR_DAYS") || 30);
  const options = { headers: { Authorization: `Bearer ${key}` } };

  // GET /v1/dynamic, following next_cursor.
  const codes = [];
  let cursor = null;
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const page = JSON.parse(
      UrlFetchApp.fetch(`${NAIVE_BASE_URL}/v1/dynamic${query}`, options).getContentText(),
    );
    for (const code of page.codes) codes.push(code);
    cursor = page.next_cursor;
  } while (cursor);

  // One request per code, one after the other.
  const results = [];
  for (const code of codes) {
    const url = `${NAIVE_BASE_URL}/v1/dynamic/${code.id}/scans?days=${days}`;
    results.push(JSON.parse(UrlFetchApp.fetch(url, options).getContentText()));
  }

  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  writeNaiveDaily(ss, timeZone, results);
  writeNaiveBreakdown(ss, results);
  writeNaiveSummary(ss, results);
}

function naiveSheet(ss, name) {
  return ss.getSheetByName(name) || ss.insertSheet(name);
}

/** Day, Code ID, Slug, Scans: the rows already there, with the fetched days replaced. */
function writeNaiveDaily(ss, timeZone, results) {
  const sheet = naiveSheet(ss, "OpenQR Daily");
  const rows = {};
  const existing = sheet.getDataRange().getValues();
  for (let i = 1; i < existing.length; i++) {
    const row = existing[i];
    if (!(row[0] instanceof Date)) continue;
    const day = Utilities.formatDate(row[0], timeZone, "yyyy-MM-dd");
    rows[`${day}|${row[1]}`] = [day, row[1], row[2], row[3]];
  }
  for (const result of results) {
    for (const bucket of result.analytics.daily) {
      rows[`${bucket.day}|${result.id}`] = [bucket.day, result.id, result.slug, bucket.n];
    }
  }
  const sorted = Object.keys(rows)
    .map((k) => rows[k])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  sheet.clear();
  sheet.appendRow(["Day", "Code ID", "Slug", "Scans"]);
  for (const row of sorted) sheet.appendRow(row);
}

function writeNaiveBreakdown(ss, results) {
  const sheet = naiveSheet(ss, "OpenQR Breakdown");
  sheet.clear();
  sheet.appendRow(["Code ID", "Slug", "Dimension", "Value", "Scans", "Window (days)"]);
  for (const result of results) {
    const a = result.analytics;
    const dimensions = { country: a.by_country, device: a.by_device, referrer: a.by_referrer };
    for (const dimension of Object.keys(dimensions)) {
      for (const entry of dimensions[dimension] || []) {
        sheet.appendRow([result.id, result.slug, dimension, entry.value, entry.n, a.days_window]);
      }
    }
  }
}

/** Worked example 1 per code: lifetime, window, busiest day, tops. */
function writeNaiveSummary(ss, results) {
  const sheet = naiveSheet(ss, "OpenQR Summary");
  sheet.clear();
  sheet.appendRow([
    "Code ID",
    "Slug",
    "Short URL",
    "Destination",
    "Lifetime",
    "Last 7 days",
    "Window total",
    "Window (days)",
    "Top country",
    "Top device",
    "Top referrer",
    "Busiest day",
    "Busiest day scans",
    "Refreshed at",
  ]);
  const top = (entries) => (entries?.[0] ? entries[0].value : "");
  const now = new Date();
  let lifetime = 0;
  let windowTotal = 0;
  for (const result of results) {
    const a = result.analytics;
    const busiest = a.daily.reduce((best, d) => (d.n > best.n ? d : best), { day: "", n: 0 });
    sheet.appendRow([
      result.id,
      result.slug,
      result.short_url,
      result.destination,
      result.scans.total,
      result.scans.last7,
      a.window_total,
      a.days_window,
      top(a.by_country),
      top(a.by_device),
      top(a.by_referrer),
      busiest.day,
      busiest.n,
      now,
    ]);
    lifetime += result.scans.total;
    windowTotal += a.window_total;
  }
  sheet.appendRow(["Total", "", "", "", lifetime, "", windowTotal]);
}
