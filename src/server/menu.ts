/**
 * The add-on menu and its Help. onOpen may run in AuthMode.NONE, where Properties, Cache
 * and UrlFetch are off limits: the menu is built from constants only.
 */
import { CUSTOM_FUNCTIONS } from "../functions/specs.ts";
import { readOwnKey } from "../platform/key-store.ts";
import { MENU_ITEMS, menuPath, SETTINGS_ITEM_PATH } from "../shared/addon-menu.ts";
import { asUserCall } from "./user-call.ts";

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    // First: opening any item enables the add-on in this file, which its formulas need.
    .addItem(MENU_ITEMS.settings, "showSettings")
    .addItem(MENU_ITEMS.refresh, "refreshNow")
    .addItem(MENU_ITEMS.refreshFormulas, "refreshFormulas")
    .addSeparator()
    .addItem(MENU_ITEMS.help, "showHelp")
    .addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Formulas work in a file only once the add-on is enabled there; before that Sheets shows #NAME?. */
export const FIRST_STEP = `In a new spreadsheet, open ${SETTINGS_ITEM_PATH} first: the add-on and its formulas work in a file only once one of its menu items has been opened there. Until then a formula shows #NAME? ("Unknown function").`;

/** What re-runs a formula: Sheets keeps a result until the formula or a cell it refers to changes. */
export const WHEN_FORMULAS_RUN = `A formula runs again only when you edit it or change a cell it refers to: its numbers do not update by themselves. =OPENQR_CODES(), which refers to no cell, never runs again on its own. ${menuPath(MENU_ITEMS.refreshFormulas)} makes every OPENQR_ formula fetch fresh numbers now; a schedule in ${SETTINGS_ITEM_PATH} can do it after each scheduled refresh.`;

export function helpText(): string {
  const functions = CUSTOM_FUNCTIONS.map((spec) => `${spec.example}\n  ${spec.summary}`).join("\n\n");
  return (
    `${FIRST_STEP}\n` +
    `Save your OpenQR API key there, then type these formulas into any cell; results spill into the cells below and to the right.\n\n` +
    functions +
    `\n\nUse a code's id (from =OPENQR_CODES()), not its slug. ${WHEN_FORMULAS_RUN}`
  );
}

export function showHelp(): void {
  asUserCall(() => {
    const ui = SpreadsheetApp.getUi();
    ui.alert("OpenQR help", helpText(), ui.ButtonSet.OK);
  }, readOwnKey);
}
