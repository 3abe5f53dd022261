// The sidebar's server functions and the menu, from dist/ in the emulator.

import { beforeEach, describe, expect, it } from "vitest";
import { readFailure } from "../../src/shared/add-on-failure.ts";
import { createTestWorld, EDITOR, everythingVisible, KEY, OWNER, type TestWorld } from "./world.ts";

const SLACK = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
const base = { days: 30, schedule: "off", hour: 7, codes: "all", formulasUseMyKey: false };

let world: TestWorld;
beforeEach(() => {
  world = createTestWorld({ timeZone: "America/Los_Angeles" });
});

const triggersOf = (user: string) =>
  world.gas.triggers
    .filter((t) => t.owner === user)
    .map((t) => ({ handler: t.handler, everyHours: t.everyHours, atHour: t.atHour, timeZone: t.timeZone }));

describe("onOpen", () => {
  const menu = [
    { caption: "Settings…", fn: "showSettings" },
    { caption: "Refresh reports now", fn: "refreshNow" },
    { caption: "Refresh formulas", fn: "refreshFormulas" },
    { caption: "Help", fn: "showHelp" },
  ];

  it.each(["NONE", "LIMITED", "FULL"] as const)("builds the add-on menu in AuthMode.%s", (authMode) => {
    world.gas.run("onOpen", [{ authMode }], { user: EDITOR, authMode });
    expect(world.gas.ui.menus).toHaveLength(1);
    expect(world.gas.ui.menus[0]!.items.filter((item) => item.fn)).toEqual(menu);
    const touched = Object.keys(world.gas.calls).filter((name) =>
      /^(Properties|Cache|UrlFetchApp)/.test(name),
    );
    expect(touched).toEqual([]);
  });

  it("is what onInstall runs", () => {
    world.gas.run("onInstall", [{ authMode: "FULL" }], { authMode: "FULL" });
    expect(world.gas.ui.menus[0]!.items.filter((item) => item.fn)).toEqual(menu);
  });
});

describe("showSettings and showHelp", () => {
  it("opens the sidebar titled with OpenQR", () => {
    world.call("showSettings");
    expect(world.gas.ui.sidebars).toHaveLength(1);
    expect(world.gas.ui.sidebars[0]!.title).toContain("OpenQR");
    expect(world.gas.ui.sidebars[0]!.html).toContain("<html");
  });

  it("explains every function with an example", () => {
    world.call("showHelp");
    const help = world.gas.ui.alerts.join("\n");
    for (const example of [
      '=OPENQR_SCANS("',
      "=OPENQR_SUMMARY(",
      "=OPENQR_BREAKDOWN(",
      "=OPENQR_TOTAL(",
      "=OPENQR_CODES()",
    ]) {
      expect(help).toContain(example);
    }
  });
});

describe("getSettings", () => {
  it("gives the defaults before anything is saved", () => {
    expect(world.call("getSettings")).toEqual({
      hasKey: false,
      keyHint: null,
      formulasUseMyKey: false,
      days: 30,
      schedule: "off",
      hour: 7,
      codes: "all",
      webhookKind: null,
      refreshFormulas: false,
      lastRun: null,
      timeZone: "America/Los_Angeles",
      schedulePlan: {
        codes: null,
        runsPerDay: 0,
        fetchesPerDay: 0,
        fetchQuota: 20_000,
        minutesPerDay: 0,
        minutesQuota: 90,
        yearsOfArchive: null,
        fits: true,
        message: "Off: reports refresh only when you choose Refresh now.",
        suggestion: null,
      },
      stale: null,
    });
  });

  it("shows a hint of the key and whether Slack is set, never either secret", () => {
    world.call("saveApiKey", [KEY]);
    world.call("saveSettings", [{ ...base, slackWebhookUrl: SLACK }]);
    const settings = world.call("getSettings") as Record<string, unknown>;
    expect(settings).toMatchObject({ hasKey: true, keyHint: `oqr_…${KEY.slice(-4)}`, webhookKind: "slack" });
    expect(JSON.stringify(settings)).not.toContain(KEY);
    expect(JSON.stringify(settings)).not.toContain("XXXXSECRET");
  });
});

