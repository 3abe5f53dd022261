/**
 * saveApiKey / clearApiKey, called from the sidebar (google.script.run) in FULL mode.
 * A key is stored only after OpenQR accepts it, and only a hint ever comes back.
 */
import { keyHint, normalizeApiKey } from "../openqr/api-key.ts";
import { OpenQRClient } from "../openqr/client.ts";
import { OpenQRError } from "../openqr/errors.ts";
import {
  deleteOwnKey,
  readOwnKey,
  readSharedFormulaKey,
  storeOwnKey,
  unshareKeyWithFormulas,
} from "../platform/key-store.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { UserError } from "../shared/user-error.ts";
import { asSidebarCall } from "./user-call.ts";

export function saveApiKey(input: unknown): string {
  return asSidebarCall(
    () => {
      const key = normalizeApiKey(input);
      try {
        new OpenQRClient(key, urlFetchTransport).verifyKey();
      } catch (error) {
        throw verificationFailure(error);
      }
      storeOwnKey(key);
      return keyHint(key);
    },
    () => (typeof input === "string" ? input.trim() : null),
  );
}

function verificationFailure(error: unknown): unknown {
  if (!(error instanceof OpenQRError)) return error;
  if (error.kind === "unauthorized") {
    return new UserError(
      "OpenQR rejected this key (HTTP 401): it may be mistyped, revoked or rotated. Nothing was saved. Copy a current key from openqr.uk › API keys.",
    );
  }
  if (error.kind === "network") {
    return new UserError(
      "Could not reach OpenQR to check this key (network error), so nothing was saved. Try again in a moment.",
    );
  }
  return new UserError(`OpenQR could not check this key, so nothing was saved. ${error.message}`);
}

/** Removes the user's key, and the formulas' copy of it if this user shared it. */
export function clearApiKey(): void {
  asSidebarCall(() => {
    const key = readOwnKey();
    if (key !== null && readSharedFormulaKey() === key) unshareKeyWithFormulas();
    deleteOwnKey();
  }, readOwnKey);
}
