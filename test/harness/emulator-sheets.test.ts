import { describe, expect, it } from "vitest";
import { type AppsScriptOptions, createAppsScript } from "../../harness/emulator/index.ts";

/** An emulator over one tiny inline script. */
function script(code: string, options: Omit<AppsScriptOptions, "sources"> = {}) {
  return createAppsScript({ sources: [{ name: "Code.js", code }], ...options });
}

describe("developer metadata", () => {
  const code = `
    var KEY = "openqr.sheet";
    function V() { return SpreadsheetApp.DeveloperMetadataVisibility; }
    function tag(name, role) {
      var sheet = SpreadsheetApp.getActive().insertSheet(name);
      return sheet.addDeveloperMetadata(KEY, role, V().PROJECT).getName();
    }
    function findRole(role) {
      var found = SpreadsheetApp.getActive().createDeveloperMetadataFinder().withKey(KEY).withValue(role).find();
      return found.map(function (m) { return m.getLocation().getSheet().getName(); });
    }
    function describeAll() {
      return SpreadsheetApp.getActive().createDeveloperMetadataFinder().find().map(function (m) {
        var location = m.getLocation();
        return [m.getKey(), m.getValue(), String(m.getVisibility()), String(location.getLocationType()),
          location.getSheet() ? location.getSheet().getName() : null,
          location.getSpreadsheet() ? location.getSpreadsheet().getName() : null];
      });
    }
  `;

  it("adds sheet metadata with each overload and reads it back", () => {
    const app = script(`${code}
      function overloads() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.addDeveloperMetadata("plain")
          .addDeveloperMetadata("valued", "v1")
          .addDeveloperMetadata("hidden", V().PROJECT)
          .addDeveloperMetadata("both", "v2", V().DOCUMENT)
          .addDeveloperMetadata("literal", "PROJECT");
        return sheet.getDeveloperMetadata().map(function (m) {
          return [m.getKey(), m.getValue(), String(m.getVisibility()), typeof m.getId()];
        });
      }
    `);
    expect(app.run("overloads")).toEqual([
      ["plain", null, "DOCUMENT", "number"],
      ["valued", "v1", "DOCUMENT", "number"],
      ["hidden", null, "PROJECT", "number"],
      ["both", "v2", "DOCUMENT", "number"],
      // A string is a value, never a visibility: only the enum object selects that overload.
      ["literal", "PROJECT", "DOCUMENT", "number"],
    ]);
    expect(app.spreadsheet.metadataOf("Sheet1").map((record) => record.key)).toEqual([
      "plain",
      "valued",
      "hidden",
      "both",
      "literal",
    ]);
  });

  it("hands out enums as objects: equal to themselves, == their name, never === a string", () => {
    const app = script(`${code}
      function compare() {
        var sheet = SpreadsheetApp.getActiveSheet().addDeveloperMetadata("k", V().PROJECT);
        var visibility = sheet.getDeveloperMetadata()[0].getVisibility();
        return [visibility === V().PROJECT, visibility == "PROJECT", visibility === "PROJECT",
          visibility.toString(), visibility.name(), typeof visibility,
          Object.keys(SpreadsheetApp.DeveloperMetadataLocationType)];
      }
    `);
    expect(app.run("compare")).toEqual([
      true,
      true,
      false,
      "PROJECT",
      "PROJECT",
      "object",
      ["SPREADSHEET", "SHEET", "ROW", "COLUMN"],
    ]);
  });

  it("finds a tagged sheet again after the user renames it", () => {
    const app = script(`${code}
      function rename(from, to) { SpreadsheetApp.getActive().getSheetByName(from).setName(to); }
    `);
    expect(app.run("tag", ["Summary", "summary"])).toBe("Summary");
    app.run("tag", ["Scans", "scans"]);
    app.run("rename", ["Summary", "My numbers"]);
    expect(app.run("findRole", ["summary"])).toEqual(["My numbers"]);
    // A rename made in the model (by the user, between executions) is followed as well.
    app.spreadsheet.sheet("Scans").name = "Old scans";
    expect(app.run("findRole", ["scans"])).toEqual(["Old scans"]);
    expect(app.run("findRole", ["nothing"])).toEqual([]);
  });

  it("deletes a sheet's metadata with the sheet", () => {
    const app = script(`${code}
      function drop(name) { var ss = SpreadsheetApp.getActive(); ss.deleteSheet(ss.getSheetByName(name)); }
    `);
    app.run("tag", ["Summary", "summary"]);
    app.run("drop", ["Summary"]);
    expect(app.run("findRole", ["summary"])).toEqual([]);
    expect(app.spreadsheet.developerMetadata).toEqual([]);
  });

  it("keeps spreadsheet metadata apart, and scopes a sheet's finder to that sheet", () => {
    const app = script(`${code}
      function spreadsheetTag() {
        var ss = SpreadsheetApp.getActive();
        return ss.addDeveloperMetadata("openqr.installed", "1").getDeveloperMetadata().length;
      }
      function scoped(name) {
        var sheet = SpreadsheetApp.getActive().getSheetByName(name);
        return [sheet.getDeveloperMetadata().length, sheet.createDeveloperMetadataFinder().find().length];
      }
      function byType(type) {
        return SpreadsheetApp.getActive().createDeveloperMetadataFinder()
          .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType[type]).find()
          .map(function (m) { return m.getKey(); });
      }
    `);
    app.run("tag", ["Summary", "summary"]);
    expect(app.run("spreadsheetTag")).toBe(1);
    expect(app.run("describeAll")).toEqual([
      ["openqr.sheet", "summary", "PROJECT", "SHEET", "Summary", null],
      ["openqr.installed", "1", "DOCUMENT", "SPREADSHEET", null, "Untitled spreadsheet"],
    ]);
    expect(app.run("scoped", ["Summary"])).toEqual([1, 1]);
    expect(app.run("scoped", ["Sheet1"])).toEqual([0, 0]);
    expect(app.run("byType", ["SPREADSHEET"])).toEqual(["openqr.installed"]);
    expect(app.run("byType", ["SHEET"])).toEqual(["openqr.sheet"]);
    expect(app.spreadsheet.metadataOf(null).map((record) => record.key)).toEqual(["openqr.installed"]);
  });

  it("narrows a search by id and visibility", () => {
    const app = script(`${code}
      function search() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.addDeveloperMetadata("a", "1").addDeveloperMetadata("b", "2", V().PROJECT);
        var b = sheet.getDeveloperMetadata()[1];
        var keys = function (list) { return list.map(function (m) { return m.getKey(); }); };
        var ss = SpreadsheetApp.getActive();
        return [
          keys(ss.createDeveloperMetadataFinder().withId(b.getId()).find()),
          keys(ss.createDeveloperMetadataFinder().withVisibility(V().DOCUMENT).find()),
          keys(ss.createDeveloperMetadataFinder().withKey("a").withValue("2").find()),
          keys(ss.createDeveloperMetadataFinder().withKey("a").withKey("b").find()),
        ];
      }
    `);
    expect(app.run("search")).toEqual([["b"], ["a"], [], ["b"]]);
  });

  it("changes and removes metadata; a removed entry refuses further writes", () => {
    const app = script(`${code}
      function edit() {
        var sheet = SpreadsheetApp.getActiveSheet().addDeveloperMetadata("old", "1");
        var m = sheet.getDeveloperMetadata()[0];
        m.setKey("new").setValue("2").setVisibility(V().PROJECT);
        var after = sheet.getDeveloperMetadata()[0];
        var read = [after.getKey(), after.getValue(), String(after.getVisibility()), after.getId() === m.getId()];
        m.remove();
        var error;
        try { m.setValue("3"); } catch (e) { error = String(e); }
        return [read, sheet.getDeveloperMetadata().length, error];
      }
    `);
    const [read, left, error] = app.run("edit") as [unknown[], number, string];
    expect(read).toEqual(["new", "2", "PROJECT", true]);
    expect(left).toBe(0);
    expect(error).toMatch(/^Exception: No developer metadata with ID \d+ exists\.$/);
  });

  it("lets tests seed tagged sheets, and hides other projects' PROJECT metadata", () => {
    const app = script(code);
    app.spreadsheet.addSheetWithMetadata("Summary", [{ key: "openqr.sheet", value: "summary" }]);
    app.spreadsheet.addSheetWithMetadata("Plain", []);
    app.spreadsheet.addDeveloperMetadata("Plain", {
      key: "other.addon",
      value: "secret",
      visibility: "PROJECT",
      project: "other-project",
    });
    app.spreadsheet.addDeveloperMetadata("Plain", { key: "other.public", project: "other-project" });
    expect(app.run("findRole", ["summary"])).toEqual(["Summary"]);
    expect(app.run("describeAll")).toEqual([
      ["openqr.sheet", "summary", "DOCUMENT", "SHEET", "Summary", null],
      ["other.public", null, "DOCUMENT", "SHEET", "Plain", null],
    ]);
    expect(app.spreadsheet.metadataOf("Plain")).toHaveLength(2);
  });

  it("refuses an empty key, a wrong argument, and metadata beyond 30,000 characters per location", () => {
    const app = script(`${code}
      function attempt(key, value) {
        try { SpreadsheetApp.getActiveSheet().addDeveloperMetadata(key, value); return "ok"; }
        catch (e) { return String(e); }
      }
      function objectKey() {
        try { SpreadsheetApp.getActiveSheet().addDeveloperMetadata({}); } catch (e) { return e.message; }
      }
      function stringVisibility() {
        try { SpreadsheetApp.getActive().createDeveloperMetadataFinder().withVisibility("PROJECT"); }
        catch (e) { return e.message; }
      }
    `);
    expect(app.run("attempt", ["", "x"])).toBe("Exception: Invalid argument: key");
    expect(app.run("objectKey")).toBe(
      "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.addDeveloperMetadata.",
    );
    expect(app.run("stringVisibility")).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.DeveloperMetadataFinder.withVisibility.",
    );
    expect(app.run("attempt", ["k", "x".repeat(29_999)])).toBe("ok");
    expect(app.run("attempt", ["k", ""])).toMatch(/developer metadata storage limit/);
    // The limit is per location: another sheet still has room.
    expect(() =>
      app.spreadsheet.addSheetWithMetadata("Other", [{ key: "k", value: "x".repeat(29_999) }]),
    ).not.toThrow();
  });

  it("reads in custom functions but never writes", () => {
    const app = script(`${code}
      function OPENQR_ROLES() { return findRole("summary").length; }
      function OPENQR_TAG() { SpreadsheetApp.getActiveSheet().addDeveloperMetadata("k"); }
      function OPENQR_EDIT() { SpreadsheetApp.getActiveSheet().getDeveloperMetadata()[0].setValue("x"); }
      function OPENQR_REMOVE() { SpreadsheetApp.getActiveSheet().getDeveloperMetadata()[0].remove(); }
      function OPENQR_SHEET_FINDER() { return SpreadsheetApp.getActiveSheet().createDeveloperMetadataFinder().find().length; }
    `);
    app.run("tag", ["Summary", "summary"]);
    app.spreadsheet.addDeveloperMetadata("Sheet1", { key: "k" });
    expect(app.runCustomFunction("OPENQR_ROLES", [])).toEqual({ ok: true, value: 1 });
    expect(app.runCustomFunction("OPENQR_SHEET_FINDER", [])).toEqual({ ok: true, value: 1 });
    for (const [fn, method] of [
      ["OPENQR_TAG", "addDeveloperMetadata"],
      ["OPENQR_EDIT", "setValue"],
      ["OPENQR_REMOVE", "remove"],
    ]) {
      expect(app.runCustomFunction(fn as string, [])).toEqual({
        ok: false,
        error: `Exception: You do not have permission to call ${method}`,
      });
    }
    // LIMITED (onOpen once enabled) may write the document.
    expect(app.run("tag", ["Other", "other"], { authMode: "LIMITED" })).toBe("Other");
  });

  it("counts metadata calls", () => {
    const app = script(code);
    app.run("tag", ["Summary", "summary"]);
    app.run("findRole", ["summary"]);
    expect(app.calls).toMatchObject({
      "Sheet.addDeveloperMetadata": 1,
      "Spreadsheet.createDeveloperMetadataFinder": 1,
      "DeveloperMetadataFinder.withKey": 1,
      "DeveloperMetadataFinder.find": 1,
      "DeveloperMetadata.getLocation": 1,
      "DeveloperMetadataLocation.getSheet": 1,
    });
  });
});

