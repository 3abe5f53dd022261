// Issue 14, Platform: Apps Script's limits and failures met by every entry point they apply
// to, from dist/ in the emulator. Each case asserts the texts of its row of the README's
// table (table.ts), that OpenQR Daily lost no row, that no formula was written and that
// neither secret leaked. Issue 18: Apps Script's exception texts come in the user's
// language, so every row runs with English and with Japanese platform messages and must
// give the same outcomes (where the add-on quotes the platform, in the platform's words).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXCEEDED_MAXIMUM_EXECUTION_TIME, PlatformError } from "../../harness/emulator/errors.ts";
import { Execution } from "../../harness/emulator/execution.ts";
import { type Locale, localized } from "../../harness/emulator/locale.ts";
import type { Cell } from "../../harness/emulator/spreadsheet-model.ts";
import { FAKE_SLACK_PREFIX } from "../../harness/fake-slack/index.ts";
import type { Settings } from "../../src/shared/settings.ts";
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
  expectArchiveUnchanged,
  expectNoDuplicateRows,
  FAULT_SETTINGS,
  type FaultWorld,
  type FaultWorldOptions,
  KEY,
  OWNER,
  SLACK_WEBHOOK,
  SUMMARY,
  summaryStatuses,
} from "./fault-world.ts";
import { LONG_SLACK_URL_LENGTH, PLATFORM_ROWS, SAYS, TOO_MANY_CODES } from "./table.ts";

const HOUR_MS = 3_600_000;
const SLACK_DIGEST_DAY = "openqr.slackDigestDay.";

/** Each scans formula, and the code list's, as a cell would call them. */
const FORMULAS: Array<[string, (id: string) => unknown[]]> = [
  ["OPENQR_SCANS", (id) => [id, 7]],
  ["OPENQR_ROLLUP", (id) => [[[id]], 7]],
  ["OPENQR_SUMMARY", (id) => [id, 7]],
  ["OPENQR_BREAKDOWN", (id) => [id, "device", 7]],
  ["OPENQR_TOTAL", (id) => [id]],
  ["OPENQR_CODES", () => []],
];

/**
 * What every sheet holds now, but the run log (which gains a row for a failed run too): to
 * show a failure changed nothing.
 */
const sheetsNow = (world: FaultWorld) =>
  JSON.stringify(
    world.gas.spreadsheet.sheets
      .filter((sheet) => !world.gas.spreadsheet.metadataOf(sheet).some((record) => record.value === "runs"))
      .map((sheet) => [sheet.name, sheet.used((cell) => cell)]),
  );

function expectClean(world: FaultWorld): void {
  assertNoFormulas(world);
  assertNothingLeaked(world);
}

/** Uses up the rest of the owner's UrlFetch quota for today. */
function exhaustUrlFetchQuota(world: FaultWorld): void {
  for (let left = 20_000; left > 0; left--) {
    try {
      world.gas.useUrlFetchQuota(OWNER, left);
      return;
    } catch {
      // Some of today's quota went to the world's own setup.
    }
  }
}

/** Fills a property store up to `room` bytes short of its 500 KB (keys and values, UTF-8). */
function fillStore(store: Map<string, string>, room: number): void {
  const size = () => [...store].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  for (let i = 0; ; i++) {
    const key = `another.add-on.${String(i).padStart(4, "0")}`;
    const free = 500 * 1024 - room - size() - key.length;
    if (free <= 0) return;
    store.set(key, "x".repeat(Math.min(9000, free)));
  }
}

const LOCALES: Locale[] = ["en", "ja"];

