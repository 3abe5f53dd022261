/**
 * Property writes, with a full store told apart by measuring it: the platform's message
 * for it comes in the user's language. Each store holds 500 KB (keys and values, UTF-8).
 */

import { utf8Length } from "../shared/numbers.ts";
import { UserError } from "../shared/user-error.ts";

export const STORAGE_FULL_MESSAGE =
  "Apps Script's storage for the OpenQR add-on is full (500 KB), so your changes could not all be saved. Turn off the schedule or remove the Slack webhook in spreadsheets where you no longer use OpenQR, then save again.";

const STORE_LIMIT_BYTES = 500 * 1024;
/** Room for the platform's own accounting, which is not documented. */
const MARGIN_BYTES = 1024;

export class StorageFull extends UserError {
  constructor() {
    super(STORAGE_FULL_MESSAGE);
    this.name = "StorageFull";
  }
}

type Properties = GoogleAppsScript.Properties.Properties;

export function storeProperty(store: Properties, key: string, value: string): void {
  try {
    store.setProperty(key, value);
  } catch (error) {
    if (wouldOverflow(store, key, value)) throw new StorageFull();
    throw error;
  }
}

/** Whether the store with this value would pass its 500 KB (false when it cannot be read). */
function wouldOverflow(store: Properties, key: string, value: string): boolean {
  let bytes = utf8Length(key) + utf8Length(value);
  try {
    const stored = store.getProperties();
    for (const name of Object.keys(stored)) {
      if (name !== key) bytes += utf8Length(name) + utf8Length(stored[name]!);
    }
  } catch {
    return false;
  }
  return bytes > STORE_LIMIT_BYTES - MARGIN_BYTES;
}
