// Users' own formula columns beside the report sheets, from dist/ in the emulator: when a refresh
// moves rows (a new code sorts in, rows were deleted, the user sorted the sheet), every formula
// still reads its own row, and absolute references stay absolute.
import { beforeEach, describe, expect, it } from "vitest";
import type { SheetModel } from "../../harness/emulator/index.ts";
import { SUMMARY_COLUMNS } from "../../src/report/summary-rows.ts";
import { BREAKDOWN, createRefreshWorld, DAILY, type RefreshWorld, SUMMARY } from "./refresh-world.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

let world: RefreshWorld;

beforeEach(() => {
  world = createRefreshWorld();
  world.saveSettings({});
  world.refreshNow();
});

const setFormula = (sheet: SheetModel, row: number, column: number, formula: string) =>
  sheet.write(row, column, { value: formula, formula });

/** A user's column: a header, then in each of rows [from, to] the formula `of(row)`. */
function addFormulaColumn(
  name: string,
  column: number,
  header: string,
  from: number,
  to: number,
  of: (row: number) => string,
) {
  const sheet = world.sheet(name);
  sheet.write(1, column, { value: header });
  for (let row = from; row <= to; row++) setFormula(sheet, row, column, of(row));
}

/** Each data row's key and the formula its user column holds ("" for none), 1-based rows. */
function formulasByRow(name: string, column: number, keyOf: (row: unknown[]) => string) {
  const values = world.gas.spreadsheet.sheetValues(name);
  const formulas = world.gas.spreadsheet.sheetFormulas(name);
  return values.slice(1).map((row, index) => ({
    row: index + 2,
    key: keyOf(row),
    formula: formulas[index + 1]?.[column - 1] ?? "",
  }));
}

const dailyKey = (row: unknown[]) => `${(row[0] as Date).toISOString().slice(0, 10)}|${row[2]}`;
const breakdownKey = (row: unknown[]) => `${row[0]}|${row[2]}|${row[3]}`;
const summaryKey = (row: unknown[]) => String(row[0]);

/** A code whose slug sorts before every other, with scans on every day of the window. */
function addCodeSortingFirst() {
  return world.api.addCode({
    slug: "aaa-new-poster",
    created_at: new Date(world.gas.clock.now() - 30 * DAY_MS).toISOString(),
  });
}

