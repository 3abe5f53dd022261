// Refresh formulas' pure parts: which formulas call the add-on, what recalculating them
// costs, the journal's batches, the pass's sentence and what the planner makes of it.
import { describe, expect, it } from "vitest";
import { callsAddOnFunction, formulaCost } from "../../src/functions/formula-calls.ts";
import {
  formulaRefreshMessage,
  journalBatches,
  MAX_JOURNAL_CHARS,
  withFormulaFailure,
  withFormulaRefresh,
} from "../../src/report/formula-refresh.ts";
import { FORMULAS_NOT_COUNTED, formulaFetches, planSchedule } from "../../src/settings/schedule-plan.ts";
import { formulaCostSchema, formulaJournalSchema, parseStored } from "../../src/settings/stored.ts";
import type { LastRun } from "../../src/shared/settings.ts";

describe("callsAddOnFunction", () => {
  it.each([
    ["=OPENQR_SCANS(A2, 30)", true],
    ["=openqr_codes()", true],
    ["=SUM(OPENQR_TOTAL(A2:A9))", true],
    ["=OPENQR_CODES ()", true],
    ['="see OPENQR_SCANS(A2)"', false],
    ['=IF(A1="OPENQR_TOTAL(", 1, 2)', false],
    ["=MY_OPENQR_SCANS(A2)", false],
    ["=OPENQR_SOMETHING(A2)", false],
    ["=OPENQR_SCANS", false],
    ["OPENQR_SCANS(A2)", false],
    ["", false],
  ])("%s → %s", (formula, calls) => {
    expect(callsAddOnFunction(formula)).toBe(calls);
  });
});

describe("formulaCost", () => {
  it("counts the ids each call names, a listing per OPENQR_CODES, and what the text cannot tell", () => {
    expect(
      formulaCost([
        '=OPENQR_SCANS("b1c2", 30)',
        "=OPENQR_TOTAL(A2:A20)",
        "=OPENQR_SUMMARY('My codes'!$B$2:$C$4, 7)",
        "=OPENQR_ROLLUP(A2, 7)",
        '=OPENQR_BREAKDOWN(A2:A, "country", 30)',
        "=OPENQR_SCANS(FILTER(A2:A9, B2:B9), 30)",
        "=OPENQR_CODES()",
        "=SUM(A1:A3)",
        '="OPENQR_CODES()"',
      ]),
    ).toEqual({ cells: 7, namedIds: 1 + 19 + 6 + 1, uncountedCalls: 2, listings: 1 });
  });

  it("counts a date range's or a rollup by group's ids alone: the dates and the groups fetch nothing", () => {
    expect(
      formulaCost([
        '=OPENQR_SCANS(A2:A5, "2026-11-01", "2026-11-30")',
        "=OPENQR_SCANS(A2, B1, C1)",
        "=OPENQR_ROLLUP(Summary!A2:A21, DATE(2026,11,1), , Summary!O2:O21)",
      ]),
    ).toEqual({ cells: 3, namedIds: 4 + 1 + 20, uncountedCalls: 0, listings: 0 });
  });

  it("reads a stored cost back only when every count is whole", () => {
    const cost = { cells: 3, namedIds: 4, uncountedCalls: 0, listings: 1 };
    const read = (value: unknown) => parseStored(JSON.stringify(value), formulaCostSchema);
    expect(read(cost)).toEqual(cost);
    expect(read({ ...cost, cells: -1 })).toBeNull();
    expect(read({ ...cost, cells: 1.5 })).toBeNull();
    expect(read({ ...cost, listings: "1" })).toBeNull();
    expect(read(null)).toBeNull();
    expect(parseStored("{", formulaCostSchema)).toBeNull();
  });

  it("reads a stored journal back only when it names a sheet and [A1, formula] pairs", () => {
    const journal = { sheetId: 7, cells: [["B2", "=OPENQR_CODES()"]] };
    expect(parseStored(JSON.stringify(journal), formulaJournalSchema)).toEqual(journal);
    expect(parseStored(JSON.stringify({ ...journal, cells: [["B2"]] }), formulaJournalSchema)).toBeNull();
    expect(parseStored(JSON.stringify({ cells: [] }), formulaJournalSchema)).toBeNull();
  });
});

