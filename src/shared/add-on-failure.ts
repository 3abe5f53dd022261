/**
 * Tells the sidebar's two kinds of failure apart without reading their text. The add-on's
 * own server functions end every message they throw with ADD_ON_MARK; a failure without it
 * came from the platform before (or around) the add-on's code, such as google.script.run
 * refusing a browser signed in to several Google accounts. That text comes in the user's
 * language, so it is recognised by the missing mark, never by its words.
 */
import { ADDON_NAME } from "./addon-menu.ts";

/** U+2063 INVISIBLE SEPARATOR: invisible wherever the platform shows the message itself (a menu item's error). */
export const ADD_ON_MARK = "\u2063";

export function markAddOnFailure(message: string): string {
  return message.indexOf(ADD_ON_MARK) >= 0 ? message : `${message}${ADD_ON_MARK}`;
}

/** A failure's text without the mark, and whether the add-on's code threw it. */
export function readFailure(message: string): { text: string; fromAddOn: boolean } {
  const fromAddOn = message.indexOf(ADD_ON_MARK) >= 0;
  return { text: fromAddOn ? message.split(ADD_ON_MARK).join("") : message, fromAddOn };
}

/** What to do when google.script.run fails before the add-on's code runs. */
export const SEVERAL_ACCOUNTS_ADVICE = `If this browser is signed in to more than one Google account, Google Sheets cannot reach the add-on from this sidebar: open this spreadsheet in a window signed in only to the account that installed ${ADDON_NAME} (an incognito window works), then try again.`;

/** The sidebar's message for a failure the add-on did not throw: the platform's text, then what to do. */
export function platformFailureMessage(platformText: string): string {
  const said = platformText.trim() === "" ? "no reason given" : platformText.trim();
  return `Google Sheets could not run ${ADDON_NAME}: “${said}” ${SEVERAL_ACCOUNTS_ADVICE}`;
}
