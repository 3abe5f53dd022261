// `npm start`: the preview workbook and chart it writes, and its options, run as a user would.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeOpenQR, FAKE_OPENQR_KEY } from "../../harness/fake-openqr/index.ts";
import { demoAccount, HOSTILE_SLUG } from "../../scripts/preview/demo-account.ts";
import { columnOf } from "../../src/report/summary-rows.ts";

const DEMO_NOW = Date.parse("2026-11-25T09:30:00Z");
const TSX = join("node_modules", ".bin", "tsx");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

/** Runs `npm start`'s script (dist/ is built by `npm test` first) into a fresh folder. */
function start(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), "openqr-preview-"));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/start.ts", "--out", out, ...args], {
      env: { ...process.env, OPENQR_API_KEY: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, out }));
  });
}

async function workbookOf(run: Run): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(run.out, "openqr-report.xlsx"));
  return workbook;
}

/** Every file inside the .xlsx (a zip of XML), as text. */
async function xlsxText(run: Run): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(join(run.out, "openqr-report.xlsx")));
  const parts = await Promise.all(Object.values(zip.files).map((file) => file.async("string")));
  return parts.join("\n");
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, number) => {
    rows[number - 1] = (row.values as ExcelJS.CellValue[]).slice(1);
  });
  return rows;
};
const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

