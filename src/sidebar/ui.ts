/**
 * The sidebar's elements, looked up once. The bundle runs from a script at the end of
 * <body>, so the markup in index.html exists when this module is evaluated.
 */

function element<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The sidebar page lacks #${id}`);
  return found;
}

const div = HTMLElement;
const button = HTMLButtonElement;
const input = HTMLInputElement;
const select = HTMLSelectElement;

export const ui = {
  app: element("app", div),
  content: element("content", div),
  staleBanner: element("stale-banner", div),
  loadStatus: element("load-status", div),
  loadError: element("load-error", div),
  retryLoad: element("retry-load", button),

  keySection: element("key-section", div),
  keyForm: element("key-form", HTMLFormElement),
  apiKey: element("api-key", input),
  keyStatus: element("key-status", div),
  saveKey: element("save-key", button),
  removeKey: element("remove-key", button),
  keyBusy: element("key-busy", div),
  formulasUseMyKey: element("formulas-use-my-key", input),

  settingsForm: element("settings-form", HTMLFormElement),
  days: element("days", input),
  codesAll: element("codes-all", input),
  codesChosen: element("codes-chosen", input),
  codesFieldset: element("codes-fieldset", HTMLFieldSetElement),
  codeList: element("code-list", div),
  codeListStatus: element("code-list-status", div),
  codesBusy: element("codes-busy", div),
  codeListError: element("code-list-error", div),
  retryCodes: element("retry-codes", button),
  schedule: element("schedule", select),
  hourRow: element("hour-row", div),
  hourLabel: element("hour-label", div),
  hour: element("hour", select),
  refreshFormulasAfterRun: element("refresh-formulas-after-run", input),
  schedulePlan: element("schedule-plan", div),
  slackSaved: element("slack-saved", div),
  slackSavedText: element("slack-saved-text", div),
  removeSlack: element("remove-slack", button),
  slackBusy: element("slack-busy", div),
  slackUrl: element("slack-url", input),
  saveSettings: element("save-settings", button),
  saveBusy: element("save-busy", div),
  saveStatus: element("save-status", div),
  saveError: element("save-error", div),

  refreshSection: element("refresh-section", div),
  lastRun: element("last-run", div),
  refreshNow: element("refresh-now", button),
  refreshBusy: element("refresh-busy", div),
  refreshStatus: element("refresh-status", div),
  refreshError: element("refresh-error", div),
  openRunLog: element("open-run-log", button),
  runLogStatus: element("run-log-status", div),
  refreshFormulas: element("refresh-formulas", button),
  formulasBusy: element("formulas-busy", div),
  formulasStatus: element("formulas-status", div),
  formulasError: element("formulas-error", div),
};

export type SidebarElements = typeof ui;
