/**
 * The settings sidebar in Chromium at the sidebar's 300 px width, against a backend
 * serving its google.script.run calls.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MULTI_ACCOUNT_FAILURE } from "../../harness/emulator/index.ts";
import { SEVERAL_ACCOUNTS_ADVICE } from "../../src/shared/add-on-failure.ts";
import type { CodeChoice, LastRun } from "../../src/shared/settings.ts";
import { OWNER } from "../bundle/world.ts";
import type { TestBackend } from "./backend.ts";
import { chromiumOrSkip, launchChromium } from "./chromium.ts";
import {
  ACCEPTED_KEY,
  createEmulatorBackend,
  REJECTED_KEY,
  SIDEBAR_TIME_ZONE,
  seededCodeChoices,
} from "./emulator-backend.ts";
import { startSidebarPage } from "./sidebar-page.ts";

/** The server behind the sidebar: dist/'s server functions in the Apps Script emulator. */
function makeBackend(): TestBackend {
  return createEmulatorBackend();
}

/** What the backend's world holds. */
const GOOD_KEY = ACCEPTED_KEY;
const GOOD_KEY_HINT = `oqr_…${GOOD_KEY.slice(-4)}`;
const TIME_ZONE = SIDEBAR_TIME_ZONE;
const [CODE_A, CODE_B] = seededCodeChoices() as [CodeChoice, CodeChoice];
/** How a code's checkbox is labelled: its slug, then its label. */
const codeLabel = (code: CodeChoice) => `${code.slug} ${code.label}`;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
/** 06:00 UTC is 07:00 in Berlin: how the sidebar (en-US) writes the run's time. */
const RUN_TIME = "2025-11-24T06:00:00.000Z";
const RUN_TIME_SHOWN = "Nov 24, 2025, 7:00 AM";

/** A refresh report: a quiet manual run that refreshed nothing, with `fields` changed. */
function runReport(fields: Partial<LastRun> = {}): LastRun {
  return {
    time: RUN_TIME,
    trigger: "manual",
    ok: true,
    refreshed: 0,
    failed: 0,
    failures: [],
    skippedForTime: 0,
    durationSeconds: 3,
    slack: { status: "not-due", why: "Manual refreshes do not post the Slack digest." },
    message: "",
    notes: [],
    ...fields,
  };
}
const screenshotPath = join(dirname(fileURLToPath(import.meta.url)), "../../test-results/sidebar.png");
const chromiumPath = chromiumOrSkip();