describe("saveSettings", () => {
  it("stores report settings for the file, the Slack URL for the user, and returns the new view", () => {
    const saved = world.call("saveSettings", [
      { ...base, days: 14, codes: [" a1 ", "b2", "a1"], slackWebhookUrl: SLACK },
    ]) as Record<string, unknown>;
    expect(saved).toMatchObject({ days: 14, codes: ["a1", "b2"], webhookKind: "slack" });
    expect(JSON.parse(world.gas.properties.document.get("openqr.reportSettings")!)).toEqual({
      days: 14,
      codes: ["a1", "b2"],
    });
    expect(JSON.stringify([...world.gas.properties.document])).not.toContain("hooks.slack.com");
    expect(JSON.stringify([...world.gas.properties.user(OWNER)])).toContain(SLACK);
  });

  it.each([
    "https://chat.googleapis.com/v1/spaces/AAAAbc-D_9/messages?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&token=a1B2c3-_x%3D",
    " https://chat.googleapis.com/v1/spaces/AAAA/messages?token=t&key=k&threadKey=digest&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD ",
  ])("accepts the Google Chat webhook %s, says its kind and never shows it", (url) => {
    const saved = world.call("saveSettings", [{ ...base, slackWebhookUrl: url }]) as Record<string, unknown>;
    expect(saved).toMatchObject({ webhookKind: "google-chat" });
    expect(JSON.stringify(saved)).not.toContain("chat.googleapis.com");
    expect(world.gas.properties.user(OWNER).get(`openqr.slackWebhook.${world.gas.spreadsheet.id}`)).toBe(
      url.trim(),
    );
    expect(JSON.stringify([...world.gas.properties.document])).not.toContain("chat.googleapis.com");
  });

  it.each([
    [{ days: 0 }, "Days must be a whole number from 1 to 365."],
    [{ days: 366 }, "Days must be a whole number from 1 to 365."],
    [{ schedule: "every5min" }, "Schedule must be one of: off, hourly, every6h, daily."],
    [{ hour: 24 }, "Hour must be a whole number from 0 to 23."],
    [{ codes: [] }, "Codes needs at least one ticked code, or choose All codes."],
    [{ codes: ["a", ""] }, 'Codes must be "all" or a list of 1 to 500 code ids.'],
    [{ codes: "some" }, 'Codes must be "all" or a list of 1 to 500 code ids.'],
    [{ formulasUseMyKey: "yes" }, "Let formulas in this spreadsheet use my key must be true or false."],
    [
      { formulasUseMyKey: true },
      "Let formulas in this spreadsheet use my key needs a saved API key: save your key first.",
    ],
    [
      { slackWebhookUrl: "https://evil.example/services/x" },
      "Webhook URL must be a Slack webhook (https://hooks.slack.com/services/…) or a Google Chat webhook (https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=…), or empty to remove it.",
    ],
    [
      { slackWebhookUrl: "http://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t" },
      "Webhook URL must be a Slack webhook (https://hooks.slack.com/services/…) or a Google Chat webhook (https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=…), or empty to remove it.",
    ],
    [
      { slackWebhookUrl: "https://chat.googleapis.com.evil.example/v1/spaces/AAAA/messages?key=k&token=t" },
      "Webhook URL must be a Slack webhook (https://hooks.slack.com/services/…) or a Google Chat webhook (https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=…), or empty to remove it.",
    ],
    [
      { slackWebhookUrl: "https://chat.googleapis.com/v1/spaces/AAAA/members?key=k&token=t" },
      "Webhook URL must be a Slack webhook (https://hooks.slack.com/services/…) or a Google Chat webhook (https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=…), or empty to remove it.",
    ],
    [
      { slackWebhookUrl: "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaSyKEY" },
      "Webhook URL lacks the key and token of a Google Chat webhook: copy the whole URL again from the space's Apps & integrations › Webhooks.",
    ],
    [
      { slackWebhookUrl: "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t&key=k2" },
      "Webhook URL has a parameter a Google Chat webhook does not take: copy the whole URL again from the space's Apps & integrations › Webhooks.",
    ],
    [
      {
        slackWebhookUrl:
          "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t&redirect=https://x",
      },
      "Webhook URL has a parameter a Google Chat webhook does not take: copy the whole URL again from the space's Apps & integrations › Webhooks.",
    ],
  ])("refuses %j with a message naming the field, saving nothing", (change, message) => {
    expect(() => world.call("saveSettings", [{ ...base, ...change }])).toThrow(message);
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.triggers).toHaveLength(0);
  });

  it.each([
    ["hourly", { everyHours: 1, atHour: undefined }],
    ["every6h", { everyHours: 6, atHour: undefined }],
    ["daily", { everyHours: undefined, atHour: 7 }],
  ])("installs exactly one %s trigger for refreshReports, however often it is saved", (schedule, timing) => {
    world.call("saveSettings", [{ ...base, schedule }]);
    world.call("saveSettings", [{ ...base, schedule }]);
    expect(triggersOf(OWNER)).toEqual([
      {
        handler: "refreshReports",
        ...timing,
        timeZone: schedule === "daily" ? "America/Los_Angeles" : undefined,
      },
    ]);
  });

  it("replaces the previous trigger when the schedule changes, and off removes it", () => {
    world.call("saveSettings", [{ ...base, schedule: "hourly" }]);
    world.call("saveSettings", [{ ...base, schedule: "daily", hour: 18 }]);
    expect(triggersOf(OWNER)).toEqual([
      { handler: "refreshReports", everyHours: undefined, atHour: 18, timeZone: "America/Los_Angeles" },
    ]);
    expect(world.call("getSettings")).toMatchObject({ schedule: "daily", hour: 18 });
    world.call("saveSettings", [{ ...base, schedule: "off" }]);
    expect(triggersOf(OWNER)).toEqual([]);
  });

  it("remembers the trigger's unique id with this spreadsheet's id, and replaces that trigger by it", () => {
    const key = `openqr.trigger.${world.gas.spreadsheet.id}`;
    const own = world.gas.properties.user(OWNER);
    // Another trigger of the user's in this file, with the same handler: not the schedule.
    world.gas.triggers.push({
      uid: "on-open-1",
      owner: OWNER,
      handler: "refreshReports",
      type: "ON_OPEN",
      source: "SPREADSHEETS",
      documentId: world.gas.spreadsheet.id,
    });
    world.call("saveSettings", [{ ...base, schedule: "hourly" }]);
    const first = world.gas.triggers.find((t) => t.type === "CLOCK")!;
    expect(own.get(key)).toBe(first.uid);
    world.call("saveSettings", [{ ...base, schedule: "every6h" }]);
    const second = world.gas.triggers.find((t) => t.type === "CLOCK")!;
    expect(second.uid).not.toBe(first.uid);
    expect(own.get(key)).toBe(second.uid);
    expect(world.gas.triggers.map((t) => t.uid).sort()).toEqual([second.uid, "on-open-1"].sort());
    world.call("saveSettings", [{ ...base, schedule: "off" }]);
    expect(world.gas.triggers.map((t) => t.uid)).toEqual(["on-open-1"]);
    expect(own.has(key)).toBe(false);
  });

  it("replaces a schedule saved before trigger ids were remembered, by its handler", () => {
    world.call("saveSettings", [{ ...base, schedule: "hourly" }]);
    world.gas.properties.user(OWNER).delete(`openqr.trigger.${world.gas.spreadsheet.id}`);
    world.call("saveSettings", [{ ...base, schedule: "daily", hour: 5 }]);
    expect(triggersOf(OWNER)).toEqual([
      { handler: "refreshReports", everyHours: undefined, atHour: 5, timeZone: "America/Los_Angeles" },
    ]);
    expect(world.gas.properties.user(OWNER).get(`openqr.trigger.${world.gas.spreadsheet.id}`)).toBe(
      world.gas.triggers[0]!.uid,
    );
  });

  it("saves nothing while another editor holds the file's settings lock", () => {
    world.gas.locks.holdByAnotherProcess("document");
    expect(() => world.call("saveSettings", [{ ...base, days: 9, schedule: "hourly" }])).toThrow(
      "Another editor is saving this file's OpenQR settings, or a refresh is running. Nothing was saved: try again in a minute.",
    );
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.triggers).toHaveLength(0);
  });

  it("keeps a second user's schedule their own", () => {
    world.call("saveSettings", [{ ...base, schedule: "hourly" }], OWNER);
    world.call("saveSettings", [{ ...base, schedule: "daily", hour: 6 }], EDITOR);
    expect(triggersOf(OWNER)).toEqual([
      { handler: "refreshReports", everyHours: 1, atHour: undefined, timeZone: undefined },
    ]);
    expect(triggersOf(EDITOR)).toEqual([
      { handler: "refreshReports", everyHours: undefined, atHour: 6, timeZone: "America/Los_Angeles" },
    ]);
    expect(world.call("getSettings", [], OWNER)).toMatchObject({ schedule: "hourly" });
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({ schedule: "daily", hour: 6 });
    world.call("saveSettings", [{ ...base, schedule: "off" }], EDITOR);
    expect(triggersOf(OWNER)).toHaveLength(1);
  });
});

