/**
 * The settings sidebar: loads the settings, saves the key and the settings, lists the
 * account's codes, estimates what a schedule would use and runs a refresh, each through
 * google.script.run.
 */
import type { CodeChoice, SchedulePlan, Settings, SettingsField, SettingsInput } from "../shared/settings.ts";
import { type BusyTarget, whileBusy } from "./busy.ts";
import { clearErrors, clearFieldError, placeMessage, showFieldError } from "./errors.ts";
import { estimateInput, readSettingsInput, savedSettingsInput } from "./form.ts";
import { refreshSummary, renderLastRun } from "./last-run.ts";
import { callServer, errorMessage } from "./rpc.ts";
import { ui } from "./ui.ts";
import {
  buildStaticOptions,
  checkedCodeIds,
  renderCodeList,
  renderFields,
  renderKey,
  renderSchedulePlan,
  renderSlack,
  showHourIfDaily,
} from "./view.ts";

const SAVED_FIELDS: SettingsField[] = [
  "days",
  "schedule",
  "hour",
  "codes",
  "formulasUseMyKey",
  "refreshFormulas",
  "slackWebhookUrl",
];

const busy: Record<"load" | "key" | "save" | "slack" | "codes" | "refresh" | "formulas", BusyTarget> = {
  load: { region: ui.app, buttons: [ui.retryLoad], indicator: ui.loadStatus, label: "Loading settings…" },
  key: { region: ui.keySection, buttons: [ui.saveKey, ui.removeKey], indicator: ui.keyBusy },
  // Removing the webhook saves the settings too, so both buttons wait for either call.
  save: { region: ui.settingsForm, buttons: [ui.saveSettings, ui.removeSlack], indicator: ui.saveBusy },
  slack: { region: ui.settingsForm, buttons: [ui.saveSettings, ui.removeSlack], indicator: ui.slackBusy },
  codes: {
    region: ui.codesFieldset,
    buttons: [ui.retryCodes],
    indicator: ui.codesBusy,
    label: "Loading codes…",
  },
  refresh: {
    region: ui.refreshSection,
    buttons: [ui.refreshNow],
    indicator: ui.refreshBusy,
    label: "Refreshing…",
  },
  formulas: {
    region: ui.refreshSection,
    buttons: [ui.refreshFormulas],
    indicator: ui.formulasBusy,
    label: "Refreshing formulas…",
  },
};

/** The settings as the server last reported them (not the form's unsaved edits). */
let saved: Settings | null = null;
/** The account's codes, once listed; another key means another account, so it is reset. */
let codeChoices: CodeChoice[] | null = null;
/** Numbers the listCodeChoices calls, so an answer for a replaced key is ignored. */
let codeRequest = 0;
let codePending = false;
/** Numbers the estimateSchedule calls, so only the latest choice's answer is shown. */
let planRequest = 0;
/** The schedule and codes the plan shown (or awaited) is for. */
let planFor = "";
let planTimer: ReturnType<typeof setTimeout> | undefined;
/** How long the form must rest before the plan is estimated again. */
const PLAN_DEBOUNCE_MS = 300;

async function load(): Promise<void> {
  ui.loadError.textContent = "";
  ui.retryLoad.hidden = true;
  try {
    const settings = await whileBusy(busy.load, () => callServer("getSettings"));
    saved = settings;
    renderKey(settings);
    renderFields(settings, codeChoices);
    renderSlack(settings);
    renderLastRun(settings);
    showSavedPlan(settings);
    ui.content.hidden = false;
    if (settings.codes !== "all") void loadCodeChoices();
  } catch (error) {
    ui.loadError.textContent = errorMessage(error);
    ui.retryLoad.hidden = false;
  }
}

/** Re-reads the settings after a key change, for the hint and the formulas checkbox. */
async function refreshKeyState(): Promise<void> {
  try {
    saved = await callServer("getSettings");
    renderKey(saved);
  } catch {
    // The key call itself succeeded; the next load shows the rest.
  }
}

