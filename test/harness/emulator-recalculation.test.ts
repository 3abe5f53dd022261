// The emulator's TextFinder and its model of recalculation (which formula cells Sheets would
// calculate again, and re-running the script's custom functions in them).
import { describe, expect, it } from "vitest";
import { type AppsScriptOptions, createAppsScript } from "../../harness/emulator/index.ts";

function script(code: string, options: Omit<AppsScriptOptions, "sources"> = {}) {
  return createAppsScript({ sources: [{ name: "Code.js", code }], ...options });
}

describe("TextFinder", () => {
  const code = `
    function seed() {
      var sheet = SpreadsheetApp.getActiveSheet();
      sheet.getRange("A1:C2").setValues([["OpenQR_scans here", "other", 12], ["", "=SUM(C1:C1)", "x"]]);
      sheet.getRange("A3").setFormula('=OPENQR_SCANS("a", 7)');
      var second = SpreadsheetApp.getActive().insertSheet("Two");
      second.getRange("B5").setFormula("=openqr_total(A1:A3)");
      second.getRange("A1").setValue("OPENQR_");
    }
    function find(text, options, scope) {
      var ss = SpreadsheetApp.getActive();
      var owner = scope === "sheet" ? ss.getSheetByName("Sheet1") : scope === "range" ? ss.getSheetByName("Sheet1").getRange("A2:C3") : ss;
      var finder = owner.createTextFinder(text);
      Object.keys(options || {}).forEach(function (name) { finder = finder[name](options[name]); });
      return finder.findAll().map(function (range) { return range.getSheet().getName() + "!" + range.getA1Notation(); });
    }
  `;

  it("finds formulas by their text only with matchFormulaText, plain cells by their value either way", () => {
    const app = script(code);
    app.run("seed");
    expect(app.run("find", ["OPENQR_", { matchFormulaText: true }])).toEqual([
      "Sheet1!A1",
      "Sheet1!A3",
      "Two!A1",
      "Two!B5",
    ]);
    // Formulas are not computed here, so a formula cell has no displayed value to match.
    expect(app.run("find", ["OPENQR_", {}])).toEqual(["Sheet1!A1", "Two!A1"]);
  });

  it("matches case, the entire cell and regular expressions on request, within a sheet or a range", () => {
    const app = script(code);
    app.run("seed");
    expect(app.run("find", ["OPENQR_", { matchFormulaText: true, matchCase: true }])).toEqual([
      "Sheet1!A3",
      "Two!A1",
    ]);
    expect(app.run("find", ["openqr_", { matchEntireCell: true }])).toEqual(["Two!A1"]);
    expect(
      app.run("find", ["^=openqr_[a-z]+\\(", { matchFormulaText: true, useRegularExpression: true }]),
    ).toEqual(["Sheet1!A3", "Two!B5"]);
    expect(app.run("find", ["OPENQR_", { matchFormulaText: true }, "sheet"])).toEqual([
      "Sheet1!A1",
      "Sheet1!A3",
    ]);
    expect(app.run("find", ["=", { matchFormulaText: true }, "range"])).toEqual(["Sheet1!B2", "Sheet1!A3"]);
    // A regular expression is literal text without useRegularExpression.
    expect(app.run("find", ["OPENQR_.", { matchFormulaText: true }])).toEqual([]);
  });

  it("counts its calls, works in custom functions (a read), and refuses an empty search", () => {
    const app = script(`${code}
      function COUNT_OPENQR() { return SpreadsheetApp.getActive().createTextFinder("OPENQR_").matchFormulaText(true).findAll().length; }
      function empty() { SpreadsheetApp.getActive().createTextFinder(""); }
    `);
    app.run("seed");
    app.resetCalls();
    expect(app.runCustomFunction("COUNT_OPENQR", [])).toEqual({ ok: true, value: 4 });
    expect(app.calls).toMatchObject({
      "Spreadsheet.createTextFinder": 1,
      "TextFinder.matchFormulaText": 1,
      "TextFinder.findAll": 1,
    });
    expect(() => app.run("empty")).toThrow("Exception: Invalid argument: findText");
  });
});