describe("journalBatches", () => {
  const cell = (n: number, length: number) => ({
    a1: `B${n}`,
    formula: `=OPENQR_TOTAL("${"x".repeat(length)}")`,
  });

  it("keeps each batch's [A1, formula] pairs within one property value, in order", () => {
    const cells = Array.from({ length: 30 }, (_, n) => cell(n + 1, 500));
    const { batches, tooLong } = journalBatches(cells);
    expect(tooLong).toEqual([]);
    expect(batches.flat()).toEqual(cells);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const journal = JSON.stringify(batch.map((c) => [c.a1, c.formula]));
      expect(journal.length).toBeLessThanOrEqual(MAX_JOURNAL_CHARS + 2);
    }
  });

  it("leaves out a cell whose formula alone is too long to keep a copy of", () => {
    const { batches, tooLong } = journalBatches([cell(1, 10), cell(2, 9000), cell(3, 10)]);
    expect(tooLong.map((c) => c.a1)).toEqual(["B2"]);
    expect(batches).toEqual([[cell(1, 10), cell(3, 10)]]);
  });
});

describe("the pass's sentence", () => {
  const counts = { refreshed: 0, waiting: 0, tooLong: 0, restored: 0, cacheBypassed: true };

  it.each([
    [{}, "No formulas in this spreadsheet call OPENQR_ functions: there was nothing to refresh."],
    [{ refreshed: 1 }, "Refreshed 1 formula cell: Sheets recalculates it now, with numbers fetched afresh."],
    [
      { refreshed: 4, waiting: 2, tooLong: 1, restored: 3 },
      "Refreshed 4 formula cells: Sheets recalculates them now, with numbers fetched afresh; 2 formula cells wait: the time ran out (use Refresh formulas); 1 formula cell left as it was: too long to keep a safe copy while rewriting; put back 3 formula cells an interrupted refresh had cleared.",
    ],
    [
      { waiting: 5 },
      "Refreshed no formula cells; 5 formula cells wait: the time ran out (use Refresh formulas).",
    ],
    [
      { refreshed: 2, cacheBypassed: false },
      "Refreshed 2 formula cells: Sheets recalculates them now, with numbers fetched afresh. Apps Script gave this run no document cache, so numbers fetched in the last 5 minutes may show again.",
    ],
  ])("%j", (change, sentence) => {
    expect(formulaRefreshMessage({ ...counts, ...change })).toBe(sentence);
  });

  it("joins a scheduled run's report: the count and the sentence, or a note saying why not", () => {
    const report = { ok: true, message: "Refreshed 12 codes.", notes: ["A note."] } as LastRun;
    const pass = { ...counts, refreshed: 3, message: "Refreshed 3 formula cells: …" };
    expect(withFormulaRefresh(report, pass)).toMatchObject({
      formulaCells: 3,
      message: "Refreshed 12 codes. Refreshed 3 formula cells: …",
      notes: ["A note."],
    });
    expect(withFormulaFailure(report, "another refresh was running.")).toMatchObject({
      message: "Refreshed 12 codes.",
      notes: ["A note.", "Formulas were not refreshed: another refresh was running."],
    });
  });
});

describe("the quota planner with formulas refreshed after each run", () => {
  const cost = { cells: 3, namedIds: 3, uncountedCalls: 1, listings: 1 };

  it("fetches once per named id, the report's codes for uncounted ids, and a listing per OPENQR_CODES", () => {
    expect(formulaFetches(cost, 12)).toBe(3 + 12 + 1);
    expect(formulaFetches(cost, 401)).toBe(3 + 401 + 3);
  });

  it("adds them to each run, names the cells, and leaves the plan as it was when not ticked", () => {
    const plain = planSchedule({ schedule: "hourly", codes: 100, allCodes: false });
    const plan = planSchedule({ schedule: "hourly", codes: 100, allCodes: false, formulas: cost });
    expect(plain).not.toHaveProperty("formulaCells");
    expect(plan).toMatchObject({
      formulaCells: 3,
      fetchesPerDay: 24 * (100 + 3 + 100 + 1),
      message:
        "Hourly for 100 codes and 3 formula cells uses about 4,896 of 20,000 URL fetches and 9 of 90 trigger minutes a day; OpenQR Daily has room for about 43 years of history.",
    });
  });

  it("can tip a plan over the quota and suggest a slower schedule", () => {
    const heavy = { cells: 40, namedIds: 0, uncountedCalls: 40, listings: 0 };
    expect(planSchedule({ schedule: "hourly", codes: 20, allCodes: false, formulas: heavy })).toMatchObject({
      fetchesPerDay: 24 * (20 + 800),
      fits: false,
      suggestion: "every6h",
    });
  });

  it("says so when ticked but not counted yet", () => {
    const plan = planSchedule({ schedule: "daily", codes: 12, allCodes: true, formulas: null });
    expect(plan.formulaCells).toBeNull();
    expect(plan.fetchesPerDay).toBe(13);
    expect(plan.message.endsWith(` ${FORMULAS_NOT_COUNTED}`)).toBe(true);
  });
});