describe.skipIf(chromiumPath === null)("settings sidebar", () => {
  let browser: Browser;
  let cleanups: Array<() => Promise<void>> = [];
  /** Page errors and requests leaving 127.0.0.1; any of them fails the test. */
  let problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
    const found = problems;
    problems = [];
    expect(found).toEqual([]);
  });

  /** Opens the sidebar in a fresh 300 px context, not waiting for its settings. */
  async function openPage(backend: TestBackend): Promise<Page> {
    const site = await startSidebarPage(backend.call);
    // en-US, so the run's time reads the same on every machine.
    const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: "en-US" });
    cleanups.push(
      () => site.close(),
      () => context.close(),
    );
    // Fail in seconds, well inside the test's time limit, with the waited-for selector named.
    context.setDefaultTimeout(5_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(site.url)) return route.continue();
      problems.push(`request outside the page: ${url}`);
      return route.abort();
    });
    await page.goto(site.url);
    return page;
  }

  /** Opens the sidebar and waits for the settings to show. */
  async function openSidebar(backend: TestBackend): Promise<Page> {
    const page = await openPage(backend);
    await page.locator("#content").waitFor({ state: "visible" });
    return page;
  }

  const text = async (page: Page, selector: string) =>
    ((await page.locator(selector).textContent()) ?? "").trim();
  /** What a user reads in an element, line by line (soft wraps are not line breaks). */
  const lines = async (page: Page, selector: string) =>
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines are the point.
    (await page.locator(selector).innerText())
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter((line) => line !== "");
  const pwned = (page: Page) => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

  it("shows a bad key's error beside the key field", async () => {
    const page = await openSidebar(makeBackend());
    await page.fill("#api-key", "not-a-key");
    await page.click("#save-key");
    await page.locator("#api-key-error:not(:empty)").waitFor();
    expect(await text(page, "#api-key-error")).toMatch(/^That is not an OpenQR API key\. /);
    expect(await page.getAttribute("#api-key", "aria-describedby")).toContain("api-key-error");
    expect(await page.getAttribute("#api-key", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#api-key-error", "role")).toBe("alert");

    // Right under the field, above the buttons.
    const field = (await page.locator("#api-key").boundingBox())!;
    const error = (await page.locator("#api-key-error").boundingBox())!;
    const button = (await page.locator("#save-key").boundingBox())!;
    expect(error.y).toBeGreaterThanOrEqual(field.y + field.height);
    expect(error.y + error.height).toBeLessThanOrEqual(button.y);

    await page.fill("#api-key", REJECTED_KEY);
    await page.click("#save-key");
    await page.locator("#api-key-error", { hasText: "OpenQR rejected this key" }).waitFor();
    expect(await text(page, "#key-status")).toBe("No key saved.");
  });

  it("saves a good key: shows its hint, empties the field and keeps the key out of the page", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    await page.fill("#api-key", GOOD_KEY);
    await page.click("#save-key");
    await page.locator("#key-status", { hasText: `Saved key: ${GOOD_KEY_HINT}` }).waitFor();
    expect(await page.inputValue("#api-key")).toBe("");
    expect(await page.isVisible("#remove-key")).toBe(true);
    const everything = await page.evaluate(() => {
      const values = Array.from(document.querySelectorAll("input")).map((input) => input.value);
      return [document.documentElement.outerHTML, ...values].join("\n");
    });
    expect(everything).not.toContain(GOOD_KEY);
    expect(everything).not.toContain(GOOD_KEY.slice(4, -4));

    const reopened = await openSidebar(backend);
    expect(await text(reopened, "#key-status")).toBe(`Saved key: ${GOOD_KEY_HINT}`);

    await reopened.click("#remove-key");
    await reopened.locator("#key-status", { hasText: "No key saved." }).waitFor();
    expect(await reopened.isVisible("#remove-key")).toBe(false);
    expect(backend.calls.map((call) => call.fn)).toContain("clearApiKey");
  });

  it("keeps a daily schedule at 07:00 across a reopen", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    expect(await page.isVisible("#hour")).toBe(false);
    await page.selectOption("#schedule", "daily");
    expect(await page.isVisible("#hour")).toBe(true);
    expect(await text(page, "#hour-label")).toBe(`Hour (${TIME_ZONE})`);
    await page.selectOption("#hour", { label: "07:00" });
    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();

    const reopened = await openSidebar(backend);
    expect(await reopened.inputValue("#schedule")).toBe("daily");
    expect(await reopened.inputValue("#hour")).toBe("7");
    expect(await reopened.locator("#hour option:checked").textContent()).toBe("07:00");
    expect(await reopened.isVisible("#hour")).toBe(true);
  });

  /** What the quota planner says for all 1,000 codes of the big fake account. */
  const HOURLY_WARNING =
    "Hourly for 1,000 codes needs about 24,120 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Every 6 hours fits.";
  const EVERY_6H_PLAN =
    "Every 6 hours for 1,000 codes uses about 4,020 of 20,000 URL fetches and 11 of 90 trigger minutes a day; OpenQR Daily has room for about 4.3 years of history.";
  const DAILY_PLAN =
    "Daily for 1,000 codes uses about 1,005 of 20,000 URL fetches and 3 of 90 trigger minutes a day; OpenQR Daily has room for about 4.3 years of history.";

  /** The sidebar over a fake account of 1,000 codes, with the owner's key saved. */
  async function openBigAccount(): Promise<{
    page: Page;
    backend: ReturnType<typeof createEmulatorBackend>;
  }> {
    const backend = createEmulatorBackend({ codeCount: 1_000 });
    backend.world.saveOwnerKey();
    return { page: await openSidebar(backend), backend };
  }
  const estimatesOf = (backend: TestBackend) =>
    backend.calls.filter((call) => call.fn === "estimateSchedule").map((call) => call.args[0]);

  it("warns before saving that hourly for all 1,000 codes exceeds the URL fetch quota, and saves it anyway", async () => {
    const { page, backend } = await openBigAccount();
    expect(await page.isChecked("#codes-all")).toBe(true);
    expect(await text(page, "#schedule-plan")).toBe("Off: reports refresh only when you choose Refresh now.");
    expect(await page.locator("#schedule-plan.warning").count()).toBe(0);

    await page.selectOption("#schedule", "hourly");
    await page.locator("#schedule-plan.warning").waitFor();
    expect(await text(page, "#schedule-plan")).toBe(HOURLY_WARNING);
    expect(await page.getAttribute("#schedule", "aria-describedby")).toContain("schedule-plan");
    const warning = await page.locator("#schedule-plan").evaluate((el) => ({
      color: getComputedStyle(el).color,
      background: getComputedStyle(el).backgroundColor,
    }));
    expect(warning).toEqual({ color: "rgb(34, 34, 34)", background: "rgb(254, 247, 224)" });
    // Nothing is saved by estimating.
    expect(backend.calls.map((call) => call.fn)).not.toContain("saveSettings");
    expect(backend.world.gas.triggers).toHaveLength(0);

    await page.selectOption("#schedule", "every6h");
    await page.locator("#schedule-plan", { hasText: EVERY_6H_PLAN }).waitFor();
    expect(await text(page, "#schedule-plan")).toBe(EVERY_6H_PLAN);
    expect(await page.locator("#schedule-plan.warning").count()).toBe(0);
    expect(await page.locator("#schedule-plan").evaluate((el) => getComputedStyle(el).color)).toBe(
      "rgb(119, 119, 119)",
    );

    await page.selectOption("#schedule", "hourly");
    await page.locator("#schedule-plan.warning").waitFor();
    const estimated = estimatesOf(backend).length;
    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();
    expect(await text(page, "#save-error")).toBe("");
    expect(await text(page, "#schedule-plan")).toBe(HOURLY_WARNING);
    expect(await page.locator("#schedule-plan.warning").count()).toBe(1);
    expect(backend.world.gas.triggers.map((trigger) => trigger.everyHours)).toEqual([1]);
    // The warning shown is the one kept: saving asks for no new estimate.
    expect(estimatesOf(backend)).toHaveLength(estimated);

    // Reopened before any refresh has counted the codes, the sidebar asks and warns again.
    const reopened = await openSidebar(backend);
    await reopened.locator("#schedule-plan.warning").waitFor();
    expect(await text(reopened, "#schedule-plan")).toBe(HOURLY_WARNING);
  });

  it("estimates once the choice rests, and shows only the latest choice's plan", async () => {
    const { page, backend } = await openBigAccount();
    // Two changes at once: one estimate, for the last.
    await page.evaluate(() => {
      const select = document.getElementById("schedule") as HTMLSelectElement;
      for (const value of ["hourly", "daily"]) {
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    await page.locator("#schedule-plan", { hasText: DAILY_PLAN }).waitFor();
    expect(estimatesOf(backend)).toMatchObject([{ schedule: "daily", codes: "all" }]);

    // An answer that arrives after a later choice's is dropped.
    let releaseHourly = () => {};
    const hourlyHeld = new Promise<void>((resolve) => {
      releaseHourly = resolve;
    });
    backend.override("estimateSchedule", async (input) => {
      if (input.schedule === "hourly") await hourlyHeld;
      return backend.world.gas.runFromSidebar("estimateSchedule", [input], { user: OWNER });
    });
    await page.selectOption("#schedule", "hourly");
    await expect.poll(() => estimatesOf(backend).length).toBe(2);
    await page.selectOption("#schedule", "every6h");
    await page.locator("#schedule-plan", { hasText: EVERY_6H_PLAN }).waitFor();
    const hourlyAnswer = page.waitForResponse((response) =>
      (response.request().postData() ?? "").includes('"schedule":"hourly"'),
    );
    releaseHourly();
    await hourlyAnswer;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await text(page, "#schedule-plan")).toBe(EVERY_6H_PLAN);
    expect(await page.locator("#schedule-plan.warning").count()).toBe(0);
  });

  it("estimates the ticked codes when codes are chosen", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    await page.fill("#api-key", GOOD_KEY);
    await page.click("#save-key");
    await page.locator("#key-status", { hasText: "Saved key" }).waitFor();
    await page.selectOption("#schedule", "hourly");
    await page.locator("#schedule-plan", { hasText: "Hourly for 12 codes" }).waitFor();
    await page.check("#codes-chosen");
    await page.getByLabel(codeLabel(CODE_A)).waitFor();
    // Nothing ticked yet: nothing to estimate.
    await page.locator("#schedule-plan:empty").waitFor({ state: "attached" });
    await page.getByLabel(codeLabel(CODE_A)).check();
    await page.locator("#schedule-plan", { hasText: "Hourly for 1 code " }).waitFor();
    expect(await text(page, "#schedule-plan")).toBe(
      "Hourly for 1 code uses about 24 of 20,000 URL fetches and 3 of 90 trigger minutes a day; OpenQR Daily has room for about 4,338 years of history.",
    );
    expect(estimatesOf(backend).at(-1)).toMatchObject({ schedule: "hourly", codes: [CODE_A.id] });
  });

  it("shows hostile server text as text and runs none of it", async () => {
    const backend = makeBackend();
    backend.setLastRun(
      runReport({
        trigger: "scheduled",
        refreshed: 3,
        failed: 1,
        failures: [{ codeId: "h0", slug: "<b>slug</b>", reason: "<script>window.__pwned=3</script>" }],
        message: "<img src=x onerror=window.__pwned=1>",
        notes: ["<b>note</b>"],
      }),
    );
    backend.override("refreshNow", () => runReport({ refreshed: 3, message: HOSTILE }));
    backend.override("listCodeChoices", () => [
      { id: "h1", slug: "<b>bold</b>", label: HOSTILE },
      { id: "h2", slug: "plain", label: "</script><script>window.__pwned=2</script>" },
    ]);
    const page = await openSidebar(backend);
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · scheduled · 3 s`,
      "3 refreshed, 1 failed",
      "<img src=x onerror=window.__pwned=1>",
      "<b>slug</b> — <script>window.__pwned=3</script>",
      "<b>note</b>",
    ]);
    expect(await page.locator("#last-run img, #last-run b, #last-run script").count()).toBe(0);

    await page.click("#refresh-now");
    await page.locator("#refresh-status:not(:empty)").waitFor();
    expect(await text(page, "#refresh-status")).toBe(HOSTILE);
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · manual · 3 s`,
      "3 refreshed, 0 failed",
      HOSTILE,
    ]);

    await page.check("#codes-chosen");
    await page.locator("#code-list label").first().waitFor();
    expect(await text(page, "#code-list")).toContain("<b>bold</b>");
    expect(await text(page, "#code-list")).toContain("</script><script>window.__pwned=2</script>");

    expect(await page.locator("main img, main b, #code-list script, #last-run script").count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
  });

  it("shows a days error beside the days field", async () => {
    const page = await openSidebar(makeBackend());
    await page.fill("#days", "0");
    await page.click("#save-settings");
    await page.locator("#days-error:not(:empty)").waitFor();
    expect(await text(page, "#days-error")).toBe("Days must be a whole number from 1 to 365.");
    expect(await page.getAttribute("#days", "aria-describedby")).toContain("days-error");
    expect(await page.getAttribute("#days", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("days");
    expect(await text(page, "#save-error")).toBe("");

    await page.fill("#days", "90");
    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();
    expect(await text(page, "#days-error")).toBe("");
    expect(await page.getAttribute("#days", "aria-invalid")).toBeNull();
  });

  it("places other server messages beside their fields or in the general area", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    // Without a key the codes cannot be listed: said in the Reports section.
    await page.check("#codes-chosen");
    await page.locator("#code-list-error:not(:empty)").waitFor();
    expect(await text(page, "#code-list-error")).toMatch(/^API key needed/);
    expect(await page.locator("#reports-section #code-list-error").count()).toBe(1);
    expect(await page.isVisible("#retry-codes")).toBe(true);

    await page.check("#formulas-use-my-key");
    await page.check("#codes-all");
    await page.click("#save-settings");
    await page.locator("#formulas-use-my-key-error:not(:empty)").waitFor();
    expect(await text(page, "#formulas-use-my-key-error")).toMatch(
      /^Let formulas in this spreadsheet use my key needs/,
    );

    await page.uncheck("#formulas-use-my-key");
    await page.fill("#slack-url", "https://example.com/hook");
    await page.click("#save-settings");
    await page.locator("#slack-url-error:not(:empty)").waitFor();
    expect(await text(page, "#slack-url-error")).toMatch(/^Webhook URL must be a Slack webhook/);

    backend.override("saveSettings", () => {
      throw new Error("Another editor is saving the settings. Try again in a moment.");
    });
    await page.click("#save-settings");
    await page.locator("#save-error:not(:empty)").waitFor();
    expect(await text(page, "#save-error")).toBe(
      "Another editor is saving the settings. Try again in a moment.",
    );
  });

  it("lists the account's codes and saves the chosen ones", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    await page.check("#codes-chosen");
    await page.locator("#code-list-error:not(:empty)").waitFor();
    // Saving a key lists the codes at once.
    await page.fill("#api-key", GOOD_KEY);
    await page.keyboard.press("Enter");
    await page.locator("#code-list label", { hasText: CODE_A.slug }).waitFor();
    expect(await text(page, "#code-list-error")).toBe("");
    expect(await page.isVisible("#retry-codes")).toBe(false);

    await page.click("#save-settings");
    await page.locator("#codes-error:not(:empty)").waitFor();
    expect(await text(page, "#codes-error")).toBe(
      "Codes needs at least one ticked code, or choose All codes.",
    );

    await page.getByLabel(codeLabel(CODE_B)).check();
    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();
    const saved = backend.calls.filter((call) => call.fn === "saveSettings").at(-1)!;
    expect(saved.args[0]).toMatchObject({ codes: [CODE_B.id] });

    const reopened = await openSidebar(backend);
    expect(await reopened.isChecked("#codes-chosen")).toBe(true);
    await reopened.locator("#code-list label", { hasText: CODE_A.slug }).waitFor();
    expect(await reopened.getByLabel(codeLabel(CODE_B)).isChecked()).toBe(true);
    expect(await reopened.getByLabel(codeLabel(CODE_A)).isChecked()).toBe(false);
  });

  it("keeps a blank webhook field's webhook and removes it on request", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    expect(await page.isVisible("#slack-saved")).toBe(false);
    await page.fill("#slack-url", "https://hooks.slack.com/services/T000/B000/XXXX");
    await page.click("#save-settings");
    await page.locator("#slack-saved", { hasText: "A Slack webhook is saved." }).waitFor();
    expect(await page.inputValue("#slack-url")).toBe("");

    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();
    expect(await page.isVisible("#slack-saved")).toBe(true);
    expect(backend.calls.at(-1)!.args[0]).not.toHaveProperty("slackWebhookUrl");

    await page.click("#remove-slack");
    await page.locator("#slack-saved").waitFor({ state: "hidden" });
    expect(backend.calls.at(-1)!.args[0]).toMatchObject({ slackWebhookUrl: "" });
  });

  it("says which kind of webhook is saved, Slack or Google Chat, and names it in Last refresh", async () => {
    const backend = makeBackend();
    const chatUrl =
      "https://chat.googleapis.com/v1/spaces/AAAAspace/messages?key=AIzaSyKEY&token=CHATSECRET%3D";
    const page = await openSidebar(backend);
    expect(await text(page, "#slack-heading")).toBe("Slack or Google Chat (optional)");
    expect(await text(page, 'label[for="slack-url"]')).toBe("Webhook URL");
    await page.fill("#slack-url", chatUrl);
    await page.click("#save-settings");
    await page.locator("#slack-saved", { hasText: "A Google Chat webhook is saved." }).waitFor();
    expect(await page.inputValue("#slack-url")).toBe("");
    expect(await page.content()).not.toContain("CHATSECRET");

    // A report names the chat it went to; a report from before Google Chat was Slack's.
    backend.setLastRun(runReport({ trigger: "scheduled", slack: { status: "posted", chat: "google-chat" } }));
    const reopened = await openSidebar(backend);
    expect(await text(reopened, "#slack-saved")).toContain("A Google Chat webhook is saved.");
    expect((await lines(reopened, "#last-run")).at(-1)).toBe("Google Chat digest posted");
    backend.setLastRun(
      runReport({
        slack: {
          status: "failed",
          chat: "google-chat",
          why: "HTTP 404 NOT_FOUND: the webhook or its space is gone",
        },
      }),
    );
    const failed = await openSidebar(backend);
    expect(await failed.locator("#last-run .error").allTextContents()).toEqual([
      "Google Chat: HTTP 404 NOT_FOUND: the webhook or its space is gone",
    ]);
    backend.setLastRun(runReport({ slack: { status: "posted" } as unknown as LastRun["slack"] }));
    expect((await lines(await openSidebar(backend), "#last-run")).at(-1)).toBe("Slack digest posted");
    backend.setLastRun(runReport({ slack: { status: "not-due", why: "today's digest was already posted" } }));
    const notDue = await openSidebar(backend);
    expect((await lines(notDue, "#last-run")).at(-1)).toBe("Google Chat: today's digest was already posted");

    // A Slack webhook saved in its place replaces it.
    await notDue.fill("#slack-url", "https://hooks.slack.com/services/T000/B000/XXXX");
    await notDue.click("#save-settings");
    await notDue.locator("#slack-saved", { hasText: "A Slack webhook is saved." }).waitFor();
    expect(await text(await openSidebar(backend), "#slack-saved")).toContain("A Slack webhook is saved.");
  });

  it("is keyboard usable: Tab reaches the key field and Enter saves", async () => {
    const page = await openSidebar(makeBackend());
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("api-key");
    await page.keyboard.type(GOOD_KEY);
    await page.keyboard.press("Enter");
    await page.locator("#key-status", { hasText: `Saved key: ${GOOD_KEY_HINT}` }).waitFor();
    expect(await page.inputValue("#api-key")).toBe("");

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("save-key");
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
    expect(ring).not.toBe("none");
    const order: string[] = [];
    for (let step = 0; step < 7; step++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    expect(order).toEqual([
      "remove-key",
      "formulas-use-my-key",
      "days",
      "codes-all",
      "schedule",
      "refresh-formulas-after-run",
      "slack-url",
    ]);
  });

  it("says when loading fails and loads again on Try again", async () => {
    const backend = makeBackend();
    const restore = backend.override("getSettings", () => {
      throw new Error("OpenQR add-on error: the settings could not be read.");
    });
    const page = await openPage(backend);
    await page.locator("#load-error:not(:empty)").waitFor();
    expect(await text(page, "#load-error")).toBe("OpenQR add-on error: the settings could not be read.");
    expect(await page.isVisible("#content")).toBe(false);

    restore();
    await page.click("#retry-load");
    await page.locator("#content").waitFor({ state: "visible" });
    expect(await text(page, "#load-error")).toBe("");
    expect(await page.isVisible("#retry-load")).toBe(false);
  });

  it("says what to do when google.script.run fails before the add-on runs (several Google accounts), with the platform's text", async () => {
    const backend = createEmulatorBackend();
    // Google's failure for a browser signed in to two accounts, before any add-on code runs.
    backend.world.gas.settings.browserAccounts = 2;
    const page = await openPage(backend);
    await page.locator("#load-error:not(:empty)").waitFor();
    expect(MULTI_ACCOUNT_FAILURE).toBe("Authorization is required to perform that action.");
    expect(await text(page, "#load-error")).toBe(
      "Google Sheets could not run OpenQR: “Authorization is required to perform that action.” If this browser is signed in to more than one Google account, Google Sheets cannot reach the add-on from this sidebar: open this spreadsheet in a window signed in only to the account that installed OpenQR (an incognito window works), then try again.",
    );
    expect(await page.isVisible("#content")).toBe(false);

    // The same failure in another language: recognised without reading its words, and shown too.
    backend.world.gas.settings.multiAccountFailure = "この操作を実行するには承認が必要です。";
    await page.click("#retry-load");
    await page.locator("#load-error", { hasText: "承認" }).waitFor();
    expect(await text(page, "#load-error")).toBe(
      `Google Sheets could not run OpenQR: “この操作を実行するには承認が必要です。” ${SEVERAL_ACCOUNTS_ADVICE}`,
    );

    // In a window signed in to one account, the same sidebar works.
    backend.world.gas.settings.browserAccounts = 1;
    await page.click("#retry-load");
    await page.locator("#content").waitFor({ state: "visible" });
    expect(await text(page, "#load-error")).toBe("");
    // The add-on's own failures are shown as they are, without the advice.
    await page.fill("#api-key", "not-a-key");
    await page.click("#save-key");
    await page.locator("#api-key-error:not(:empty)").waitFor();
    expect(await text(page, "#api-key-error")).toMatch(/^That is not an OpenQR API key\. /);
    expect(await text(page, "#api-key-error")).not.toContain("Google account");
  });

  it("runs Refresh now and shows its report at once, without reading the settings again", async () => {
    const backend = makeBackend();
    backend.setLastRun(
      runReport({
        trigger: "scheduled",
        refreshed: 12,
        durationSeconds: 12.4,
        slack: { status: "posted", chat: "slack" },
        message: "Refreshed 12 codes.",
      }),
    );
    const page = await openSidebar(backend);
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · scheduled · 12 s`,
      "12 refreshed, 0 failed",
      "Refreshed 12 codes.",
      "Slack digest posted",
    ]);
    expect(await page.locator("#last-run .error").count()).toBe(0);

    // No message: the status line sums the report up. Not due, and no webhook: no Slack line.
    backend.override("refreshNow", () =>
      runReport({ time: "2025-11-24T09:30:00.000Z", refreshed: 1, durationSeconds: 0.3 }),
    );
    const before = backend.calls.length;
    await page.click("#refresh-now");
    await page.locator("#refresh-status:not(:empty)").waitFor();
    expect(await text(page, "#refresh-status")).toBe("Refreshed 1 code.");
    expect(await text(page, "#refresh-error")).toBe("");
    expect(await lines(page, "#last-run")).toEqual([
      "Nov 24, 2025, 10:30 AM · manual · under 1 s",
      "1 refreshed, 0 failed",
    ]);
    expect(backend.calls.slice(before).map((call) => call.fn)).toEqual(["refreshNow"]);

    // With a webhook saved, why the digest was not due is worth a quiet line.
    await page.fill("#slack-url", "https://hooks.slack.com/services/T000/B000/XXXX");
    await page.click("#save-settings");
    await page.locator("#slack-saved", { hasText: "A Slack webhook is saved." }).waitFor();
    backend.override("refreshNow", () => runReport({ refreshed: 12, failed: 2, durationSeconds: 125 }));
    await page.click("#refresh-now");
    await page.locator("#refresh-status", { hasText: "Refreshed 12 codes; 2 failed." }).waitFor();
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · manual · 2 min 5 s`,
      "12 refreshed, 2 failed",
      "Slack: Manual refreshes do not post the Slack digest.",
    ]);
    expect(await page.locator("#last-run .secondary").allTextContents()).toEqual([
      "Slack: Manual refreshes do not post the Slack digest.",
    ]);
    expect(await page.locator("#last-run .error").allTextContents()).toEqual(["2 failed"]);
  });

  it("runs the real refresh in the emulator on Refresh now and shows its report", async () => {
    const backend = createEmulatorBackend();
    backend.world.saveOwnerKey();
    const page = await openSidebar(backend);
    expect(await lines(page, "#last-run")).toEqual(["Never"]);
    await page.click("#open-run-log");
    await page
      .locator("#run-log-status", {
        hasText: 'No run has written the run log yet: the next refresh creates the "OpenQR Runs" sheet.',
      })
      .waitFor();
    await page.click("#refresh-now");
    await page.locator("#refresh-status", { hasText: "Refreshed 12 codes." }).waitFor();
    // 12:00 UTC is 13:00 in Berlin.
    expect(await lines(page, "#last-run")).toEqual([
      "Nov 25, 2026, 1:00 PM · manual · under 1 s",
      "12 refreshed, 0 failed",
      "Refreshed 12 codes.",
    ]);
    const sheets = backend.world.gas.spreadsheet.sheets.map((sheet) => sheet.name);
    expect(sheets).toEqual([
      "Sheet1",
      "OpenQR Summary",
      "OpenQR Daily",
      "OpenQR Breakdown",
      "OpenQR Monthly",
      "OpenQR Runs",
    ]);
    expect(backend.world.gas.spreadsheet.sheetValues("OpenQR Daily")).toHaveLength(1 + 30 * 12);
    // The run's row in the log, which the sidebar's link shows.
    expect(backend.world.gas.spreadsheet.sheetValues("OpenQR Runs")).toHaveLength(1 + 1);
    expect(backend.world.gas.spreadsheet.activeSheet.name).toBe("OpenQR Summary");
    await page.click("#open-run-log");
    await page.locator("#run-log-status", { hasText: "Opened OpenQR Runs." }).waitFor();
    expect(backend.world.gas.spreadsheet.activeSheet.name).toBe("OpenQR Runs");
  });

  it("runs Refresh formulas in the emulator: only the OPENQR_ formula cells are rewritten, and it says how many", async () => {
    const backend = createEmulatorBackend();
    backend.world.saveOwnerKey();
    const sheet = backend.world.gas.spreadsheet.sheet("Sheet1");
    for (const [column, formula] of [
      [1, "=OPENQR_CODES()"],
      [2, "=SUM(C1:C3)"],
    ] as const) {
      sheet.write(1, column, { value: formula, formula });
    }
    backend.world.gas.recalculate();
    const page = await openSidebar(backend);
    expect(await page.getAttribute("#refresh-formulas", "aria-describedby")).toBe("formulas-help");
    await page.click("#refresh-formulas");
    await page.locator("#formulas-status", { hasText: "Refreshed 1 formula cell" }).waitFor();
    expect(await text(page, "#formulas-status")).toBe(
      "Refreshed 1 formula cell: Sheets recalculates it now, with numbers fetched afresh.",
    );
    expect(await text(page, "#formulas-error")).toBe("");
    expect(backend.world.gas.recalculate().map((record) => record.formula)).toEqual(["=OPENQR_CODES()"]);
  });

  it("counts refreshing formulas after each run in the plan once ticked, and saves the box", async () => {
    const backend = createEmulatorBackend();
    backend.world.saveOwnerKey();
    const sheet = backend.world.gas.spreadsheet.sheet("Sheet1");
    sheet.write(1, 1, { value: "=OPENQR_CODES()", formula: "=OPENQR_CODES()" });
    const page = await openSidebar(backend);
    expect(await page.isChecked("#refresh-formulas-after-run")).toBe(false);
    await page.selectOption("#schedule", "daily");
    await page.locator("#schedule-plan", { hasText: "Daily for 12 codes uses" }).waitFor();
    await page.check("#refresh-formulas-after-run");
    await page
      .locator("#schedule-plan", { hasText: "Daily for 12 codes and 1 formula cell uses about 14" })
      .waitFor();
    await page.click("#save-settings");
    await page.locator("#save-status", { hasText: "Settings saved." }).waitFor();
    expect(await page.isChecked("#refresh-formulas-after-run")).toBe(true);
    const reopened = await openSidebar(backend);
    expect(await reopened.isChecked("#refresh-formulas-after-run")).toBe(true);
  });

  it("shows, in Last refresh, the schedule that could not open the spreadsheet, with what to do", async () => {
    const noDocument =
      "The scheduled refresh could not open this spreadsheet: Apps Script ran it without access to the file, so nothing was refreshed. Use Refresh now; if this keeps happening, turn the schedule off.";
    const backend = createEmulatorBackend();
    const { gas } = backend.world;
    backend.world.saveOwnerKey();
    backend.world.call("saveSettings", [
      { days: 30, schedule: "hourly", hour: 7, codes: "all", formulasUseMyKey: false },
    ]);
    gas.settings.activeSpreadsheetInTriggers = false;
    gas.fireTrigger(gas.triggers[0]!.uid);
    gas.settings.activeSpreadsheetInTriggers = true;
    const page = await openSidebar(backend);
    expect(await lines(page, "#last-run")).toEqual([
      "Nov 25, 2026, 1:00 PM · scheduled · under 1 s",
      noDocument,
    ]);
    expect(await page.locator("#last-run .error").allTextContents()).toEqual([noDocument]);
  });

  it("shows a stale banner when the schedule has been failing, and none while the reports are fresh", async () => {
    const backend = createEmulatorBackend();
    const { gas, api } = backend.world;
    backend.world.saveOwnerKey();
    backend.world.call("saveSettings", [
      { days: 30, schedule: "hourly", hour: 7, codes: "all", formulasUseMyKey: false },
    ]);
    const fire = () => gas.fireTrigger(gas.triggers[0]!.uid);
    fire();
    gas.clock.advance(3_600_000);
    fire();
    const fresh = await openSidebar(backend);
    expect(await fresh.locator("#stale-banner").isVisible()).toBe(false);

    api.revokeKey(GOOD_KEY);
    for (let hour = 0; hour < 3; hour++) {
      gas.clock.advance(3_600_000);
      fire();
    }
    const page = await openSidebar(backend);
    const banner = page.locator("#stale-banner");
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.getAttribute("role")).toBe("alert");
    expect(await lines(page, "#stale-banner")).toEqual([
      "Reports are out of date: the last successful refresh was Nov 25, 2026, 2:00 PM, though the schedule is hourly.",
      "Last failure: OpenQR rejected the API key (HTTP 401). Save a valid key in Extensions › OpenQR › Settings.",
    ]);

    // A refresh that succeeds again takes the banner away at once.
    api.addKey(GOOD_KEY);
    await page.locator("#refresh-now").click();
    await page.locator("#refresh-status").filter({ hasText: "Refreshed" }).waitFor();
    expect(await banner.isVisible()).toBe(false);
  });

  it("shows every part of a refresh report as text, within 300 px", async () => {
    const longSlug = `long-${"x".repeat(4_995)}`;
    const report = runReport({
      refreshed: 9,
      failed: 6,
      failures: [
        {
          codeId: "c0ffee0000000000000000a1",
          slug: "<img src=x onerror=alert(1)>",
          reason: "<b>OpenQR</b> answered 500 & <script>window.__pwned=1</script>",
        },
        {
          codeId: "c0ffee0000000000000000a2",
          slug: longSlug,
          reason: "OpenQR answered 404: this code was deleted.",
        },
        { codeId: "c0ffee0000000000000000a3", slug: "", reason: "OpenQR answered 403: not your code." },
      ],
      skippedForTime: 3,
      durationSeconds: 74.4,
      slack: {
        status: "failed",
        chat: "slack",
        why: "the webhook answered 404: it was removed in Slack. Save a new one.",
      },
      message: "Refreshed 9 codes; 6 failed and 3 wait for the next run.",
      notes: ['Recreated the sheet "OpenQR daily": it had been deleted.', "<i>a note</i>"],
    });
    expect(longSlug).toHaveLength(5_000);
    const backend = makeBackend();
    backend.override("refreshNow", () => report);
    const page = await openSidebar(backend);
    expect(await lines(page, "#last-run")).toEqual(["Never"]);

    await page.click("#refresh-now");
    await page.locator("#refresh-status:not(:empty)").waitFor();
    expect(await text(page, "#refresh-status")).toBe(report.message);
    expect(await text(page, "#refresh-error")).toBe("");
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · manual · 1 min 14 s`,
      "9 refreshed, 6 failed",
      "3 waiting for a later run",
      "Refreshed 9 codes; 6 failed and 3 wait for the next run.",
      "<img src=x onerror=alert(1)> — <b>OpenQR</b> answered 500 & <script>window.__pwned=1</script>",
      `${longSlug} — OpenQR answered 404: this code was deleted.`,
      "c0ffee0000000000000000a3 — OpenQR answered 403: not your code.",
      "…and 3 more",
      "Slack: the webhook answered 404: it was removed in Slack. Save a new one.",
      'Recreated the sheet "OpenQR daily": it had been deleted.',
      "<i>a note</i>",
    ]);
    expect(await page.locator('#last-run ul[aria-label="Codes that failed"] li').count()).toBe(4);
    expect(await page.locator('#last-run ul[aria-label="Notes"] li').count()).toBe(2);
    expect(await page.locator("#last-run .error").allTextContents()).toEqual([
      "6 failed",
      "Slack: the webhook answered 404: it was removed in Slack. Save a new one.",
    ]);
    const errorColor = await page
      .locator("#last-run .error")
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(errorColor).toBe("rgb(221, 75, 57)");

    expect(await page.locator("#last-run img, #last-run b, #last-run i, #last-run script").count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    const overflow = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      widest: Math.max(
        ...Array.from(document.querySelectorAll("#last-run *")).map((el) => el.getBoundingClientRect().right),
      ),
    }));
    expect(overflow.document).toBeLessThanOrEqual(300);
    expect(overflow.widest).toBeLessThanOrEqual(300);
  });

  it("shows a refresh that failed as a whole, or threw, as an error", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    backend.override("refreshNow", () => {
      throw new Error("Exception: Authorization is required to perform that action.");
    });
    await page.click("#refresh-now");
    await page.locator("#refresh-error:not(:empty)").waitFor();
    expect(await text(page, "#refresh-error")).toBe("Authorization is required to perform that action.");
    expect(await text(page, "#refresh-status")).toBe("");
    expect(await lines(page, "#last-run")).toEqual(["Never"]);

    const busy = "Another refresh of this file is running. Try again in a few minutes.";
    backend.override("refreshNow", () => runReport({ ok: false, durationSeconds: 0.1, message: busy }));
    await page.click("#refresh-now");
    await page.locator("#refresh-error", { hasText: busy }).waitFor();
    expect(await text(page, "#refresh-error")).toBe(busy);
    expect(await text(page, "#refresh-status")).toBe("");
    expect(await page.isVisible("#refresh-status")).toBe(false);
    expect(await lines(page, "#last-run")).toEqual([`${RUN_TIME_SHOWN} · manual · under 1 s`, busy]);
    expect(await page.locator("#last-run .error").allTextContents()).toEqual([busy]);

    // Without a message the error slot still says something.
    backend.override("refreshNow", () => runReport({ ok: false }));
    await page.click("#refresh-now");
    await page.locator("#refresh-error", { hasText: "The refresh failed; nothing was changed." }).waitFor();
    expect(await lines(page, "#last-run")).toEqual([`${RUN_TIME_SHOWN} · manual · 3 s`]);
  });

  it("shows a call in flight: buttons disabled, region aria-busy, Working…", async () => {
    const backend = makeBackend();
    const page = await openSidebar(backend);
    const release = backend.hold("saveSettings");
    await page.click("#save-settings");
    await page.locator("#save-settings:disabled").waitFor();
    expect(await page.getAttribute("#settings-form", "aria-busy")).toBe("true");
    expect(await text(page, "#save-busy")).toBe("Working…");
    expect(await page.isVisible("#save-busy")).toBe(true);

    release();
    await page.locator("#save-settings:enabled").waitFor();
    expect(await page.getAttribute("#settings-form", "aria-busy")).toBe("false");
    expect(await page.isVisible("#save-busy")).toBe(false);

    const releaseKey = backend.hold("saveApiKey");
    await page.fill("#api-key", GOOD_KEY);
    await page.press("#api-key", "Enter");
    await page.locator("#save-key:disabled").waitFor();
    expect(await page.getAttribute("#key-section", "aria-busy")).toBe("true");
    expect(await text(page, "#key-busy")).toBe("Working…");
    releaseKey();
    await page.locator("#key-status", { hasText: "Saved key" }).waitFor();
    expect(await page.isEnabled("#save-key")).toBe(true);
  });

  it("fits 300 px without scrolling sideways, and looks the part (screenshot)", async () => {
    // What the refresh reports for a code deleted at OpenQR.
    const DELETED_REASON =
      'OpenQR has no code "c0ffee0000000000000000a1" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.';
    const backend = makeBackend();
    backend.setLastRun(
      runReport({
        trigger: "scheduled",
        refreshed: 11,
        failed: 1,
        failures: [
          {
            codeId: "c0ffee0000000000000000a1",
            slug: "flyer-2025",
            reason: DELETED_REASON,
          },
        ],
        durationSeconds: 12.2,
        slack: { status: "posted", chat: "slack" },
        message: "Refreshed 11 codes; 1 code failed and kept its previous rows.",
        notes: ["OpenQR Breakdown was missing and was created again."],
      }),
    );
    const longSlug = {
      id: "long",
      slug: "a-very-long-slug-without-any-break-at-all-0123456789",
      label: "Long",
    };
    backend.override("listCodeChoices", () => [CODE_A, CODE_B, longSlug]);
    const setup = await openSidebar(backend);
    await setup.fill("#api-key", GOOD_KEY);
    await setup.press("#api-key", "Enter");
    await setup.locator("#key-status", { hasText: "Saved key" }).waitFor();
    await setup.check("#formulas-use-my-key");
    await setup.check("#codes-chosen");
    await setup.getByLabel(codeLabel(CODE_A)).check();
    await setup.getByLabel(codeLabel(CODE_B)).check();
    await setup.selectOption("#schedule", "daily");
    await setup.fill("#slack-url", "https://hooks.slack.com/services/T000/B000/XXXX");
    await setup.click("#save-settings");
    await setup.locator("#save-status", { hasText: "Settings saved." }).waitFor();

    const page = await openSidebar(backend);
    await page.locator("#code-list label", { hasText: longSlug.slug }).waitFor();
    expect(await lines(page, "#last-run")).toEqual([
      `${RUN_TIME_SHOWN} · scheduled · 12 s`,
      "11 refreshed, 1 failed",
      "Refreshed 11 codes; 1 code failed and kept its previous rows.",
      `flyer-2025 — ${DELETED_REASON}`,
      "Slack digest posted",
      "OpenQR Breakdown was missing and was created again.",
    ]);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      codeList: document.getElementById("code-list")!.scrollWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(300);
    expect(widths.body).toBeLessThanOrEqual(300);
    expect(widths.codeList).toBeLessThanOrEqual(300);

    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
  });
});
