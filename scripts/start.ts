/**
 * `npm start`: the local preview. The built add-on (dist/) runs in the Apps Script emulator
 * against a fake OpenQR API with a demo account (or, with --live, the real API): a user saves
 * the key and the settings and refreshes, the trigger fires over a few virtual days, an
 * editor types formulas. It writes what the spreadsheet would then look like as
 * preview/openqr-report.xlsx, with the Summary's chart as preview/daily-scans.png.
 * No network, no Google account, the same output every time.
 *
 * `npm start` runs it with --build: the options are checked first, so a mistake (an unknown
 * option, --out naming a file) is one line before any work.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { FAKE_OPENQR_KEY, type FakeOpenQR } from "../harness/fake-openqr/index.ts";
import { readFailure } from "../src/shared/add-on-failure.ts";
import type { LiveRoute } from "./preview/live-route.ts";
import { type PreviewOptions, parseOptions, USAGE, UsageError } from "./preview/options.ts";

/** The demo's "now": fixed, so every run writes the same workbook. */
const DEMO_NOW = Date.parse("2026-11-25T09:30:00Z");
const OPENQR_PREFIX = "https://openqr.uk/";
const SUMMARY = "OpenQR Summary";

const say = (line: string) => console.log(line);

async function preview(options: PreviewOptions): Promise<void> {
  const started = Date.now();
  // Loaded once the options are known good, so a mistake is answered at once.
  const [
    { renderDailyChart },
    { demoAccount },
    { liveRoute },
    { demoSchedule, runScenario, TIME_ZONE },
    terminal,
    { DIGEST_SHEET, writeWorkbook },
  ] = await Promise.all([
    import("./preview/chart.ts"),
    import("./preview/demo-account.ts"),
    import("./preview/live-route.ts"),
    import("./preview/scenario.ts"),
    import("./preview/terminal.ts"),
    import("./preview/workbook.ts"),
  ]);
  const { fleetSeries, plural, seriesLines, summaryLines } = terminal;
  const bundle = statSync(new URL("../dist/Code.js", import.meta.url)).size;
  say(`Build: dist/Code.js (${Math.round(bundle / 1024)} KB) loads into the Apps Script emulator.`);

  let fake: FakeOpenQR | null = null;
  let live: LiveRoute | null = null;
  let key = FAKE_OPENQR_KEY;
  let clock = () => DEMO_NOW;
  if (options.live) {
    key = process.env.OPENQR_API_KEY ?? "";
    live = liveRoute(OPENQR_PREFIX, options.api);
    say(`OpenQR API: ${options.api} (live, with the key in OPENQR_API_KEY).`);
  } else {
    fake = demoAccount(() => clock(), options.codes);
    say(
      `Fake OpenQR API up (in-process, seeded): ${plural(fake.codes.length, "code")}${options.codes === null ? " in the demo account" : ""}.`,
    );
  }
  const now = options.live ? Date.now() : DEMO_NOW;
  const shownNow = new Date(now).toISOString().slice(0, 16).replace("T", " ");
  say(
    options.live
      ? `Now: ${shownNow} UTC; the spreadsheet's time zone is ${TIME_ZONE}.`
      : `Demo: clock fixed at ${shownNow} UTC; time zone ${TIME_ZONE}.`,
  );
  const { gas, digests, alerts, monthly } = runScenario({
    now,
    key,
    days: options.days,
    openqr: live ?? fake!.route,
    schedule: options.live ? [0] : demoSchedule(now),
    history: !options.live && options.codes === null,
    progress: say,
    onCreated: (emulator) => {
      clock = () => emulator.clock.now();
    },
    // The fake key is revoked for three hourly runs after the first, then restored.
    ...(fake ? { keyOutage: outageOf(fake, key) } : {}),
  });
  await live?.close();

  mkdirSync(options.outDir, { recursive: true });
  const series = fleetSeries(gas.spreadsheet);
  const chart = await renderDailyChart(series);
  const chartPath = join(options.outDir, "daily-scans.png");
  writeFileSync(chartPath, chart.png);
  const anchor = gas.spreadsheet.sheetByName(SUMMARY)?.charts[0]?.anchor;
  const workbookPath = join(options.outDir, "openqr-report.xlsx");
  const digest = digests.at(-1) ?? null;
  await writeWorkbook(workbookPath, {
    spreadsheet: gas.spreadsheet,
    chart: anchor ? { sheet: SUMMARY, picture: { ...chart, row: anchor.row, column: anchor.column } } : null,
    digest,
    alerts,
    monthly,
    activeSheet: SUMMARY,
  });
  say(
    `Workbook written: ${gas.spreadsheet.sheets.map((sheet) => sheet.name).join(", ")}${digest ? ", Slack digest" : ""}.`,
  );

  const summary = summaryLines(gas.spreadsheet);
  say(`\nOpenQR Summary, the busiest codes by lifetime scans:`);
  for (const line of summary) say(`  ${line}`);
  say("");
  for (const line of seriesLines(series)) say(line);
  if (digest) {
    say(`\nSlack digest (${digests.length} posted; the last one):`);
    for (const line of digest.split("\n")) say(`  ${line}`);
  }
  for (const month of monthly) {
    say(`\nSlack monthly digest (also on the workbook's ${DIGEST_SHEET} sheet):`);
    for (const line of month.split("\n")) say(`  ${line}`);
  }
  if (alerts.length > 0) {
    say(`\nSlack alerts (${alerts.length} posted, also on the workbook's ${DIGEST_SHEET} sheet):`);
    for (const alert of alerts) say(`  ${alert.split("\n")[1] ?? ""}`);
  }
  say(
    `\nWrote ${relative(process.cwd(), workbookPath) || workbookPath} and ${relative(process.cwd(), chartPath) || chartPath} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  say("Open the workbook in Excel, LibreOffice or Google Sheets (File › Import).");

  if (fake && options.serve) {
    const { untilStopped } = await import("./preview/serve.ts");
    const server = await fake.listen(0);
    say(`\nThe fake OpenQR API serves HTTP at ${server.url}, for example:`);
    say(`  curl -H "Authorization: Bearer ${FAKE_OPENQR_KEY}" "${server.url}/v1/dynamic?limit=5"`);
    say(`Stop it with Ctrl+C (or kill ${process.pid}); it also stops when npm start is stopped.`);
    const reason = await untilStopped();
    await server.close();
    say(
      `Stopped the fake OpenQR API (${reason === "parent" ? "the process that started it ended" : reason}).`,
    );
  } else if (!options.live) {
    say("npm start -- --serve keeps the fake OpenQR API up on 127.0.0.1 afterwards;");
    say("npm start -- --help lists the options.");
  }
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let options: PreviewOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(error.message, 2);
  throw error;
}
if (options.help) {
  say(USAGE);
} else if (options.live && !process.env.OPENQR_API_KEY) {
  fail(
    "--live needs your OpenQR API key in the OPENQR_API_KEY environment variable (it is never printed or saved).",
    2,
  );
} else {
  try {
    if (options.build) await (await import("./build.ts")).buildAll();
    await preview(options);
  } catch (error) {
    // The add-on's own messages (a rejected key, an unreachable API) are already written for
    // people; shown as the sidebar shows them, without the add-on's invisible mark.
    const message = readFailure(error instanceof Error ? error.message : String(error)).text;
    const key = process.env.OPENQR_API_KEY;
    fail(`The preview stopped: ${key ? message.split(key).join("[API key]") : message}`, 1);
  }
}

/** Three hourly runs, two to four hours after the manual refresh, with the demo key revoked. */
function outageOf(fake: FakeOpenQR, key: string) {
  const hour = 3_600_000;
  return {
    at: [2 * hour, 3 * hour, 4 * hour],
    revoke: () => fake.revokeKey(key),
    restore: () => fake.addKey(key),
  };
}
