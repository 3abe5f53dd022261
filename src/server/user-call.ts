/**
 * How entry points fail: a UserError's message reaches the user as it is, and so does ours
 * for a platform failure the user can act on (a lapsed authorization, a full spreadsheet or
 * property store); anything else is a bug, logged and shown as "OpenQR add-on error: …".
 * Either way the API key is redacted, so it never leaves in a message or a log line, and
 * no stack trace is shown.
 */
import { redactKey } from "../openqr/api-key.ts";
import { markAddOnFailure } from "../shared/add-on-failure.ts";
import { MENU_ITEMS, menuPath } from "../shared/addon-menu.ts";
import { UserError } from "../shared/user-error.ts";

/** What the platform says when the user's grant lapsed (new scopes, revoked access). */
const AUTHORIZATION_REQUIRED = /^Authorization is required/i;
export const AUTHORIZATION_AGAIN = `The OpenQR add-on needs permission again: open ${menuPath(MENU_ITEMS.settings)} once to grant it (for formulas, the spreadsheet's owner does this), then try again.`;

/** What Sheets says when a sheet would grow past the workbook's 10 million cells. */
const CELL_LIMIT_REACHED = /would increase the number of cells in the workbook above the limit/i;
export const CELL_LIMIT_MESSAGE =
  "This spreadsheet has reached Google Sheets' limit of 10,000,000 cells, so the OpenQR sheets could not grow and the refresh stopped; the rows already in them are kept. Delete unused sheets, rows or columns (or move old rows of OpenQR Daily to another spreadsheet), then refresh again.";

/** What PropertiesService says when a store passes its 500 KB. */
const STORAGE_FULL = /exceeded the property storage quota/i;
export const STORAGE_FULL_MESSAGE =
  "Apps Script's storage for the OpenQR add-on is full (500 KB), so your changes could not all be saved. Turn off the schedule or remove the Slack webhook in spreadsheets where you no longer use OpenQR, then save again.";

/** A platform failure that is the user's to fix, not a bug: its message for the user, else null. */
function platformMessage(error: unknown): string | null {
  const message = error instanceof Error ? error.message : "";
  if (AUTHORIZATION_REQUIRED.test(message)) return AUTHORIZATION_AGAIN;
  if (CELL_LIMIT_REACHED.test(message)) return CELL_LIMIT_MESSAGE;
  if (STORAGE_FULL.test(message)) return STORAGE_FULL_MESSAGE;
  return null;
}

export function userMessage(error: unknown, key: string | null): string {
  if (error instanceof UserError) return redactKey(error.message, key);
  const known = platformMessage(error);
  if (known !== null) return known;
  const detail = error instanceof Error ? error.message : String(error);
  return redactKey(`OpenQR add-on error: ${detail}`, key);
}

/** Runs an entry point; a failure is rethrown as a plain Error carrying the user message. */
export function asUserCall<T>(work: () => T, secret: () => string | null): T {
  try {
    return work();
  } catch (error) {
    let key: string | null = null;
    try {
      key = secret();
    } catch {
      // Properties may be off limits in this auth mode; then no key was in play either.
    }
    const message = userMessage(error, key);
    // A bug: the stack (function names are kept in the bundle) goes to the execution log, redacted.
    if (!(error instanceof UserError) && platformMessage(error) === null)
      console.error(redactKey(error instanceof Error ? (error.stack ?? message) : message, key));
    throw new Error(message);
  }
}

/**
 * asUserCall for the sidebar's server functions (google.script.run): the message carries the
 * add-on's mark, so the sidebar can tell it from a failure of the platform before any add-on
 * code ran (see shared/add-on-failure.ts).
 */
export function asSidebarCall<T>(work: () => T, secret: () => string | null): T {
  try {
    return asUserCall(work, secret);
  } catch (error) {
    throw new Error(markAddOnFailure(error instanceof Error ? error.message : String(error)));
  }
}