describe("letting formulas use an editor's key", () => {
  const ANOTHER = "another@example.com";

  it("lets other editors' formulas run on the editor's key when opted in, and stops when opted out", () => {
    const id = world.id("spring-sale");
    world.call("saveApiKey", [KEY], EDITOR);
    const asAnother = () => world.gas.runCustomFunction("OPENQR_TOTAL", [id], { user: ANOTHER });
    expect(asAnother()).toEqual({
      ok: false,
      error: "No OpenQR API key: open Extensions › OpenQR › Settings",
    });

    world.call("saveSettings", [{ ...base, formulasUseMyKey: true }], EDITOR);
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({ formulasUseMyKey: true });
    expect(world.call("getSettings", [], OWNER)).toMatchObject({ formulasUseMyKey: false });
    expect(asAnother().ok).toBe(true);

    world.call("saveSettings", [{ ...base, formulasUseMyKey: false }], EDITOR);
    expect([...world.gas.properties.document.values()].join()).not.toContain(KEY);
    // At once: the cached answers belong to the key no longer shared.
    expect(asAnother()).toEqual({
      ok: false,
      error: "No OpenQR API key: open Extensions › OpenQR › Settings",
    });
  });

  it("clearApiKey removes the formulas' copy too", () => {
    world.call("saveApiKey", [KEY], EDITOR);
    world.call("saveSettings", [{ ...base, formulasUseMyKey: true }], EDITOR);
    world.call("clearApiKey", [], EDITOR);
    expect([...world.gas.properties.document.values()].join()).not.toContain(KEY);
    expect(world.call("getSettings", [], EDITOR)).toMatchObject({ hasKey: false, formulasUseMyKey: false });
  });
});

