/**
 * The add-on menu. onOpen may run in AuthMode.NONE, where Properties, Cache and UrlFetch
 * are off limits: the menu is built from constants only.
 */

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem("Help", "showHelp").addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