async function saveKey(): Promise<void> {
  clearErrors(["apiKey", "formulasUseMyKey"], []);
  const key = ui.apiKey.value;
  try {
    const hint = await whileBusy(busy.key, async () => {
      const savedHint = await callServer("saveApiKey", key);
      // The key lives on only on the server; the page keeps nothing but the hint.
      ui.apiKey.value = "";
      await refreshKeyState();
      return savedHint;
    });
    // Shown once the whole save is over, so "Saved key" never appears while still busy.
    ui.keyStatus.textContent = `Saved key: ${hint}`;
    ui.removeKey.hidden = false;
    forgetCodeChoices();
    estimateSoon();
  } catch (error) {
    showFieldError("apiKey", errorMessage(error), true);
  }
}

async function removeKey(): Promise<void> {
  clearErrors(["apiKey", "formulasUseMyKey"], []);
  try {
    await whileBusy(busy.key, async () => {
      await callServer("clearApiKey");
      await refreshKeyState();
    });
    ui.keyStatus.textContent = "No key saved.";
    ui.removeKey.hidden = true;
    forgetCodeChoices();
    estimateSoon();
    ui.apiKey.focus();
  } catch (error) {
    showFieldError("apiKey", errorMessage(error), true);
  }
}

function forgetCodeChoices(): void {
  codeChoices = null;
  codeRequest++;
  codePending = false;
  if (ui.codesChosen.checked) void loadCodeChoices();
}

async function loadCodeChoices(): Promise<void> {
  if (codeChoices !== null || codePending) return;
  codePending = true;
  const request = ++codeRequest;
  ui.codeListError.textContent = "";
  ui.retryCodes.hidden = true;
  try {
    const choices = await whileBusy(busy.codes, () => callServer("listCodeChoices"));
    if (request !== codeRequest) return;
    codeChoices = choices;
    renderCodeList(choices, ui.codeList.childElementCount > 0 ? checkedCodeIds() : []);
  } catch (error) {
    if (request !== codeRequest) return;
    // Not a field error: saving does not clear it, the next listing does.
    ui.codeListError.textContent = errorMessage(error);
    ui.retryCodes.hidden = false;
  } finally {
    if (request === codeRequest) codePending = false;
  }
}

const planKey = (input: Pick<SettingsInput, "schedule" | "codes" | "refreshFormulas">) =>
  JSON.stringify([input.schedule, input.codes, input.refreshFormulas === true]);

function showPlan(plan: SchedulePlan | null, key: string): void {
  clearTimeout(planTimer);
  planRequest++;
  planFor = key;
  renderSchedulePlan(plan);
}

/** Asks what the form's schedule and codes would use; an answer for an older choice is dropped. */
async function estimatePlan(): Promise<void> {
  clearTimeout(planTimer);
  if (saved === null) return;
  const input = estimateInput(saved);
  const key = planKey(input);
  // Nothing ticked: the codes field says so when saving; there is nothing to estimate.
  if (input.codes !== "all" && input.codes.length === 0) return showPlan(null, key);
  const request = ++planRequest;
  planFor = key;
  try {
    const plan = await callServer("estimateSchedule", input);
    if (request === planRequest) renderSchedulePlan(plan);
  } catch (error) {
    if (request === planRequest) renderSchedulePlan(null, errorMessage(error));
  }
}

/** Estimates once the form has rested; the answer to any earlier call is dropped. */
function estimateSoon(): void {
  clearTimeout(planTimer);
  planRequest++;
  planFor = "";
  planTimer = setTimeout(() => void estimatePlan(), PLAN_DEBOUNCE_MS);
}

/**
 * Shows the saved settings' plan. getSettings never lists the codes, so for "all" codes
 * not yet counted by a refresh it asks estimateSchedule, unless the plan shown or awaited
 * is already for these settings (as after saving what was just estimated).
 */
function showSavedPlan(settings: Settings): void {
  const plan = settings.schedulePlan ?? null;
  const key = planKey(settings);
  const uncounted = plan !== null && plan.codes === null && settings.hasKey && settings.schedule !== "off";
  if (!uncounted) showPlan(plan, key);
  else if (planFor !== key) {
    showPlan(plan, key);
    void estimatePlan();
  }
}

function onCodesModeChange(): void {
  estimateSoon();
  const chosen = ui.codesChosen.checked;
  ui.codeList.hidden = !chosen || ui.codeList.childElementCount === 0;
  if (chosen) {
    void loadCodeChoices();
  } else {
    clearFieldError("codes");
    ui.codeListError.textContent = "";
    ui.retryCodes.hidden = true;
    ui.codeListStatus.textContent = "";
  }
}