describe("embedded charts", () => {
  const code = `
    function summary() {
      var ss = SpreadsheetApp.getActive();
      var sheet = ss.getSheetByName("Summary") || ss.insertSheet("Summary");
      sheet.getRange("A1:B4").setValues([["Day", "Scans"], ["2026-11-01", 3], ["2026-11-02", 5], ["2026-11-03", 2]]);
      return sheet;
    }
    function create() {
      var sheet = summary();
      var chart = sheet.newChart().asLineChart()
        .addRange(sheet.getRange("A1:B4"))
        .setPosition(2, 4, 10, 20)
        .setNumHeaders(1)
        .setTitle("Scans per day").setXAxisTitle("Day").setYAxisTitle("Scans")
        .setOption("legend.position", "none")
        .build();
      var before = chart.getChartId();
      sheet.insertChart(chart);
      return [before, chart.getChartId()];
    }
    function read() {
      return summary().getCharts().map(function (chart) {
        var info = chart.getContainerInfo();
        var options = chart.getOptions();
        return {
          id: chart.getChartId(),
          ranges: chart.getRanges().map(function (r) { return r.getSheet().getName() + "!" + r.getA1Notation(); }),
          title: options.get("title"), x: options.get("hAxis.title"), y: options.get("vAxis.title"),
          legend: options.get("legend.position"), missing: options.get("colors"),
          anchor: [info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()],
        };
      });
    }
    function update(lastRow) {
      var sheet = summary();
      var chart = sheet.getCharts()[0];
      var changed = chart.modify()
        .clearRanges().addRange(sheet.getRange("A1:B" + lastRow))
        .setOption("title", "Scans, updated")
        .build();
      sheet.updateChart(changed);
      return changed.getChartId() === chart.getChartId();
    }
  `;

  it("inserts a chart and reads back its ranges, options and position", () => {
    const app = script(code);
    const [before, after] = app.run("create") as [unknown, number];
    expect(before).toBeNull();
    expect(after).toEqual(expect.any(Number));
    expect(app.run("read")).toEqual([
      {
        id: after,
        ranges: ["Summary!A1:B4"],
        title: "Scans per day",
        x: "Day",
        y: "Scans",
        legend: "none",
        missing: null,
        anchor: [2, 4, 10, 20],
      },
    ]);
    const [record] = app.spreadsheet.sheet("Summary").charts;
    expect(record).toMatchObject({
      id: after,
      type: "LINE",
      options: {
        title: "Scans per day",
        "hAxis.title": "Day",
        "vAxis.title": "Scans",
        "legend.position": "none",
      },
      anchor: { row: 2, column: 4, offsetX: 10, offsetY: 20 },
      numHeaders: 1,
    });
    expect(record?.ranges).toEqual([
      { sheet: app.spreadsheet.sheet("Summary"), area: { row: 1, column: 1, numRows: 4, numColumns: 2 } },
    ]);
    expect(app.calls).toMatchObject({
      "Sheet.newChart": 1,
      "EmbeddedChartBuilder.asLineChart": 1,
      "EmbeddedLineChartBuilder.setTitle": 1,
      "EmbeddedLineChartBuilder.build": 1,
      "Sheet.insertChart": 1,
    });
  });

  it("updates the one chart in place through modify() and updateChart", () => {
    const app = script(code);
    const [, id] = app.run("create") as [unknown, number];
    expect(app.run("update", [3])).toBe(true);
    const charts = app.spreadsheet.sheet("Summary").charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      id,
      type: "LINE",
      options: { title: "Scans, updated", "hAxis.title": "Day" },
      anchor: { row: 2, column: 4, offsetX: 10, offsetY: 20 },
    });
    expect(charts[0]?.ranges.map((range) => range.area)).toEqual([
      { row: 1, column: 1, numRows: 3, numColumns: 2 },
    ]);
    expect(app.calls["Sheet.updateChart"]).toBe(1);
  });

  it("leaves no chart for a build() never inserted, and adds a new chart on every insert", () => {
    const app = script(`${code}
      function buildOnly() { summary().newChart().asColumnChart().addRange(summary().getRange("A1:B4")).build(); }
      function insertTwice() { var s = summary(); var c = s.getCharts()[0]; s.insertChart(c); return s.getCharts().length; }
    `);
    app.run("buildOnly");
    expect(app.spreadsheet.sheet("Summary").charts).toEqual([]);
    app.run("create");
    expect(app.run("insertTwice")).toBe(2);
    const [first, second] = app.spreadsheet.sheet("Summary").charts;
    expect(first?.id).not.toBe(second?.id);
  });

  it("refuses to update a chart that is not on that sheet", () => {
    const app = script(`${code}
      function attempt(which) {
        var sheet = summary();
        var other = SpreadsheetApp.getActive().getSheetByName("Sheet1");
        try {
          if (which === "never inserted") sheet.updateChart(sheet.newChart().asLineChart().build());
          if (which === "other sheet") other.updateChart(sheet.getCharts()[0].modify().build());
          if (which === "not a chart") sheet.updateChart(sheet.getRange("A1"));
        } catch (e) { return String(e); }
      }
    `);
    app.run("create");
    const id = app.spreadsheet.sheet("Summary").charts[0]?.id;
    expect(app.run("attempt", ["never inserted"])).toBe(
      "Exception: Invalid argument: chart. The chart has not been inserted into a sheet.",
    );
    expect(app.run("attempt", ["other sheet"])).toBe(
      `Exception: Invalid argument: chart. There is no chart with ID ${id} on sheet "Sheet1".`,
    );
    expect(app.run("attempt", ["not a chart"])).toBe(
      "Exception: The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.updateChart.",
    );
  });

  it("removes charts, and deleting the sheet takes its charts with it", () => {
    const app = script(`${code}
      function removeFirst() { var s = summary(); s.removeChart(s.getCharts()[0]); return s.getCharts().length; }
      function dropSummary() { var ss = SpreadsheetApp.getActive(); ss.deleteSheet(ss.getSheetByName("Summary")); }
    `);
    app.run("create");
    expect(app.run("removeFirst")).toBe(0);
    app.run("create");
    const summarySheet = app.spreadsheet.sheet("Summary");
    app.run("dropSummary");
    expect(app.spreadsheet.sheets).not.toContain(summarySheet);
    expect(app.spreadsheet.sheets.flatMap((sheet) => sheet.charts)).toEqual([]);
  });

  it("models the builders honestly: types, titles only on typed builders, no Charts global", () => {
    const app = script(`${code}
      function probe() {
        var sheet = summary();
        var base = sheet.newChart();
        var typed = base.asColumnChart();
        var noType;
        try { sheet.newChart().addRange(sheet.getRange("A1:B2")).build(); } catch (e) { noType = e.message; }
        var dedupe = sheet.newChart().addRange(sheet.getRange("A1:B2")).addRange(sheet.getRange("A1:B2"))
          .addRange(sheet.getRange("C1")).removeRange(sheet.getRange("C1")).getRanges().length;
        var copied = sheet.newChart().setChartType(typed.getChartType());
        return [typeof Charts, typeof base.setTitle, typeof typed.setTitle, String(base.getChartType()),
          String(copied.getChartType()), sheet.newChart().getChartType(), noType, dedupe];
      }
    `);
    expect(app.run("probe")).toEqual([
      "undefined",
      "undefined",
      "function",
      "COLUMN",
      "COLUMN",
      null,
      "The chart type must be set before the chart is built.",
      1,
    ]);
  });

  it("lets custom functions read charts but not create them", () => {
    const app = script(`${code}
      function OPENQR_CHARTS() { return SpreadsheetApp.getActive().getSheetByName("Summary").getCharts().length; }
      function OPENQR_TITLE() {
        return SpreadsheetApp.getActive().getSheetByName("Summary").getCharts()[0].getOptions().get("title");
      }
      function OPENQR_NEW() { SpreadsheetApp.getActive().getSheetByName("Summary").newChart(); }
      function OPENQR_MODIFY() { SpreadsheetApp.getActive().getSheetByName("Summary").getCharts()[0].modify(); }
    `);
    app.run("create");
    expect(app.runCustomFunction("OPENQR_CHARTS", [])).toEqual({ ok: true, value: 1 });
    expect(app.runCustomFunction("OPENQR_TITLE", [])).toEqual({ ok: true, value: "Scans per day" });
    expect(app.runCustomFunction("OPENQR_NEW", [])).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call newChart",
    });
    expect(app.runCustomFunction("OPENQR_MODIFY", [])).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call modify",
    });
  });
});

