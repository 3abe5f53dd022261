/**
 * Errors raised by the emulated services. Inside the script they become the script realm's
 * `Error` with name "Exception" (as Apps Script's V8 runtime does), so `String(e)` reads
 * "Exception: <message>" while `e.message` carries no prefix.
 */
export class PlatformError extends Error {
  constructor(message: string, name = "Exception") {
    super(message);
    this.name = name;
  }
}

export const EXCEEDED_MAXIMUM_EXECUTION_TIME = "Exceeded maximum execution time";

/**
 * The text the platform shows for an uncaught error (execution log, #ERROR! tooltip):
 * "Exception: ..." for service errors, the bare message for errors the script threw.
 */
export function describeThrown(thrown: unknown): string {
  if (thrown !== null && typeof thrown === "object" && "message" in thrown) {
    const message = String(thrown.message);
    const name = "name" in thrown ? String(thrown.name) : "";
    return name === "Exception" ? `Exception: ${message}` : message;
  }
  return String(thrown);
}

/** A platform message for an argument the service rejects. */
export function invalidArgument(what: string): PlatformError {
  return new PlatformError(`Invalid argument: ${what}`);
}