async function saveSettings(): Promise<void> {
  if (saved === null) return;
  clearErrors(SAVED_FIELDS, [ui.saveError, ui.saveStatus]);
  const input = readSettingsInput(saved);
  try {
    const settings = await whileBusy(busy.save, () => callServer("saveSettings", input));
    saved = settings;
    renderKey(settings);
    renderFields(settings, codeChoices);
    renderSlack(settings);
    renderLastRun(settings);
    // A plan that does not fit is saved all the same; its warning stays in view.
    showSavedPlan(settings);
    ui.saveStatus.textContent = "Settings saved.";
  } catch (error) {
    placeMessage(errorMessage(error), ui.saveError);
  }
}

/** Removes the webhook alone: the other fields are sent as saved, not as edited. */
async function removeSlack(): Promise<void> {
  if (saved === null) return;
  clearErrors(["slackWebhookUrl"], [ui.saveError, ui.saveStatus]);
  const input = { ...savedSettingsInput(saved), slackWebhookUrl: "" };
  try {
    saved = await whileBusy(busy.slack, () => callServer("saveSettings", input));
    ui.slackSaved.hidden = !saved.slackConfigured;
    // Without a webhook, "Slack: not due" is no longer worth a line.
    renderLastRun(saved);
    ui.slackUrl.focus();
  } catch (error) {
    showFieldError("slackWebhookUrl", errorMessage(error), true);
  }
}

/** Runs a refresh and shows its report at once: the server records the same report. */
async function refreshNow(): Promise<void> {
  ui.refreshStatus.textContent = "";
  ui.refreshError.textContent = "";
  try {
    const report = await whileBusy(busy.refresh, () => callServer("refreshNow"));
    if (saved !== null) {
      saved = { ...saved, lastRun: report };
      renderLastRun(saved);
    }
    // A run that failed as a whole (no key, lock busy, authorization needed) is an error.
    if (report.ok === false) ui.refreshError.textContent = refreshSummary(report);
    else ui.refreshStatus.textContent = refreshSummary(report);
  } catch (error) {
    ui.refreshError.textContent = errorMessage(error);
  }
}

function onSubmit(form: HTMLFormElement, action: () => Promise<void>): void {
  form.addEventListener("submit", (event) => {
    // Never navigate: the sidebar is one page, and Enter in a field means "save".
    event.preventDefault();
    void action();
  });
}

/** Rewrites the spreadsheet's OPENQR_ formulas so Sheets recalculates them, and says how many. */
async function refreshFormulas(): Promise<void> {
  ui.formulasStatus.textContent = "";
  ui.formulasError.textContent = "";
  try {
    const result = await whileBusy(busy.formulas, () => callServer("refreshFormulas"));
    ui.formulasStatus.textContent = typeof result?.message === "string" ? result.message : "";
  } catch (error) {
    ui.formulasError.textContent = errorMessage(error);
  }
}

function start(): void {
  buildStaticOptions();
  onSubmit(ui.keyForm, saveKey);
  onSubmit(ui.settingsForm, saveSettings);
  ui.removeKey.addEventListener("click", () => void removeKey());
  ui.removeSlack.addEventListener("click", () => void removeSlack());
  ui.refreshNow.addEventListener("click", () => void refreshNow());
  ui.refreshFormulas.addEventListener("click", () => void refreshFormulas());
  // Refreshing formulas after each run changes what the schedule uses.
  ui.refreshFormulasAfterRun.addEventListener("change", estimateSoon);
  ui.retryLoad.addEventListener("click", () => void load());
  ui.retryCodes.addEventListener("click", () => void loadCodeChoices());
  ui.codesAll.addEventListener("change", onCodesModeChange);
  ui.codesChosen.addEventListener("change", onCodesModeChange);
  ui.schedule.addEventListener("change", () => {
    showHourIfDaily();
    estimateSoon();
  });
  // Ticking or unticking a code changes how many the schedule refreshes.
  ui.codeList.addEventListener("change", estimateSoon);
  ui.settingsForm.addEventListener("input", () => {
    ui.saveStatus.textContent = "";
  });
  void load();
}

start();