describe("formulas when rows move", () => {
  /** Column A: numbers 1..5 in rows 1..5; column B: =A<row>*2 typed in each row. */
  const seed = (app: ReturnType<typeof script>) => {
    const sheet = app.spreadsheet.sheet("Sheet1");
    for (let row = 1; row <= 5; row++) {
      sheet.write(row, 1, { value: row * 10 });
      sheet.write(row, 2, { value: `=A${row}*2`, formula: `=A${row}*2` });
    }
    return sheet;
  };
  const columnB = (app: ReturnType<typeof script>) =>
    app.spreadsheet.sheetFormulas("Sheet1").map((row) => row[1]);

  it("stores A1 text written by setValues or setFormulas exactly as written: moved to another row, it still reads the old one", () => {
    const app = script(`
      function moveA1(setter) {
        var sheet = SpreadsheetApp.getActiveSheet();
        var formulas = sheet.getRange(1, 2, 2, 1).getFormulas();
        sheet.getRange(4, 2, 2, 1)[setter](formulas);
      }
    `);
    seed(app);
    app.run("moveA1", ["setValues"]);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A1*2", "=A2*2"]);
    app.run("moveA1", ["setFormulas"]);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A1*2", "=A2*2"]);
  });

  it("reads R1C1 relative to each cell and writes it relative to the cell it lands in; absolute stays absolute", () => {
    const app = script(`
      function read() { return SpreadsheetApp.getActiveSheet().getRange(1, 2, 2, 1).getFormulasR1C1(); }
      function moveR1C1() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange(4, 2, 2, 1).setFormulasR1C1(sheet.getRange(1, 2, 2, 1).getFormulasR1C1());
        sheet.getRange(3, 3).setFormulaR1C1("=R1C1+SUM(R[-2]C[-2]:R[-1]C[-2])+'Other sheet'!R[0]C1");
        return [sheet.getRange(3, 3).getFormulaR1C1(), sheet.getRange(3, 1).getFormulaR1C1()];
      }
    `);
    seed(app);
    expect(app.run("read")).toEqual([["=R[0]C[-1]*2"], ["=R[0]C[-1]*2"]]);
    expect(app.run("moveR1C1")).toEqual(["=R1C1+SUM(R[-2]C[-2]:R[-1]C[-2])+'Other sheet'!R[0]C1", ""]);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A4*2", "=A5*2"]);
    expect(app.spreadsheet.sheetFormulas("Sheet1")[2]![2]).toBe("=$A$1+SUM(A1:A2)+'Other sheet'!$A3");
  });

  it("writes one R1C1 formula over a RangeList, relative to each cell, and counts the calls", () => {
    const app = script(`
      function fill() {
        var list = SpreadsheetApp.getActiveSheet().getRangeList(["C1", "C3:C4"]);
        list.setFormulaR1C1("=R[0]C[-1]+R1C1");
        return list.getRanges().map(function (r) { return r.getA1Notation(); });
      }
      function bad() { SpreadsheetApp.getActiveSheet().getRangeList(["C1"]).setFormulaR1C1(""); }
    `);
    seed(app);
    expect(app.run("fill")).toEqual(["C1", "C3:C4"]);
    expect(app.spreadsheet.sheetFormulas("Sheet1").map((row) => row[2])).toEqual([
      "=B1+$A$1",
      "",
      "=B3+$A$1",
      "=B4+$A$1",
      "",
    ]);
    expect(app.calls["Sheet.getRangeList"]).toBe(1);
    expect(app.calls["RangeList.setFormulaR1C1"]).toBe(1);
    expect(() => app.run("bad")).toThrow('Exception: RangeList.setFormulaR1C1: "" is not a formula');
  });

  it("converts only references: string literals, function names and named ranges stay as they are", () => {
    const app = script(`
      function roundTrip(text) {
        var cell = SpreadsheetApp.getActiveSheet().getRange(7, 4);
        cell.setFormula(text);
        var r1c1 = cell.getFormulaR1C1();
        SpreadsheetApp.getActiveSheet().getRange(9, 4).setFormulaR1C1(r1c1);
        return [r1c1, SpreadsheetApp.getActiveSheet().getRange(9, 4).getFormula()];
      }
    `);
    expect(
      app.run("roundTrip", ['=LOG10(D7)&"D7 ""B2"""&Q1_sales&SUM(A:A)&SUM(7:8)&Sheet2!B$2&SUM(D2:E)']),
    ).toEqual([
      '=LOG10(R[0]C[0])&"D7 ""B2"""&Q1_sales&SUM(C[-3]:C[-3])&SUM(R[0]:R[1])&Sheet2!R2C[-2]&SUM(R[-5]C[0]:C[1])',
      '=LOG10(D9)&"D7 ""B2"""&Q1_sales&SUM(A:A)&SUM(9:10)&Sheet2!B$2&SUM(D4:E)',
    ]);
  });

  it("refuses non-formula text in setFormula(s)(R1C1), since what the platform does with it is unverified", () => {
    const app = script(`
      function write(method, value) { SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, 2)[method]([["=1", value]]); }
    `);
    for (const method of ["setFormulas", "setFormulasR1C1"]) {
      for (const value of ["", "text"]) {
        expect(() => app.run("write", [method, value])).toThrow(
          `Exception: Range.${method}: ${JSON.stringify(value)} is not a formula`,
        );
      }
    }
  });

  it("re-bases references to the sheet when rows are inserted or deleted, in every sheet; #REF! for deleted cells", () => {
    const app = script(`
      function edit() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.insertRowsBefore(2, 2);
        sheet.deleteRows(6, 1);
      }
    `);
    const sheet = seed(app);
    sheet.write(1, 3, { value: "=SUM(A1:A5)+$A$5+Other!A5", formula: "=SUM(A1:A5)+$A$5+Other!A5" });
    const other = app.spreadsheet.addSheet("Other");
    other.write(1, 1, { value: "=Sheet1!A4+'Sheet1'!B5+A4", formula: "=Sheet1!A4+'Sheet1'!B5+A4" });
    app.run("edit");
    // Inserted before row 2: rows 2..5 became 4..7; then row 6 (the old row 4) was deleted.
    expect(columnB(app)).toEqual(["=A1*2", "", "", "=A4*2", "=A5*2", "=A6*2"]);
    expect(app.spreadsheet.sheetFormulas("Sheet1")[0]![2]).toBe("=SUM(A1:A6)+$A$6+Other!A5");
    expect(app.spreadsheet.sheetFormulas("Other")).toEqual([["=#REF!+'Sheet1'!B6+A4"]]);
  });

  it("re-bases when the user deletes rows in the model too, and shrinks a range that loses rows", () => {
    const app = script("");
    const sheet = seed(app);
    sheet.write(6, 2, { value: "=SUM(B2:B4)", formula: "=SUM(B2:B4)" });
    sheet.deleteRows(2, 2);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=SUM(B2:B2)"]);
    sheet.insertColumns(1, 1);
    expect(app.spreadsheet.sheetFormulas("Sheet1").map((row) => row[2])).toEqual([
      "=B1*2",
      "=B2*2",
      "=B3*2",
      "=SUM(C2:C2)",
    ]);
  });

  it("sorts rows with Range.sort and the user's sort alike, moving formulas (and formats) with their rows", () => {
    const app = script(`
      function sortDescending() { SpreadsheetApp.getActiveSheet().getRange(1, 1, 5, 2).sort({ column: 1, ascending: false }); }
    `);
    const sheet = seed(app);
    sheet.write(2, 2, { format: "0.0" });
    app.run("sortDescending");
    expect(app.spreadsheet.sheetValues("Sheet1").map((row) => row[0])).toEqual([50, 40, 30, 20, 10]);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A4*2", "=A5*2"]);
    expect(app.spreadsheet.sheetFormats("Sheet1").map((row) => row[1])).toEqual(["", "", "", "0.0", ""]);
    sheet.sortRows(1, 5, (a, b) => (sheet.cell(a, 1).value as number) - (sheet.cell(b, 1).value as number));
    expect(app.spreadsheet.sheetValues("Sheet1").map((row) => row[0])).toEqual([10, 20, 30, 40, 50]);
    expect(columnB(app)).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A4*2", "=A5*2"]);
    expect(app.spreadsheet.sheetFormats("Sheet1").map((row) => row[1])).toEqual(["", "0.0", "", "", ""]);
  });
});