describe("a user's formula column beside OpenQR Daily", () => {
  const E = 5;
  const F = 6;
  const addDailyFormulas = () => {
    const last = world.gas.spreadsheet.sheetValues(DAILY).length;
    addFormulaColumn(DAILY, E, "Double", 2, last, (row) => `=D${row}*2`);
    addFormulaColumn(DAILY, F, "Share of first", 2, last, (row) => `=D${row}/$D$2`);
    return formulasByRow(DAILY, E, dailyKey).map((entry) => entry.key);
  };
  /** Every row that had the formulas still has them, reading its own row; other rows have none. */
  const expectOwnRows = (keysWithFormulas: readonly string[]) => {
    const double = formulasByRow(DAILY, E, dailyKey);
    const share = formulasByRow(DAILY, F, dailyKey);
    const wanted = new Set(keysWithFormulas);
    expect(
      double
        .filter((entry) => entry.formula !== "")
        .map((entry) => entry.key)
        .sort(),
    ).toEqual([...wanted].sort());
    for (const [index, entry] of double.entries()) {
      const has = wanted.has(entry.key);
      expect(entry.formula, `row ${entry.row} (${entry.key})`).toBe(has ? `=D${entry.row}*2` : "");
      expect(share[index]!.formula, `row ${entry.row} (${entry.key})`).toBe(has ? `=D${entry.row}/$D$2` : "");
    }
  };

  it("keeps reading its own rows after a new code's rows sort in among them", () => {
    const keys = addDailyFormulas();
    const added = addCodeSortingFirst();
    world.gas.clock.advance(HOUR_MS);
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 13 });
    // The new code's rows landed on every day, above the others: nearly every row moved.
    expect(
      formulasByRow(DAILY, E, dailyKey).filter((entry) => entry.key.endsWith(`|${added.slug}`)),
    ).toHaveLength(7);
    expectOwnRows(keys);
    expect(world.gas.spreadsheet.sheetValues(DAILY)[0]!.slice(4, 6)).toEqual(["Double", "Share of first"]);
  });

  it("keeps reading its own rows after the user deleted rows the refresh refills", () => {
    const keys = addDailyFormulas();
    const sheet = world.sheet(DAILY);
    // Two rows inside the window; the sheet re-bases the formulas below them, as Sheets does.
    const deleted = [keys[40]!, keys[41]!];
    sheet.deleteRows(42, 2);
    expectOwnRows(keys.filter((key) => !deleted.includes(key)));
    world.gas.clock.advance(DAY_MS);
    expect(world.refreshNow().ok).toBe(true);
    // Refilled (without the user's formulas, deleted with them) and the rows below moved down.
    const after = formulasByRow(DAILY, E, dailyKey).map((entry) => entry.key);
    for (const key of deleted) expect(after).toContain(key);
    expectOwnRows(keys.filter((key) => !deleted.includes(key)));
  });

  it("keeps reading its own rows after the user sorted the sheet by Scans and the refresh put it back in order", () => {
    const keys = addDailyFormulas();
    const sheet = world.sheet(DAILY);
    const rows = world.gas.spreadsheet.sheetValues(DAILY).length;
    // The user's sort moves whole rows, formulas re-based with them.
    sheet.sortRows(
      2,
      rows - 1,
      (a, b) => (sheet.cell(b, 4).value as number) - (sheet.cell(a, 4).value as number),
    );
    expectOwnRows(keys);
    world.gas.clock.advance(DAY_MS);
    expect(world.refreshNow().ok).toBe(true);
    const after = formulasByRow(DAILY, E, dailyKey).map((entry) => entry.key);
    expect(after).toEqual([...after].sort());
    expectOwnRows(keys);
  });

  it("writes the moved formulas in a few calls, not one per row", () => {
    const keys = addDailyFormulas();
    addCodeSortingFirst();
    world.gas.clock.advance(HOUR_MS);
    world.gas.resetCalls();
    expect(world.refreshNow().ok).toBe(true);
    expectOwnRows(keys);
    // The two columns repeat one formula each (in R1C1), broken by the new code's row on each day.
    expect(world.gas.calls["Sheet.getRangeList"]).toBe(2);
    expect(world.gas.calls["RangeList.setFormulaR1C1"]).toBe(2);
    expect(world.gas.calls["Range.setFormulasR1C1"] ?? 0).toBe(0);
    // Read once per sheet with a user's column, and once for the Summary's Group column (a user's cells).
    expect(world.gas.calls["Range.getFormulasR1C1"]).toBe(2);
  });
});

describe("users' formula columns beside the Summary and the Breakdown", () => {
  it("Summary: each code row's formula keeps reading its row when a new code sorts in above", () => {
    const column = SUMMARY_COLUMNS + 1;
    const codeRows = world.gas.spreadsheet.sheetValues(SUMMARY).findIndex((row) => row[0] === "Total");
    addFormulaColumn(SUMMARY, column, "Lifetime × 2", 2, codeRows, (row) => `=E${row}*2`);
    const keys = formulasByRow(SUMMARY, column, summaryKey)
      .filter((entry) => entry.formula !== "")
      .map((entry) => entry.key);
    const added = addCodeSortingFirst();
    world.gas.clock.advance(HOUR_MS);
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 13 });
    const after = formulasByRow(SUMMARY, column, summaryKey);
    expect(after[0]).toMatchObject({ key: added.id, formula: "" });
    const withFormula = after.filter((entry) => entry.formula !== "");
    expect(withFormula.map((entry) => entry.key).sort()).toEqual([...keys].sort());
    for (const entry of withFormula) expect(entry.formula).toBe(`=E${entry.row}*2`);
  });

  it("Breakdown: each row's formula keeps reading its row when a new code's rows sort in above", () => {
    const column = 7;
    const last = world.gas.spreadsheet.sheetValues(BREAKDOWN).length;
    addFormulaColumn(BREAKDOWN, column, "Share", 2, last, (row) => `=E${row}/SUM($E$2:$E$${last})`);
    const keys = formulasByRow(BREAKDOWN, column, breakdownKey).map((entry) => entry.key);
    const added = addCodeSortingFirst();
    world.gas.clock.advance(HOUR_MS);
    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 13 });
    const after = formulasByRow(BREAKDOWN, column, breakdownKey);
    expect(after[0]!.key.startsWith(`${added.id}|`)).toBe(true);
    const withFormula = after.filter((entry) => entry.formula !== "");
    // Rows of codes whose top values did not change keep their formulas, reading their own rows.
    expect(withFormula.length).toBeGreaterThan(keys.length / 2);
    for (const entry of withFormula) {
      expect(keys).toContain(entry.key);
      expect(entry.formula).toBe(`=E${entry.row}/SUM($E$2:$E$${last})`);
    }
  });
});