describe("npm start, the demo", () => {
  let run: Run;
  let workbook: ExcelJS.Workbook;
  let seconds: number;
  beforeAll(async () => {
    const began = Date.now();
    run = await start([]);
    seconds = (Date.now() - began) / 1000;
    workbook = await workbookOf(run);
  }, 60_000);

  it("finishes in well under 30 s", () => {
    expect(seconds).toBeLessThan(30);
  });

  it("exits 0 and says what it does as it goes", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^Build: dist\/Code\.js \(\d+ KB\) loads into the Apps Script emulator\.$/);
    expect(lines[1]).toBe("Fake OpenQR API up (in-process, seeded): 14 codes in the demo account.");
    expect(lines[2]).toBe("Demo: clock fixed at 2026-11-25 09:30 UTC; time zone America/Los_Angeles.");
    expect(lines[3]).toBe(
      "Earlier: refreshed 57 and 29 days before, over 365 days, so the archive holds a year and more.",
    );
    expect(lines[4]).toBe("Refresh 1 of 8 (Refresh now): Refreshed 14 codes.");
    expect(lines[5]).toBe(
      "Refresh 2 of 8 (scheduled, 2026-11-25 10:30 UTC, Slack digest posted): Refreshed 14 codes.",
    );
    // The demo key is revoked for three hourly runs: one alert, then one recovery.
    const revoked =
      "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.";
    expect(lines.slice(6, 10)).toEqual([
      `Refresh 3 of 8 (scheduled, 2026-11-25 11:30 UTC, key revoked, Slack alert posted): ${revoked}`,
      `Refresh 4 of 8 (scheduled, 2026-11-25 12:30 UTC, key revoked): ${revoked}`,
      `Refresh 5 of 8 (scheduled, 2026-11-25 13:30 UTC, key revoked): ${revoked}`,
      "Refresh 6 of 8 (scheduled, 2026-11-25 15:00 UTC, Slack recovery posted): Refreshed 14 codes.",
    ]);
    expect(run.stdout).toContain(
      [
        "Slack alerts (2 posted, also on the workbook's Slack digest sheet):",
        "  OpenQR rejected the saved API key. Failing since 2026-11-25 03:30 (America/Los Angeles); 1 failed run so far.",
        "  Recovered after 3 failed runs since 2026-11-25 03:30 (America/Los Angeles).",
      ].join("\n"),
    );
    expect(run.stdout).toContain(
      "Workbook written: Formulas, OpenQR Summary, OpenQR Daily, OpenQR Breakdown, OpenQR Monthly, OpenQR Runs, Slack digest.",
    );
    // The last run is on the 27th: the chart ends on the 26th, the last complete UTC day.
    expect(run.stdout).toMatch(
      /\nScans per day, all codes: 2026-10-28 to 2026-11-26, 30 complete days\n {2}[▁▂▃▄▅▆▇█]{30} {2}max [\d,]+ a day\n/,
    );
    expect(run.stdout).toContain("Slack digest (3 posted; the last one):");
    // The groups the owner typed into the Summary reach the monthly digest.
    expect(run.stdout).toMatch(/\n {2}Groups: \*Events\* [\d,]+ · /);
    // The first scheduled run of the demo posts October's monthly digest, against September and a year before.
    expect(run.stdout).toContain(
      "\nSlack monthly digest (also on the workbook's Slack digest sheet):\n  *OpenQR monthly digest: October 2026* · <",
    );
    expect(run.stdout).toMatch(
      /\n {2}\*[\d,]+ scans\* in October 2026 \(UTC days\) · 14 codes · [+−]\S+ vs September 2026 · [+−]\S+ vs October 2025\n/,
    );
    expect(run.stdout).toMatch(/Wrote .*openqr-report\.xlsx and .*daily-scans\.png in \d+\.\d s\./);
  });

  it("prints the Summary's busiest codes by lifetime scans, sorted as numbers, and its status", () => {
    const table = run.stdout.slice(
      run.stdout.indexOf("OpenQR Summary, the busiest codes by lifetime scans:"),
    );
    const lines = table.split("\n").slice(1, 16);
    expect(lines[0]).toMatch(/^ {2}Slug +Lifetime +Last 7 full days +Change +Trend$/);
    const rows = lines.slice(1, 11);
    expect(rows[0]).toMatch(/^ {2}festival-gate +22,593 /);
    const lifetimes = rows.map((line) => Number(/^ {2}.{22} +([\d,]+) /.exec(line)![1]!.replace(/,/g, "")));
    expect(lifetimes).toEqual([...lifetimes].sort((a, b) => b - a));
    expect(lines[11]).toBe("  … and 4 more codes");
    expect(lines[12]).toMatch(/^ {2}Total +39,589 /);
    expect(lines[13]).toBe("  Status: 14 ok, 0 failed");
    const series = run.stdout.slice(run.stdout.indexOf("Scans per day")).split("\n").slice(0, 2);
    for (const line of [...lines.slice(0, 14), ...series])
      expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it("writes every sheet, with the add-on's headers, frozen and bold", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Formulas",
      "OpenQR Summary",
      "OpenQR Daily",
      "OpenQR Breakdown",
      "OpenQR Monthly",
      "OpenQR Runs",
      "Slack digest",
    ]);
    const daily = workbook.getWorksheet("OpenQR Daily")!;
    expect(rowsOf(daily)[0]).toEqual(["Day", "Code ID", "Slug", "Scans"]);
    expect(daily.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(daily.getCell("A1").font?.bold).toBe(true);
    expect(rowsOf(workbook.getWorksheet("OpenQR Breakdown")!)[0]).toEqual([
      "Code ID",
      "Slug",
      "Dimension",
      "Value",
      "Scans",
      "Window (days)",
    ]);
    expect(rowsOf(workbook.getWorksheet("OpenQR Summary")!)[0]!.slice(0, 3)).toEqual([
      "Code ID",
      "Slug",
      "Short URL",
    ]);
  });

  it("logs the scenario's runs in OpenQR Runs, oldest first, at the wall-clock time the spreadsheet shows", () => {
    const runs = workbook.getWorksheet("OpenQR Runs")!;
    const rows = rowsOf(runs).map((row) =>
      row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 16) : cell)),
    );
    const manual = "not posted: manual refreshes do not post to Slack";
    const already = "not posted: today's digest was already posted";
    const revoked =
      "OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.";
    const notRun = "not posted: the refresh did not run";
    expect(rows).toEqual([
      [
        "Finished at",
        "Trigger",
        "Status",
        "Duration (s)",
        "Refreshed",
        "Failed",
        "Waiting",
        "Outcome",
        "Chat",
      ],
      ["2026-09-29T02:30", "manual", "completed", 0, 14, 0, 0, "Refreshed 14 codes.", manual],
      ["2026-10-27T02:30", "manual", "completed", 0, 14, 0, 0, "Refreshed 14 codes.", manual],
      ["2026-11-25T01:30", "manual", "completed", 0, 14, 0, 0, "Refreshed 14 codes.", manual],
      // The digest, then the month's a second later (a chat takes about a message a second).
      [
        "2026-11-25T02:30",
        "scheduled",
        "completed",
        1.1,
        14,
        0,
        0,
        "Refreshed 14 codes.",
        "posted to Slack; monthly digest posted to Slack",
      ],
      // A stopped run's counts are unknown: blank, never 0.
      [
        "2026-11-25T03:30",
        "scheduled",
        "failed",
        0,
        undefined,
        undefined,
        undefined,
        revoked,
        "alert posted to Slack",
      ],
      ["2026-11-25T04:30", "scheduled", "failed", 0, undefined, undefined, undefined, revoked, notRun],
      ["2026-11-25T05:30", "scheduled", "failed", 0, undefined, undefined, undefined, revoked, notRun],
      [
        "2026-11-25T07:00",
        "scheduled",
        "completed",
        0,
        14,
        0,
        0,
        "Refreshed 14 codes.",
        `${already}; recovery posted to Slack`,
      ],
      ["2026-11-26T07:00", "scheduled", "completed", 0, 14, 0, 0, "Refreshed 14 codes.", "posted to Slack"],
      ["2026-11-27T07:00", "scheduled", "completed", 0, 14, 0, 0, "Refreshed 14 codes.", "posted to Slack"],
    ]);
    expect(runs.getCell("A2").numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    expect(runs.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("holds the fake API's numbers on real dates, more days than one window, and hostile text as text", () => {
    const api = demoAccount(() => DEMO_NOW, null);
    const festival = api.codes.find((code) => code.slug === "festival-gate")!.id;
    const daily = workbook.getWorksheet("OpenQR Daily")!;
    const rows = rowsOf(daily).slice(1);
    const row = rows.find(
      (r) => r[1] === festival && (r[0] as Date).getTime() === utcDay("2026-11-20").getTime(),
    )!;
    expect(row).toEqual([
      utcDay("2026-11-20"),
      festival,
      "festival-gate",
      api.scansOn(festival, "2026-11-20").n,
    ]);
    const rowNumber = rows.indexOf(row) + 2;
    expect(daily.getCell(rowNumber, 1).numFmt).toBe("yyyy-mm-dd");
    // Two earlier 365-day refreshes (57 and 29 days before), then four days of scheduled runs
    // past the first 30-day window: every day from 2025-09-30 to 2026-11-27.
    const days = new Set(rows.map((r) => (r[0] as Date).getTime()));
    expect(days.size).toBe(424);
    expect(Math.min(...days)).toBe(utcDay("2025-09-30").getTime());

    const summary = workbook.getWorksheet("OpenQR Summary")!;
    const hostile = rowsOf(summary).findIndex((r) => r[1] === HOSTILE_SLUG) + 1;
    const cell = summary.getCell(hostile, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(HOSTILE_SLUG);
    const referrers = rowsOf(workbook.getWorksheet("OpenQR Breakdown")!)
      .filter((r) => r[1] === HOSTILE_SLUG && r[2] === "referrer")
      .map((r) => r[3]);
    expect(referrers).toContain("=1+1");
    expect(referrers).toContain("<b>t.co</b>");
  });

  it("shows OpenQR Monthly with a month-over-month and a year-over-year change", () => {
    const monthly = workbook.getWorksheet("OpenQR Monthly")!;
    const rows = rowsOf(monthly);
    expect(rows[0]).toEqual([
      "Month",
      "Code ID",
      "Slug",
      "Group",
      "Scans",
      "Days counted",
      "Previous month",
      "Change",
      "Same month last year",
      "Change vs last year",
      "Complete",
    ]);
    // menu-table-4 is scanned every month since long before the archive began (2025-09-30).
    const october = rows.findIndex(
      (r) => r[2] === "menu-table-4" && (r[0] as Date).getTime() === utcDay("2026-10-01").getTime(),
    );
    const row = rows[october]!;
    // Completed by the first refresh after a 29-day gap, which read October's first days again.
    expect(row.slice(5, 7)).toEqual([31, expect.any(Number)]);
    expect(typeof row[7]).toBe("number");
    expect(typeof row[9]).toBe("number");
    expect(row[10]).toBe(true);
    expect(monthly.getCell(october + 1, 1).numFmt).toBe("yyyy-mm");
    expect(monthly.getCell(october + 1, 8).numFmt).toBe("+0%;-0%;0%");
    // The current month: its days so far, no change yet.
    const november = rows.find(
      (r) => r[2] === "menu-table-4" && (r[0] as Date).getTime() === utcDay("2026-11-01").getTime(),
    )!;
    expect(november.slice(5, 11)).toEqual([27, row[4], undefined, expect.any(Number), undefined, false]);
  });

  it("places the chart image where the add-on anchors its chart, and saves it as a PNG that is not blank", () => {
    const summary = workbook.getWorksheet("OpenQR Summary")!;
    const images = summary.getImages();
    expect(images).toHaveLength(1);
    // Header, 14 codes, total, a blank row: the series header (and the chart's anchor) is row 18, column D.
    expect(images[0]!.range.tl.nativeRow).toBe(17);
    expect(images[0]!.range.tl.nativeCol).toBe(3);
    expect(rowsOf(summary)[17]!.slice(0, 2)).toEqual(["Day", "Fleet scans"]);

    const file = readFileSync(join(run.out, "daily-scans.png"));
    expect(file.length).toBeGreaterThan(5_000);
    const png = PNG.sync.read(file);
    expect([png.width, png.height]).toEqual([600, 300]);
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 200 || png.data[i + 2]! < 200) inked++;
    expect(inked).toBeGreaterThan(2_000);
    // The README shows this very chart: the preview is deterministic, so it cannot drift.
    expect(file.equals(readFileSync("docs/daily-scans.png"))).toBe(true);
  });

  it("shows an editor's formulas, errors included, and the Slack digest", () => {
    const formulas = rowsOf(workbook.getWorksheet("Formulas")!);
    const flat = formulas.map((r) => (r ?? []).map(String).join(" | "));
    expect(flat).toContain("=OPENQR_CODES()");
    expect(flat).toContain(
      "#ERROR! | days_or_start must be a whole number of days from 1 to 365, or a start date (a date cell or YYYY-MM-DD text); 400 is neither. Leave it blank for 30 days.",
    );
    // The message as sent: a long line goes on in the rows below it, indented by two spaces.
    const digest = Array.from(rowsOf(workbook.getWorksheet("Slack digest")!), (r) => String(r?.[0] ?? ""))
      .join("\n")
      .replace(/\n {2}/g, "")
      .split("\n");
    expect(digest[2]).toMatch(
      /^\*OpenQR daily digest\* · <https:\/\/docs\.google\.com\/spreadsheets\/d\/.+\|Campaign scans>$/,
    );
    expect(digest.join("\n")).toContain("&lt;!channel&gt; spam.example");
    // Below the digest, the schedule's alert and its recovery, as sent.
    const alerts = digest.slice(digest.indexOf("The schedule's alert the add-on posted (as sent):"));
    expect(alerts.filter((line) => line.startsWith(":"))).toEqual([
      expect.stringMatching(/^:warning: \*OpenQR scheduled refresh failed\* · <https:.+\|Campaign scans>$/),
      expect.stringMatching(
        /^:white_check_mark: \*OpenQR scheduled refresh recovered\* · <https:.+\|Campaign scans>$/,
      ),
    ]);
    expect(alerts).toContain("*To do:* Save a valid API key in Extensions › OpenQR › Settings.");
  });

  it("shows every count as #,##0: Daily, Breakdown, the Summary and its series, and the Formulas sheet", () => {
    const counts = (name: string, column: number, from = 2) => {
      const sheet = workbook.getWorksheet(name)!;
      const cells: ExcelJS.Cell[] = [];
      sheet.eachRow((row, number) => {
        const cell = row.getCell(column);
        if (number >= from && typeof cell.value === "number") cells.push(cell);
      });
      return cells;
    };
    const seriesHeader = rowsOf(workbook.getWorksheet("OpenQR Summary")!).findIndex(
      (r) => r?.[1] === "Fleet scans",
    );
    const formulaCells: ExcelJS.Cell[] = [];
    workbook.getWorksheet("Formulas")!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "number") formulaCells.push(cell);
      }),
    );
    for (const [where, cells] of Object.entries({
      daily: counts("OpenQR Daily", 4),
      breakdown: counts("OpenQR Breakdown", 5),
      lifetime: counts("OpenQR Summary", columnOf("Lifetime")),
      series: counts("OpenQR Summary", 2, seriesHeader + 2),
      formulas: formulaCells,
    })) {
      expect(cells.length, where).toBeGreaterThan(0);
      expect(new Set(cells.map((cell) => cell.numFmt)), where).toEqual(new Set(["#,##0"]));
    }
  });

  it("cuts no text off: wider than its column, a text wraps unless it ends its row", () => {
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        let last = 0;
        row.eachCell((cell, column) => {
          if (cell.value !== null && cell.value !== "") last = column;
        });
        row.eachCell((cell, column) => {
          if (typeof cell.value !== "string" || column === last) return;
          const width = sheet.getColumn(column).width ?? 8;
          if ([...cell.value].length + 2 > width)
            expect(cell.alignment?.wrapText, `${sheet.name}!${cell.address}`).toBe(true);
        });
      });
    }
    // A text right of a number is indented: "30" and "GB" do not read as "30GB".
    const summary = workbook.getWorksheet("OpenQR Summary")!;
    expect(summary.getCell(2, columnOf("Window (days)")).value).toBe(30);
    expect(summary.getCell(2, columnOf("Top country")).alignment?.indent).toBe(1);
    for (const line of Array.from(rowsOf(workbook.getWorksheet("Slack digest")!), (r) =>
      String(r?.[0] ?? ""),
    ))
      expect([...line].length, line).toBeLessThanOrEqual(104);
  });

  it("has the Formulas sheet's examples refer to cells that hold the ids they need", () => {
    const sheet = workbook.getWorksheet("Formulas")!;
    const api = demoAccount(() => DEMO_NOW, null);
    const ids = new Set(api.codes.map((code) => code.id));
    const texts = rowsOf(sheet)
      .map((r) => String(r?.[0] ?? ""))
      .filter((text) => text.startsWith("=OPENQR_"));
    const referred = new Set<string>();
    for (const text of texts) {
      for (const [, from, to] of text.matchAll(/\bA(\d+)(?::A(\d+))?\b/g)) {
        for (let row = Number(from); row <= Number(to ?? from); row++) referred.add(`A${row}`);
      }
    }
    expect([...referred].sort()).toEqual(["A4", "A5", "A6", "A7"]);
    for (const address of ["A4", "A5", "A6"])
      expect(ids.has(String(sheet.getCell(address).value)), address).toBe(true);
    // The blank cell the OPENQR_TOTAL example says it keeps blank.
    expect(texts).toContain("=OPENQR_TOTAL(A4:A7)   (A7 blank)");
    expect(sheet.getCell("A7").value).toBeNull();
    expect(sheet.getCell("A3").value).toBe("Code ID");
  });

  it("holds neither the API key nor the Slack webhook anywhere in the file", async () => {
    const text = await xlsxText(run);
    expect(text).not.toContain(FAKE_OPENQR_KEY);
    expect(text).not.toContain("XXXXSECRET");
    expect(run.stdout).not.toContain(FAKE_OPENQR_KEY);
  });
});