describe("inserting columns", () => {
  it("moves cells right and re-bases the sheet's own formula references, as Sheets does", () => {
    const app = script(`
      function insert() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange("A1:D1").setValues([["a", "b", 3, "=C1*2"]]);
        sheet.getRange("A2:F2").setValues([[
          '=SUM(A1:D1)+$C$1+LOG10(C1)', '=D1&"C1"', "=Sheet1!D1+Other!D1+'Sheet1'!C1",
          "=SUM(C:D)+COUNTA(A:B)", "=A2", "=SUM(B1:C1)",
        ]]);
        sheet.insertColumnsAfter(2, 1);
        return [sheet.getRange("A1:G2").getFormulas(), sheet.getRange("A1:E1").getValues()];
      }
    `);
    expect(app.run("insert", [])).toEqual([
      [
        ["", "", "", "", "=D1*2", "", ""],
        [
          "=SUM(A1:E1)+$D$1+LOG10(D1)",
          '=E1&"C1"',
          "",
          "=Sheet1!E1+Other!D1+'Sheet1'!D1",
          "=SUM(D:E)+COUNTA(A:B)",
          "=A2",
          "=SUM(B1:D1)",
        ],
      ],
      [["a", "b", "", 3, "=D1*2"]],
    ]);
  });
});

