// The emulator's answers to issue 18's platform gaps: exception texts in the user's language,
// document services that are null outside a document, and custom functions without ScriptApp.
import { describe, expect, it } from "vitest";
import { type AppsScriptOptions, createAppsScript } from "../../harness/emulator/index.ts";

const OWNER = "owner@example.com";

function script(code: string, options: Omit<AppsScriptOptions, "sources"> = {}) {
  return createAppsScript({ sources: [{ name: "Code.js", code }], ...options });
}

describe("platform messages in Japanese (locale: ja)", () => {
  const code = `
    function caught(work) { try { work(); return "no error"; } catch (e) { return [e.name, e.message, String(e)]; } }
    function fetchIt() { return caught(function () { UrlFetchApp.fetch("https://openqr.uk/v1/ping"); }); }
    function fetchNowhere() { return caught(function () { UrlFetchApp.fetch("https://nowhere.example/x"); }); }
    function waitLock() { return caught(function () { LockService.getDocumentLock().waitLock(1000); }); }
    function fill() { return caught(function () { PropertiesService.getUserProperties().setProperty("big", new Array(9300).join("x")); }); }
    function ui() { return caught(function () { SpreadsheetApp.getUi(); }); }
    function spin() { while (true) Utilities.sleep(60000); }
    function badArgument() { return caught(function () { UrlFetchApp.fetchAll("not an array"); }); }
  `;
  const routes = [{ prefix: "https://openqr.uk/", handle: () => ({ status: 200, body: "pong" }) }];

  it("translates the texts, keeping the untranslated service token, names and URLs", () => {
    const app = script(code, { locale: "ja", routes });
    app.useUrlFetchQuota(OWNER, 20_000);
    expect(app.run("fetchIt")).toEqual([
      "Exception",
      "1 日にサービスを呼び出した回数が多すぎます: urlfetch",
      "Exception: 1 日にサービスを呼び出した回数が多すぎます: urlfetch",
    ]);
    const fresh = script(code, { locale: "ja", routes });
    expect(fresh.run("fetchNowhere")).toEqual(
      expect.arrayContaining(["DNS エラー: https://nowhere.example/x"]),
    );
    fresh.setAuthorizationRequired(true);
    expect(fresh.run("fetchIt")).toEqual(expect.arrayContaining(["この操作を行うには承認が必要です。"]));
    fresh.setAuthorizationRequired(false);
    fresh.locks.holdByAnotherProcess("document");
    expect(fresh.run("waitLock")).toEqual(
      expect.arrayContaining(["ロックのタイムアウト: 別のプロセスがロックを長時間保持していました。"]),
    );
    expect(fresh.run("fill")).toEqual(expect.arrayContaining(["引数が大きすぎます: value"]));
    expect(fresh.run("ui", [], { triggerUid: "1" })).toEqual(
      expect.arrayContaining(["このコンテキストから SpreadsheetApp.getUi() を呼び出すことはできません。"]),
    );
    expect(fresh.run("fetchIt", [], { authMode: "LIMITED" })).toEqual(
      expect.arrayContaining([
        "UrlFetchApp.fetch を呼び出す権限がありません。必要な権限: https://www.googleapis.com/auth/script.external_request",
      ]),
    );
    expect(() => fresh.run("spin")).toThrow(/^実行時間の上限を超えました$/);
    // The emulator's argument checks speak as the platform does, so they are translated too.
    expect(fresh.run("badArgument")).toEqual(expect.arrayContaining(["引数が無効です: requests"]));
  });

  it("stays English by default", () => {
    const app = script(code, { routes });
    app.useUrlFetchQuota(OWNER, 20_000);
    expect(app.run("fetchIt")).toEqual(
      expect.arrayContaining(["Service invoked too many times for one day: urlfetch."]),
    );
  });
});

describe("document services outside a document", () => {
  const code = `
    function services() {
      return [
        SpreadsheetApp.getActiveSpreadsheet() === null,
        PropertiesService.getDocumentProperties() === null,
        LockService.getDocumentLock() === null,
        CacheService.getDocumentCache() === null,
        PropertiesService.getUserProperties() === null,
      ];
    }
    function install() { return ScriptApp.newTrigger("services").timeBased().everyHours(1).create().getUniqueId(); }
  `;

  it("are there in interactive runs and, by default, in trigger runs", () => {
    const app = script(code);
    expect(app.run("services")).toEqual([false, false, false, false, false]);
    expect(app.fireTrigger(app.run("install") as string)).toEqual([false, false, false, false, false]);
  });

  it("are null in trigger runs when the world says the document is not given to triggers", () => {
    const app = script(code);
    const uid = app.run("install") as string;
    app.settings.documentServicesInTriggers = false;
    expect(app.fireTrigger(uid)).toEqual([false, true, true, true, false]);
    app.settings.activeSpreadsheetInTriggers = false;
    expect(app.fireTrigger(uid)).toEqual([true, true, true, true, false]);
    expect(app.run("services")).toEqual([false, false, false, false, false]);
  });
});

describe("custom functions and ScriptApp", () => {
  it("refuses ScriptApp.getAuthorizationInfo in a custom function, as it is not among their services", () => {
    const app = script(
      `function OPENQR_AUTH() { return String(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()); }`,
    );
    expect(app.runCustomFunction("OPENQR_AUTH", [])).toEqual({
      ok: false,
      error: "Exception: You do not have permission to call ScriptApp.getAuthorizationInfo",
    });
    expect(app.run("OPENQR_AUTH")).toBe("NOT_REQUIRED");
  });
});