describe("npm start options", () => {
  it("--days 7 reports a 7-day window", async () => {
    const run = await start(["--days", "7"]);
    expect(run.code).toBe(0);
    const summary = rowsOf((await workbookOf(run)).getWorksheet("OpenQR Summary")!);
    expect(summary[1]![columnOf("Window (days)") - 1]).toBe(7);
    expect(run.stdout).toContain("Scans per day, all codes: 2026-11-20 to 2026-11-26, 7 complete days\n");
  }, 60_000);

  it("--days 1 --codes 1 says 1 code and 1 complete day, never 1 codes or 1 days", async () => {
    const run = await start(["--days", "1", "--codes", "1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Fake OpenQR API up (in-process, seeded): 1 code.\n");
    expect(run.stdout).toContain("Scans per day, all codes: 2026-11-26 to 2026-11-26, 1 complete day\n");
    expect(run.stdout).not.toMatch(/\b1 (code|day)s\b/);
  }, 60_000);

  it("--codes 500 refreshes a synthetic fleet of 500 codes", async () => {
    const run = await start(["--codes", "500"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Refresh 8 of 8 (scheduled, 2026-11-27 15:00 UTC, Slack digest posted): Refreshed 500 codes.",
    );
    const summary = rowsOf((await workbookOf(run)).getWorksheet("OpenQR Summary")!);
    expect(summary.findIndex((r) => r?.[0] === "Total")).toBe(501);
  }, 120_000);

  it.each([
    [["--days", "0"], '--days takes a whole number from 1 to 365; "0" is not one.'],
    [["--codes", "many"], '--codes takes a whole number from 1 to 2000; "many" is not one.'],
    [["--colour"], "Unknown option '--colour'. Run npm start -- --help for the options."],
    [["--api", "http://127.0.0.1:1"], "--api goes with --live."],
  ])("%j: one line and exit code 2", async (args, message) => {
    const run = await start(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stdout).toBe("");
  });

  it("--out naming a file: one line and exit code 2, before any work", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "openqr-preview-")), "report.xlsx");
    writeFileSync(file, "");
    for (const out of [file, join(file, "inside")]) {
      const run = await start(["--out", out, "--build"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^--out takes a folder to write into; ".+" (in it )?is a file\.\n$/);
    }
  });

  it("--live without OPENQR_API_KEY: one line and exit code 2", async () => {
    const run = await start(["--live"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "--live needs your OpenQR API key in the OPENQR_API_KEY environment variable (it is never printed or saved).\n",
    );
  });

  describe("--live against an OpenQR-compatible API over HTTP", () => {
    const api = createFakeOpenQR();
    let server: Awaited<ReturnType<typeof api.listen>>;
    beforeAll(async () => {
      server = await api.listen(0);
    });
    afterAll(async () => {
      await server.close();
    });

    it("refreshes from it with the key from the environment, and never writes or prints the key", async () => {
      const run = await start(["--live", "--api", server.url], { OPENQR_API_KEY: FAKE_OPENQR_KEY });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`OpenQR API: ${server.url} (live, with the key in OPENQR_API_KEY).`);
      expect(run.stdout).toContain("Refresh 1 of 2 (Refresh now): Refreshed 12 codes.");
      expect(api.requests.filter((r) => r.url.includes("/scans")).length).toBeGreaterThanOrEqual(24);
      expect(api.requests.every((r) => r.headers.authorization === `Bearer ${FAKE_OPENQR_KEY}`)).toBe(true);
      expect(run.stdout).not.toContain(FAKE_OPENQR_KEY);
      expect(await xlsxText(run)).not.toContain(FAKE_OPENQR_KEY);
    }, 60_000);

    it("stops with the add-on's own words when the API rejects the key", async () => {
      const run = await start(["--live", "--api", server.url], {
        OPENQR_API_KEY: "oqr_live_wrongwrongwrong0000",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        "The preview stopped: OpenQR rejected this key (HTTP 401): it may be mistyped, revoked or rotated. Nothing was saved. Copy a current key from openqr.uk › API keys.\n",
      );
    }, 60_000);
  });
});