describe("a sheet protected against the script's user", () => {
  const app = () =>
    script(`
      function edit(how) {
        var sheet = SpreadsheetApp.getActive().getSheetByName("Sheet1");
        try {
          if (how === "setValues") sheet.getRange(1, 1).setValues([[1]]);
          if (how === "appendRow") sheet.appendRow([1]);
          if (how === "deleteRows") sheet.deleteRows(2, 1);
          if (how === "rangeList") sheet.getRangeList(["A1"]).setFormulaR1C1("=1");
          if (how === "read") return String(sheet.getRange(1, 1).getValues()[0][0]) + sheet.getLastRow();
          if (how === "activate") { sheet.activate(); return "active"; }
          return "written";
        } catch (e) {
          return String(e);
        }
      }
    `);

  it("refuses every edit with the platform's message, and allows reads and activation", () => {
    const gas = app();
    gas.spreadsheet.sheet("Sheet1").write(1, 1, { value: "kept" });
    gas.spreadsheet.sheet("Sheet1").protectedFromScript = true;
    const refused =
      "Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";
    for (const how of ["setValues", "appendRow", "deleteRows", "rangeList"])
      expect(gas.run("edit", [how]), how).toBe(refused);
    expect(gas.run("edit", ["read"])).toBe("kept1");
    expect(gas.run("edit", ["activate"])).toBe("active");
    expect(gas.spreadsheet.sheetValues("Sheet1")).toEqual([["kept"]]);
    gas.spreadsheet.sheet("Sheet1").protectedFromScript = false;
    expect(gas.run("edit", ["appendRow"])).toBe("written");
  });
});
