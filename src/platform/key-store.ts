/**
 * Where the API key lives. The user's own copy is in their user properties. Custom
 * functions run with the SPREADSHEET OWNER's user properties (read-only), so an editor's
 * key reaches formulas only through a document-level copy the editor opts into.
 * Nothing here logs or returns the key to anything but the OpenQR client (and the digest
 * that scopes the formulas' cache).
 */

import { documentProperties } from "./document-services.ts";
import { storeProperty } from "./stored-property.ts";

const USER_KEY_PROPERTY = "openqr.apiKey";
const FORMULA_KEY_PROPERTY = "openqr.formulaKey";

export function readOwnKey(): string | null {
  return PropertiesService.getUserProperties().getProperty(USER_KEY_PROPERTY);
}

export function storeOwnKey(key: string): void {
  storeProperty(PropertiesService.getUserProperties(), USER_KEY_PROPERTY, key);
}

export function deleteOwnKey(): void {
  PropertiesService.getUserProperties().deleteProperty(USER_KEY_PROPERTY);
}

/** The key formulas use: the owner's, else the copy an editor shared with this file. */
export function readFormulaKey(): string | null {
  return ownKeyIfReadable() || readSharedFormulaKey() || null;
}

/**
 * User properties in an add-on's custom function are undocumented (in practice the owner's):
 * if reading them fails, the shared copy is still worth trying.
 */
function ownKeyIfReadable(): string | null {
  try {
    return readOwnKey();
  } catch {
    return null;
  }
}

export function readSharedFormulaKey(): string | null {
  return documentProperties().getProperty(FORMULA_KEY_PROPERTY);
}

export function shareKeyWithFormulas(key: string): void {
  storeProperty(documentProperties(), FORMULA_KEY_PROPERTY, key);
}

export function unshareKeyWithFormulas(): void {
  documentProperties().deleteProperty(FORMULA_KEY_PROPERTY);
}