describe("npm start -- --serve", () => {
  /** Starts the preview with --serve (through `command`), and resolves once it says where it serves. */
  function serving(
    command: string,
    args: string[],
  ): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const out = mkdtempSync(join(tmpdir(), "openqr-preview-"));
    const child = spawn(command, [...args, "--serve", "--out", out], {
      env: { ...process.env, OPENQR_API_KEY: "" },
    });
    let output = "";
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (chunk) => {
        output += chunk;
        const url = /serves HTTP at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (url && output.includes("Stop it with")) resolve({ child, url, output: () => output });
      });
      child.on("error", reject);
      child.on("close", (code) => reject(new Error(`exited ${code} before serving:\n${output}`)));
    });
  }
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const answers = async (url: string) => {
    try {
      const reply = await fetch(`${url}/v1/dynamic?limit=1`, {
        headers: { authorization: `Bearer ${FAKE_OPENQR_KEY}` },
      });
      return reply.status;
    } catch {
      return null;
    }
  };

  it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)(
    "says its URL and how to stop it, and stops cleanly on %s",
    async (signal) => {
      const { child, url, output } = await serving(TSX, ["scripts/start.ts"]);
      // The pid it names is its own (tsx runs it in a child process of its own).
      const pid = Number(
        /Stop it with Ctrl\+C \(or kill (\d+)\); it also stops when npm start is stopped\./.exec(
          output(),
        )?.[1],
      );
      expect(pid).toBeGreaterThan(0);
      expect(await answers(url)).toBe(200);
      const code = exited(child);
      process.kill(pid, signal);
      expect(await code).toBe(0);
      expect(output()).toMatch(new RegExp(`Stopped the fake OpenQR API \\(${signal}\\)\\.\\n$`));
      expect(await answers(url)).toBeNull();
    },
    60_000,
  );

  it("stops when the process that started it ends, even by SIGKILL (as when npm is killed)", async () => {
    const { child, url } = await serving("sh", ["-c", `"${TSX}" scripts/start.ts "$@"`, "sh"]);
    expect(await answers(url)).toBe(200);
    child.kill("SIGKILL");
    let status: number | null = 200;
    for (let waited = 0; waited < 10_000 && status !== null; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await answers(url);
    }
    expect(status).toBeNull();
  }, 60_000);
});
