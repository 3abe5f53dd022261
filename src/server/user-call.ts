/**
 * How entry points fail: a UserError's message reaches the user as it is; anything else
 * is a bug, logged and shown as "OpenQR add-on error: …". Either way the API key is
 * redacted, so it never leaves in a message or a log line, and no stack trace is shown.
 */
import { redactKey } from "../openqr/api-key.ts";
import { UserError } from "../shared/user-error.ts";

export function userMessage(error: unknown, key: string | null): string {
  if (error instanceof UserError) return redactKey(error.message, key);
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
    if (!(error instanceof UserError))
      console.error(redactKey(error instanceof Error ? (error.stack ?? message) : message, key));
    throw new Error(message);
  }
}
