/**
 * How entry points fail: a UserError's message reaches the user as it is (a full spreadsheet
 * or property store and a refused fetch are among them, told apart where they happen), and
 * so does ours for a lapsed authorization, which the platform reports in any language;
 * anything else is a bug, logged and shown as "OpenQR add-on error: …" with the platform's
 * own text. Either way the API key is redacted, so it never leaves in a message or a log
 * line, and no stack trace is shown.
 */
import { redactKey } from "../openqr/api-key.ts";
import { AUTHORIZATION_AGAIN, authorizationLapsed } from "../platform/platform-errors.ts";
import { markAddOnFailure } from "../shared/add-on-failure.ts";
import { messageOf } from "../shared/platform-signals.ts";
import { UserError } from "../shared/user-error.ts";

/** A failure the user can act on: its message for the user, else null (a bug). */
function knownMessage(error: unknown): string | null {
  if (error instanceof UserError) return error.message;
  // Asked of the platform, not read from its (translated) message.
  if (authorizationLapsed() === true) return AUTHORIZATION_AGAIN;
  return null;
}

/**
 * The user's message for a failure, at every boundary (a user's call, the scheduled run). A
 * bug is logged on the way: its stack (function names are kept in the bundle), redacted.
 */
export function failureMessage(error: unknown, key: string | null): string {
  const known = knownMessage(error);
  if (known !== null) return redactKey(known, key);
  const message = redactKey(`OpenQR add-on error: ${messageOf(error)}`, key);
  console.error(redactKey(error instanceof Error ? (error.stack ?? message) : message, key));
  return message;
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
    throw new Error(failureMessage(error, key));
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
