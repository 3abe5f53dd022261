/**
 * The settings sidebar: loads the settings, saves the key and the settings, lists the
 * account's codes, estimates what a schedule would use and runs a refresh, each through
 * google.script.run.
 */
import type { SettingsField } from "../shared/settings.ts";
import { busy, whileBusy } from "./busy.ts";
import { forgetCodeChoices, listedCodeChoices, loadCodeChoices, onCodesModeChange } from "./code-choices.ts";
import { clearErrors, placeMessage, showFieldError } from "./errors.ts";
import { readSettingsInput, savedSettingsInput } from "./form.ts";
import { refreshSummary, renderLastRun } from "./last-run.ts";
import { callServer, errorMessage } from "./rpc.ts";
import { rememberSettings, savedSettings } from "./saved.ts";
import { estimateSoon, showSavedPlan } from "./schedule-estimate.ts";
import { ui } from "./ui.ts";
import { buildStaticOptions, renderFields, renderKey, renderSlack, showHourIfDaily } from "./view.ts";

const SAVED_FIELDS: SettingsField[] = [
  "days",
  "schedule",
  "hour",
  "codes",
  "formulasUseMyKey",
  "refreshFormulas",
  "slackWebhookUrl",
];

async function load(): Promise<void> {
  ui.loadError.textContent = "";
  ui.retryLoad.hidden = true;
  try {
    const settings = await whileBusy(busy.load, () => callServer("getSettings"));
    rememberSettings(settings);
    renderKey(settings);
    renderFields(settings, listedCodeChoices());
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
    const settings = await callServer("getSettings");
    rememberSettings(settings);
    renderKey(settings);
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

async function saveSettings(): Promise<void> {
  const saved = savedSettings();
  if (saved === null) return;
  clearErrors(SAVED_FIELDS, [ui.saveError, ui.saveStatus]);
  const input = readSettingsInput(saved);
  try {
    const settings = await whileBusy(busy.save, () => callServer("saveSettings", input));
    rememberSettings(settings);
    renderKey(settings);
    renderFields(settings, listedCodeChoices());
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
  const saved = savedSettings();
  if (saved === null) return;
  clearErrors(["slackWebhookUrl"], [ui.saveError, ui.saveStatus]);
  const input = { ...savedSettingsInput(saved), slackWebhookUrl: "" };
  try {
    const settings = await whileBusy(busy.slack, () => callServer("saveSettings", input));
    rememberSettings(settings);
    renderSlack(settings);
    // Without a webhook, "Slack: not due" is no longer worth a line.
    renderLastRun(settings);
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
    const saved = savedSettings();
    if (saved !== null) {
      // A success ends the staleness; a failure leaves the banner as the server last said.
      const settings = { ...saved, lastRun: report, stale: report.ok === false ? saved.stale : null };
      rememberSettings(settings);
      renderLastRun(settings);
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

/** Shows the OpenQR Runs sheet, or says why it cannot (no run has written it yet). */
async function openRunLog(): Promise<void> {
  ui.runLogStatus.textContent = "";
  ui.openRunLog.disabled = true;
  try {
    const result = await callServer("openRunLog");
    ui.runLogStatus.textContent = typeof result?.message === "string" ? result.message : "";
  } catch (error) {
    ui.runLogStatus.textContent = errorMessage(error);
  } finally {
    ui.openRunLog.disabled = false;
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
  ui.openRunLog.addEventListener("click", () => void openRunLog());
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
