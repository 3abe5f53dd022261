/**
 * The add-on menu and its Help. onOpen may run in AuthMode.NONE, where Properties, Cache
 * and UrlFetch are off limits: the menu is built from constants only.
 */
import { CUSTOM_FUNCTIONS } from "../functions/specs.ts";
import { readOwnKey } from "../platform/key-store.ts";
import { asUserCall } from "./user-call.ts";

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Settings…", "showSettings")
    .addItem("Refresh reports now", "refreshNow")
    .addSeparator()
    .addItem("Help", "showHelp")
    .addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function helpText(): string {
  const functions = CUSTOM_FUNCTIONS.map((spec) => `${spec.example}\n  ${spec.summary}`).join("\n\n");
  return (
    "Type these formulas into any cell; results spill into the cells below and to the right.\n" +
    "Save your OpenQR API key first in Extensions › OpenQR › Settings….\n\n" +
    functions +
    "\n\nUse a code's id (from =OPENQR_CODES()), not its slug. Results are cached for 5 minutes."
  );
}

export function showHelp(): void {
  asUserCall(() => {
    const ui = SpreadsheetApp.getUi();
    ui.alert("OpenQR help", helpText(), ui.ButtonSet.OK);
  }, readOwnKey);
}
