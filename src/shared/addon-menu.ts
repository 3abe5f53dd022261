/**
 * The add-on's name and menu, as users see them. Sheets titles an editor add-on's menu with
 * its published name (the Marketplace listing's app name; in a test deployment, the Apps
 * Script project's title), so every "Extensions › OpenQR › …" the add-on writes is built from
 * ADDON_NAME, and the publish steps (README.md, store/listing.md, `clasp create-script
 * --title`) use the same name: a test checks they agree.
 */

export const ADDON_NAME = "OpenQR";

/** The menu's items, in order. The first is the first step in a new spreadsheet: it enables the add-on there. */
export const MENU_ITEMS = {
  settings: "Settings…",
  refresh: "Refresh reports now",
  refreshFormulas: "Refresh formulas",
  help: "Help",
} as const;

/** Where a menu item is, e.g. "Extensions › OpenQR › Settings…". */
export function menuPath(item: string): string {
  return `Extensions › ${ADDON_NAME} › ${item}`;
}

/** The Settings item, as messages name it in running text (no ellipsis before a full stop). */
export const SETTINGS_PATH = menuPath("Settings");

/** The Settings item as the menu shows it, for messages that go on after it. */
export const SETTINGS_ITEM_PATH = menuPath(MENU_ITEMS.settings);

/** The settings sidebar's title. */
export const SIDEBAR_TITLE = `${ADDON_NAME} Settings`;