describe("listCodeChoices", () => {
  it("offers the account's codes as plain text choices", () => {
    world.call("saveApiKey", [KEY]);
    const choices = world.call("listCodeChoices") as Array<{ id: string; slug: string; label: string }>;
    expect(choices.map((c) => c.id)).toEqual(world.api.codes.map((c) => c.id));
    expect(choices[0]).toEqual({
      id: world.api.codes[0]!.id,
      slug: world.api.codes[0]!.slug,
      label: world.api.codes[0]!.label ?? "",
    });
  });

  it("asks for a key first", () => {
    expect(() => world.call("listCodeChoices")).toThrow("API key needed: save your OpenQR API key first.");
  });

  it("is what the saved trigger's handler refreshes with: the handler exists in the bundle", () => {
    world.call("saveApiKey", [KEY]);
    world.call("saveSettings", [{ ...base, schedule: "hourly" }]);
    const [trigger] = world.gas.triggers;
    world.gas.fireTrigger(trigger!.uid);
    expect(JSON.parse(world.gas.properties.document.get("openqr.lastRun")!)).toMatchObject({
      trigger: "scheduled",
      ok: true,
      refreshed: 12,
    });
  });
});

describe("the key stays secret through the sidebar's calls", () => {
  it("is absent from every returned value, shared store, UI and log", () => {
    const returned = [
      world.call("saveApiKey", [KEY]),
      world.call("getSettings"),
      world.call("saveSettings", [{ ...base, schedule: "daily", slackWebhookUrl: SLACK }]),
      world.call("listCodeChoices"),
    ];
    world.call("showSettings");
    expect(JSON.stringify(returned)).not.toContain(KEY);
    expect(everythingVisible(world)).not.toContain(KEY);
  });
});

/** The message a sidebar call failed with, without the add-on's invisible mark (see add-on-failure.ts). */
function failureOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return readFailure((error as Error).message).text;
  }
  throw new Error("expected the call to fail");
}

describe("entry points in a run without the document", () => {
  const outside = (what: string) =>
    `Apps Script gave this run no ${what} (it ran outside the spreadsheet), so nothing was changed. Open the spreadsheet and try again from Extensions › OpenQR.`;
  const asTriggerRun = (fn: string, args: unknown[] = []) =>
    world.gas.run(fn, args, { user: OWNER, triggerUid: "no-such-trigger" });

  beforeEach(() => {
    world.saveOwnerKey();
    world.gas.settings.documentServicesInTriggers = false;
  });

  it.each([
    ["getSettings", "document properties", []],
    ["saveSettings", "document lock", [base]],
    ["refreshNow", "document lock", []],
  ] as const)("%s fails with a clear message without the %s", (fn, what, args) => {
    expect(failureOf(() => asTriggerRun(fn, [...args]))).toBe(outside(what));
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.logs.join("\n")).not.toContain("OpenQR add-on error");
  });

  it("refreshNow without the spreadsheet asks to open one", () => {
    world.gas.settings.activeSpreadsheetInTriggers = false;
    expect(failureOf(() => asTriggerRun("refreshNow"))).toBe(
      "Open a spreadsheet to refresh its OpenQR reports.",
    );
    expect(failureOf(() => asTriggerRun("getSettings"))).toBe(outside("active spreadsheet"));
  });
});