describe("recalculation", () => {
  const code = `
    var LAST = "";
    function DOUBLE(n) { return n * 2; }
    function SHOUT(text, grid) { return String(text).toUpperCase() + (grid ? ":" + grid.length : ""); }
    function seed() {
      var sheet = SpreadsheetApp.getActiveSheet();
      sheet.getRange("A1:A2").setValues([[4], [5]]);
      sheet.getRange("B1").setFormula("=DOUBLE(A1)");
      sheet.getRange("B2").setFormula('=SHOUT("hi", A1:A2)');
      sheet.getRange("C1").setFormula("=SUM(A1:A2)");
    }
    function rewriteSame() {
      var range = SpreadsheetApp.getActiveSheet().getRange("B1");
      range.setFormula(range.getFormula());
    }
    function clearAndSet(flush) {
      var range = SpreadsheetApp.getActiveSheet().getRange("B1");
      var formula = range.getFormula();
      range.clearContent();
      if (flush) SpreadsheetApp.flush();
      range.setFormula(formula);
    }
  `;

  it("calculates a newly written formula once, running the script's functions with the cells' values", () => {
    const app = script(code);
    app.run("seed");
    expect(app.recalculate()).toEqual([
      {
        sheet: "Sheet1",
        cell: "B1",
        formula: "=DOUBLE(A1)",
        runs: [{ name: "DOUBLE", args: [4], result: { ok: true, value: 8 } }],
      },
      {
        sheet: "Sheet1",
        cell: "B2",
        formula: '=SHOUT("hi", A1:A2)',
        runs: [{ name: "SHOUT", args: ["hi", [[4], [5]]], result: { ok: true, value: "HI:2" } }],
      },
      // Built-ins are not computed: the cell is calculated again, nothing of the script runs.
      { sheet: "Sheet1", cell: "C1", formula: "=SUM(A1:A2)", runs: [] },
    ]);
    expect(app.recalculate()).toEqual([]);
  });

  it("does not calculate a formula rewritten with its own text, nor one cleared and written back unflushed", () => {
    const app = script(code);
    app.run("seed");
    app.recalculate();
    app.run("rewriteSame");
    expect(app.recalculate()).toEqual([]);
    app.run("clearAndSet", [false]);
    expect(app.recalculate()).toEqual([]);
    expect(app.spreadsheet.sheetFormulas("Sheet1")[0]).toEqual(["", "=DOUBLE(A1)", "=SUM(A1:A2)"]);
  });

  it("calculates a formula cleared, flushed and written back, keeping its text", () => {
    const app = script(code);
    app.run("seed");
    app.recalculate();
    app.run("clearAndSet", [true]);
    expect(app.recalculate().map((record) => [record.cell, record.formula, record.runs.length])).toEqual([
      ["B1", "=DOUBLE(A1)", 1],
    ]);
  });

  it("treats a test's edit of the model as the user's typing, and keeps results across moved rows", () => {
    const app = script(code);
    app.run("seed");
    app.recalculate();
    const sheet = app.spreadsheet.sheet("Sheet1");
    sheet.insertRows(1, 2);
    // The formulas were re-based (=DOUBLE(A3)), which is not a change of the formula.
    expect(app.recalculate()).toEqual([]);
    sheet.write(1, 2, { value: "=DOUBLE(7)", formula: "=DOUBLE(7)" });
    expect(app.recalculate()).toMatchObject([
      { cell: "B1", runs: [{ name: "DOUBLE", args: [7], result: { ok: true, value: 14 } }] },
    ]);
  });

  it("refuses arguments it cannot evaluate rather than guess them", () => {
    const app = script(code);
    app.spreadsheet.sheet("Sheet1").write(1, 1, { value: "=DOUBLE(1+2)", formula: "=DOUBLE(1+2)" });
    expect(() => app.recalculate()).toThrow("The emulator cannot evaluate the argument 1+2 of =DOUBLE(1+2)");
  });
});