describe.each(LOCALES)("platform messages in %s", (locale) => {
  const faultWorld = (options: FaultWorldOptions = {}) => createFaultWorld({ locale, ...options });
  /** The platform's own words, as this user reads them. */
  const platform = (text: string) => localized(text, locale);

  describe(`${PLATFORM_ROWS.quota.fault}`, () => {
    let world: FaultWorld;
    beforeEach(() => {
      world = faultWorld({ refresh: false });
      exhaustUrlFetchQuota(world);
    });

    it.each(FORMULAS)("%s says so in its cell", (name, args) => {
      expect(world.formula(name, ...args(world.id("spring-sale")))).toEqual({ ok: false, error: SAYS.quota });
      expectClean(world);
    });

    it.each([
      ["saveApiKey", [KEY], SAYS.keyNotChecked(SAYS.quota)],
      ["listCodeChoices", [], SAYS.quota],
      ["estimateSchedule", [FAULT_SETTINGS], SAYS.notCounted(SAYS.quota)],
    ] as const)("the sidebar's %s says so", (fn, args, message) => {
      expect(world.tryCall(fn, [...args])).toEqual({ ok: false, error: message });
      expect(world.gas.properties.user(OWNER).get("openqr.apiKey")).toBe(KEY);
      expectClean(world);
    });

    it("refreshNow of all codes cannot list them, and changes no sheet", () => {
      const ready = faultWorld();
      ready.gas.clock.advance(DAY_MS);
      exhaustUrlFetchQuota(ready);
      const before = sheetsNow(ready);
      expect(ready.refreshNow()).toMatchObject({ ok: false, message: SAYS.notListed(SAYS.quota) });
      expect(sheetsNow(ready)).toBe(before);
      expectClean(ready);
    });

    it("refreshReports of chosen codes leaves them waiting, with every row kept, and says why Slack was not posted", () => {
      const ready = faultWorld();
      ready.saveSettings({ ...FAULT_SETTINGS, codes: ready.api.codes.map((code) => code.id) });
      ready.gas.clock.advance(DAY_MS);
      const before = dailySnapshot(ready);
      exhaustUrlFetchQuota(ready);
      ready.fireSchedule();
      expect(ready.lastRun()).toMatchObject({
        ok: true,
        refreshed: 0,
        skippedForTime: 12,
        message: SAYS.quotaWaiting,
        slack: { status: "failed", why: SAYS.quotaSlack },
      });
      expect(new Set(Object.values(summaryStatuses(ready)))).toEqual(new Set([SAYS.quotaStatus]));
      expectArchiveUnchanged(ready, before);
      expectClean(ready);
    });
  });

  describe(`${PLATFORM_ROWS.lockHeld.fault}`, () => {
    let world: FaultWorld;
    beforeEach(() => {
      world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      world.gas.locks.holdByAnotherProcess("document");
    });

    it.each([
      ["refreshNow", (w: FaultWorld) => w.refreshNow()],
      [
        "refreshReports",
        (w: FaultWorld) => {
          w.fireSchedule();
          return w.lastRun();
        },
      ],
    ] as const)("%s changes no sheet and reports it", (_name, run) => {
      const before = sheetsNow(world);
      expect(run(world)).toMatchObject({ ok: false, message: SAYS.busy });
      expect(world.lastRun().message).toBe(SAYS.busy);
      expect(sheetsNow(world)).toBe(before);
      expectClean(world);
    });

    it("saveSettings saves nothing and says so", () => {
      const saved = world.gas.properties.document.get("openqr.reportSettings");
      expect(world.tryCall("saveSettings", [{ ...FAULT_SETTINGS, days: 30 }])).toEqual({
        ok: false,
        error: SAYS.saveBusy,
      });
      expect(world.gas.properties.document.get("openqr.reportSettings")).toBe(saved);
      expectClean(world);
    });

    it.each([
      ["getSettings", () => world.tryCall("getSettings")],
      ["a formula", () => world.formula("OPENQR_TOTAL", world.id("spring-sale"))],
    ])("%s does not need the lock", (_name, call) => {
      expect(call()).toMatchObject({ ok: true });
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.settingTooLarge.fault}`, () => {
    const longUrl = `${FAKE_SLACK_PREFIX}${"T000/B000/".padEnd(9300, "x")}`;
    const manyIds = Array.from({ length: TOO_MANY_CODES }, (_, i) => i.toString(16).padStart(24, "0"));

    it.each([
      [
        "a 9 KB Slack webhook URL",
        "saveSettings",
        { slackWebhookUrl: longUrl },
        SAYS.slackUrlTooLong(longUrl.length),
      ],
      [
        `${TOO_MANY_CODES} ticked codes`,
        "saveSettings",
        { codes: manyIds },
        SAYS.tooManyCodes(TOO_MANY_CODES),
      ],
      [
        `${TOO_MANY_CODES} ticked codes`,
        "estimateSchedule",
        { codes: manyIds },
        SAYS.tooManyCodes(TOO_MANY_CODES),
      ],
    ] as const)("%s: %s says so beside the field, and nothing is saved", (_what, fn, change, message) => {
      expect(longUrl.length).toBe(LONG_SLACK_URL_LENGTH);
      const world = faultWorld({ refresh: false });
      const before = {
        document: [...world.gas.properties.document],
        owner: [...world.gas.properties.user(OWNER)],
      };
      expect(world.tryCall(fn, [{ ...FAULT_SETTINGS, ...change }])).toEqual({ ok: false, error: message });
      expect([...world.gas.properties.document]).toEqual(before.document);
      expect([...world.gas.properties.user(OWNER)]).toEqual(before.owner);
      expectClean(world);
    });

    it(`${PLATFORM_ROWS.runReportTooLarge.fault}: the report is shortened to fit, and recorded`, () => {
      const world = faultWorld({ codeCount: 0 });
      const ids = Array.from(
        { length: 30 },
        (_, i) =>
          world.api.addCode({ slug: `${"s".repeat(1990)}-${i}`, created_at: "2026-10-01T00:00:00Z" }).id,
      );
      world.refreshNow();
      for (const id of ids) world.api.inject(id, Array(10).fill({ status: 500 }));
      world.gas.clock.advance(HOUR_MS);
      world.fireSchedule();
      const stored = world.gas.properties.document.get("openqr.lastRun") ?? "";
      expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(9 * 1024);
      const report = world.lastRun();
      expect(report).toMatchObject({ ok: true, trigger: "scheduled", failed: 30, refreshed: 0 });
      expect(report.failures).toHaveLength(20);
      expect(report.failures[0]!.reason).toBe(SAYS.serverError(500, 5));
      expect(report.failures[0]!.slug.endsWith("…")).toBe(true);
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.storeFull.fault}`, () => {
    it("saveSettings says the storage is full", () => {
      const world = faultWorld();
      world.saveSettings({ ...FAULT_SETTINGS, slackWebhookUrl: "" });
      fillStore(world.gas.properties.user(OWNER), 40);
      expect(world.tryCall("saveSettings", [{ ...FAULT_SETTINGS, slackWebhookUrl: SLACK_WEBHOOK }])).toEqual({
        ok: false,
        error: SAYS.storageFull,
      });
      expectClean(world);
    });

    it("the scheduled refresh writes the sheets and posts no digest, never the same one twice", () => {
      const world = faultWorld();
      fillStore(world.gas.properties.user(OWNER), 40);
      world.gas.clock.advance(DAY_MS);
      const before = dailySnapshot(world);
      for (let run = 0; run < 3; run++) {
        world.fireSchedule();
        expect(world.lastRun()).toMatchObject({
          ok: true,
          trigger: "scheduled",
          message: SAYS.allRefreshed,
          slack: { status: "failed", why: SAYS.slackStorageFull },
        });
        world.gas.clock.advance(HOUR_MS);
      }
      expect(world.slack.posts).toEqual([]);
      expectArchiveKept(world, before);
      expect(dailySnapshot(world)).toHaveLength(before.length + 12);
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.cacheTooLarge.fault}`, () => {
    it.each([
      [
        "a 150 KB answer",
        (world: FaultWorld) =>
          world.api.addCode({
            id: "huge1",
            slug: "huge",
            destination: `https://example.com/${"x".repeat(150_000)}`,
          }).id,
      ],
      [
        "a cache that drops everything",
        (world: FaultWorld) => {
          world.gas.caches.alwaysEvict = true;
          return world.id("spring-sale");
        },
      ],
    ])("%s: the table appears, and a recalculation fetches again", (_what, prepare) => {
      const world = faultWorld({ refresh: false });
      const id = prepare(world);
      const sent = world.api.requests.length;
      for (let i = 0; i < 2; i++) {
        const result = world.formula("OPENQR_SCANS", id, 7);
        expect(result).toMatchObject({ ok: true });
        expect((result as { value: unknown[] }).value).toHaveLength(8);
      }
      expect(world.api.requests.length - sent).toBe(2);
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.noSpreadsheet.fault}`, () => {
    const TRIGGER_OF = "openqr.trigger.";
    const FAILURE_OF = "openqr.scheduleFailure.";
    const ownTrigger = (world: FaultWorld) =>
      world.gas.triggers.find((t) => t.owner === OWNER && t.handler === "refreshReports")!;
    const sidebarLastRun = (world: FaultWorld) => (world.call("getSettings") as Settings).lastRun;

    it.each([
      ["no active spreadsheet", { activeSpreadsheetInTriggers: false }],
      ["no document properties, lock or cache", { documentServicesInTriggers: false }],
      ["neither", { activeSpreadsheetInTriggers: false, documentServicesInTriggers: false }],
    ] as const)(
      "%s: nothing is written, and the owner's sidebar says why and what to do",
      (_what, setting) => {
        const world = faultWorld();
        world.gas.clock.advance(DAY_MS);
        Object.assign(world.gas.settings, setting);
        const before = { sheets: sheetsNow(world), lastRun: world.lastRun() };
        world.fireSchedule();
        expect(sheetsNow(world)).toBe(before.sheets);
        // The file's shared report is untouched: the failure is this user's schedule's.
        expect(world.lastRun()).toEqual(before.lastRun);
        expect(world.gas.logs).toContain(`OpenQR scheduled refresh: ${SAYS.noDocument}`);
        Object.assign(world.gas.settings, {
          activeSpreadsheetInTriggers: true,
          documentServicesInTriggers: true,
        });
        expect(sidebarLastRun(world)).toMatchObject({
          ok: false,
          trigger: "scheduled",
          refreshed: 0,
          message: SAYS.noDocument,
          time: new Date(world.gas.clock.now()).toISOString(),
        });
        // An editor's sidebar shows the file's report, not the owner's schedule.
        expect((world.call("getSettings", [], EDITOR) as Settings).lastRun).toEqual(before.lastRun);

        // The next run that finds the document refreshes, and the failure is gone.
        world.gas.clock.advance(HOUR_MS);
        world.fireSchedule();
        expect(sidebarLastRun(world)).toMatchObject({ ok: true, refreshed: 12, message: SAYS.allRefreshed });
        const keys = [...world.gas.properties.user(OWNER).keys()];
        expect(keys.filter((key) => key.startsWith(FAILURE_OF))).toEqual([]);
        expectClean(world);
      },
    );

    it("in another file than the one it was saved in: that file's record says so, and neither file changes", () => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      const own = world.gas.properties.user(OWNER);
      const uid = ownTrigger(world).uid;
      expect(own.get(`${TRIGGER_OF}${world.gas.spreadsheet.id}`)).toBe(uid);
      own.delete(`${TRIGGER_OF}${world.gas.spreadsheet.id}`);
      own.set(`${TRIGGER_OF}other-spreadsheet`, uid);
      const before = { sheets: sheetsNow(world), lastRun: world.lastRun() };
      world.fireSchedule();
      expect(sheetsNow(world)).toBe(before.sheets);
      expect(world.lastRun()).toEqual(before.lastRun);
      expect(JSON.parse(own.get(`${FAILURE_OF}other-spreadsheet`) ?? "null")).toMatchObject({
        ok: false,
        trigger: "scheduled",
        message: SAYS.otherDocument,
      });
      expect(sidebarLastRun(world)).toEqual(before.lastRun);
      expect(world.gas.logs).toContain(`OpenQR scheduled refresh: ${SAYS.otherDocument}`);
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.authorization.fault}`, () => {
    let world: FaultWorld;
    beforeEach(() => {
      world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      world.gas.setAuthorizationRequired(true, OWNER);
    });

    it("the scheduled refresh pauses, fetches nothing and changes no sheet", () => {
      const before = sheetsNow(world);
      const sent = world.api.requests.length;
      world.fireSchedule();
      expect(world.lastRun()).toMatchObject({ ok: false, trigger: "scheduled", message: SAYS.paused });
      expect(world.api.requests.length).toBe(sent);
      expect(sheetsNow(world)).toBe(before);
      expectClean(world);
    });

    it.each([
      ["getSettings", []],
      ["saveSettings", [FAULT_SETTINGS]],
      ["listCodeChoices", []],
      ["saveApiKey", [KEY]],
      ["refreshNow", []],
    ] as const)("the sidebar's %s asks for permission, without an add-on error", (fn, args) => {
      const before = sheetsNow(world);
      expect(world.tryCall(fn, [...args])).toEqual({ ok: false, error: SAYS.permissionAgain });
      expect(sheetsNow(world)).toBe(before);
      expectClean(world);
    });

    it("estimateSchedule answers from the last run, and asks for permission when it must list the codes", () => {
      expect(world.tryCall("estimateSchedule", [FAULT_SETTINGS])).toMatchObject({ ok: true });
      const fresh = faultWorld({ refresh: false });
      fresh.gas.setAuthorizationRequired(true, OWNER);
      expect(fresh.tryCall("estimateSchedule", [FAULT_SETTINGS])).toEqual({
        ok: false,
        error: SAYS.permissionAgain,
      });
      expectClean(fresh);
    });

    it.each(FORMULAS)(
      "%s (the owner's grant lapsed) quotes Apps Script, and is not a network error",
      (name, args) => {
        expect(world.formula(name, ...args(world.id("spring-sale")))).toEqual({
          ok: false,
          error: SAYS.fetchRefused(platform(SAYS.platformAuthorization)),
        });
        expectClean(world);
      },
    );

    it("an editor whose grant is current refreshes as usual", () => {
      world.call("saveApiKey", [KEY], EDITOR);
      expect(world.gas.runFromSidebar("refreshNow", [], { user: EDITOR })).toMatchObject({ ok: true });
      expectClean(world);
    });
  });

  describe(`${PLATFORM_ROWS.cellLimit.fault}`, () => {
    it.each([
      ["refreshNow", (w: FaultWorld) => w.refreshNow()],
      [
        "refreshReports",
        (w: FaultWorld) => {
          w.fireSchedule();
          return w.lastRun();
        },
      ],
    ] as const)("%s stops with a clear message and keeps every row", (_name, run) => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      // OpenQR Daily is full to its last row, and a sheet of the user's takes every other cell.
      const daily = world.sheet(DAILY);
      daily.maxRows = daily.lastRow();
      const big = world.gas.spreadsheet.addSheet("Big data");
      big.maxRows += Math.floor((10_000_000 - world.gas.spreadsheet.totalCells()) / big.maxColumns);
      const before = { daily: dailySnapshot(world), sheets: sheetsNow(world) };
      world.gas.resetCalls();
      expect(run(world)).toMatchObject({ ok: false, message: SAYS.cellLimit });
      expectArchiveUnchanged(world, before.daily);
      expect(sheetsNow(world)).toBe(before.sheets);
      // It stopped before writing: no sheet was asked to grow, nothing was set but the run log's
      // row (one append within its grid, and that row's formats).
      const writes = Object.keys(world.gas.calls).filter((name) => /^(Sheet|Range)\.(set|insert)/.test(name));
      expect(writes).toEqual(["Range.setNumberFormats"]);
      expect(world.gas.calls["Range.setNumberFormats"]).toBe(1);
      expect(world.gas.calls["Sheet.appendRow"]).toBe(1);
      expect(world.gas.logs.join("\n")).not.toContain("OpenQR add-on error");
      expectClean(world);
    });

    it("OpenQR Daily has room but the Summary cannot grow: nothing is written, OpenQR Daily included", () => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      // 30 days instead of 7: OpenQR Daily's 1,000 rows take the new days, the Summary's longer series needs rows.
      world.call("saveSettings", [{ ...FAULT_SETTINGS, days: 30 }]);
      const summary = world.sheet(SUMMARY);
      summary.maxRows = summary.lastRow();
      const big = world.gas.spreadsheet.addSheet("Big data");
      big.maxColumns = 1;
      big.maxRows = 10_000_000 - 5_000 - (world.gas.spreadsheet.totalCells() - 1000);
      const before = { daily: dailySnapshot(world), sheets: sheetsNow(world) };
      expect(world.refreshNow()).toMatchObject({ ok: false, message: SAYS.cellLimit });
      expectArchiveUnchanged(world, before.daily);
      expect(sheetsNow(world)).toBe(before.sheets);
      // With room again (its 500 new rows × 26 columns fit), the same run writes every sheet.
      big.maxRows -= 20_000;
      expect(world.refreshNow()).toMatchObject({
        ok: true,
        notes: [SAYS.roomLow(99, 9_988_000, 6_000, 12, 166)],
      });
      expect(dailySnapshot(world).length).toBeGreaterThan(before.daily.length);
    });
  });

  describe(`${PLATFORM_ROWS.roomLow.fault}`, () => {
    /** A world one day on, with a sheet of the user's that brings the file to `cells` in all. */
    const filledTo = (cells: number) => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      const big = world.gas.spreadsheet.addSheet("Big data");
      big.maxColumns = 1;
      big.maxRows = cells - (world.gas.spreadsheet.totalCells() - 1000);
      return world;
    };

    it("from 80% on, the run report says how full the file and OpenQR Daily are, and what to do", () => {
      const world = filledTo(8_500_000);
      const before = dailySnapshot(world);
      // OpenQR Daily: 1,000 rows × 6 columns; 12 codes add 72 cells a day: 1,500,000 / 72 days of room.
      expect(world.refreshNow()).toMatchObject({
        ok: true,
        refreshed: 12,
        notes: [SAYS.roomLow(85, 8_500_000, 6_000, 12, 20_833)],
      });
      expectArchiveKept(world, before);
      world.fireSchedule();
      expect(world.lastRun().notes).toEqual([SAYS.roomLow(85, 8_500_000, 6_000, 12, 20_833)]);
      expect(PLATFORM_ROWS.roomLow.userSees).toContain(SAYS.roomLow(85, 8_500_000, 6_000, 12, 20_833));
      expectClean(world);
    });

    it("just under 80%, nothing is said", () => {
      const world = filledTo(7_999_999);
      expect(world.refreshNow()).toMatchObject({ ok: true, notes: [] });
    });
  });

  describe(`${PLATFORM_ROWS.killed.fault}`, () => {
    // The emulator stops an execution when its virtual time runs out; a write cannot take
    // virtual time, so the test ends the execution there the way the platform does: every
    // later call fails, whatever the script catches, and the run reports the time limit.
    let current: Execution | null = null;
    const spend = Execution.prototype.spend;
    beforeEach(() => {
      Execution.prototype.spend = function (this: Execution, ms: number) {
        current = this;
        spend.call(this, ms);
      };
    });
    afterEach(() => {
      Execution.prototype.spend = spend;
    });

    /** Stops the execution at the first write to `sheet` that `when` picks. */
    function killAt(world: FaultWorld, sheet: string, when: (patch: Partial<Cell>) => boolean): () => void {
      const model = world.sheet(sheet);
      const write = model.write.bind(model);
      let armed = true;
      model.write = (row, column, patch) => {
        if (armed && when(patch) && current) {
          armed = false;
          current.timedOut = true;
          throw new PlatformError(EXCEEDED_MAXIMUM_EXECUTION_TIME, "Error");
        }
        write(row, column, patch);
      };
      return () => {
        model.write = write;
      };
    }

    const values = (patch: Partial<Cell>) => "value" in patch;
    const formats = (patch: Partial<Cell>) => "format" in patch;

    it.each([
      ["before OpenQR Daily's rows", DAILY, values, "scheduled"],
      ["after OpenQR Daily's rows, before their date format", DAILY, formats, "scheduled"],
      ["before OpenQR Breakdown", BREAKDOWN, values, "scheduled"],
      ["before OpenQR Summary", SUMMARY, values, "scheduled"],
      ["before OpenQR Summary, in a manual refresh", SUMMARY, values, "manual"],
    ] as const)(
      "%s: the next run finishes the job without a duplicate row",
      (_where, sheet, when, trigger) => {
        const world = faultWorld();
        world.gas.clock.advance(DAY_MS);
        const before = { daily: dailySnapshot(world), lastRun: world.lastRun() };
        const revive = killAt(world, sheet, when);
        if (trigger === "manual") {
          expect(world.tryCall("refreshNow")).toEqual({ ok: false, error: platform(SAYS.timeLimit) });
        } else {
          world.fireSchedule();
          expect(world.seen).toContain(platform(SAYS.timeLimit));
        }
        // The stopped run recorded nothing: the report is the one before it.
        expect(world.lastRun()).toEqual(before.lastRun);
        expectNoDuplicateRows(world);
        expectArchiveKept(world, before.daily);
        revive();

        world.gas.clock.advance(HOUR_MS);
        world.fireSchedule();
        expect(world.lastRun()).toMatchObject({ ok: true, refreshed: 12, message: SAYS.allRefreshed });
        expectNoDuplicateRows(world);
        expectArchiveKept(world, before.daily);
        expect(dailySnapshot(world)).toHaveLength(before.daily.length + 12);
        expect(world.shown(DAILY).at(-1)![0]).toBe("2026-11-26");
        expect(new Set(Object.values(summaryStatuses(world)))).toEqual(new Set(["ok"]));
        expectClean(world);
      },
    );
  });

  describe(`${PLATFORM_ROWS.slackTooLate.fault}`, () => {
    it("skips the post instead of being stopped mid-post, and the next scheduled run posts it once", () => {
      const world = faultWorld();
      world.gas.clock.advance(DAY_MS);
      // The code list times out three times, then answers slowly; every code answers slowly.
      world.api.inject("*list", [
        ...Array(3).fill({ kind: "slow", ms: 61_000 }),
        { kind: "slow", ms: 59_000 },
      ]);
      for (const code of world.api.codes) world.api.inject(code.id, [{ kind: "slow", ms: 59_000 }]);
      world.slack.inject([{ delayMs: 59_000 }]);
      world.fireSchedule();
      expect(world.lastRun()).toMatchObject({
        ok: true,
        refreshed: 12,
        slack: { status: "failed", why: SAYS.slackTooLate },
      });
      expect(world.lastRun().durationSeconds).toBeLessThan(360);
      expect(world.slack.posts).toEqual([]);
      expect([...world.gas.properties.user(OWNER).keys()].some((k) => k.startsWith(SLACK_DIGEST_DAY))).toBe(
        false,
      );

      world.gas.clock.advance(HOUR_MS);
      world.fireSchedule();
      world.gas.clock.advance(HOUR_MS);
      world.fireSchedule();
      expect(world.lastRun().slack).toEqual({ status: "not-due", why: "today's digest was already posted" });
      expect(world.slack.messages).toHaveLength(1);
      expectClean(world);
    });
  });
});
