/**
 * google.script.run as promises, typed by the ServerFunctions contract: a renamed server
 * function or a changed parameter is a compile error here and at every call site.
 */
import { platformFailureMessage, readFailure } from "../shared/add-on-failure.ts";
import type { ServerFunctions } from "../shared/settings.ts";

type ServerName = keyof ServerFunctions;

/** The part of google.script.run the sidebar uses; declared here so no Apps Script types reach the browser code. */
type ScriptRunner = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
} & { [K in ServerName]: (...args: Parameters<ServerFunctions[K]>) => void };

declare const google: { script: { run: ScriptRunner } };

/**
 * Apps Script hands the failure handler an Error; depending on how the server threw, its
 * message may carry the error's class name in front, which would hide the field label.
 */
const THROWN_PREFIX = /^(?:[A-Za-z]*Error|Exception): /;

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const message = text.replace(THROWN_PREFIX, "").trim();
  return message === "" ? "Something went wrong. Please try again." : message;
}

/**
 * What a failed call says. The add-on's own failures carry its mark and are shown as they
 * are; any other failure happened before the add-on's code ran (google.script.run refuses
 * a browser signed in to several Google accounts, in the user's language), so the
 * platform's text is shown with what to do about it.
 */
export function failureMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const { text, fromAddOn } = readFailure(raw);
  const message = text.replace(THROWN_PREFIX, "").trim();
  return fromAddOn ? errorMessage(message) : platformFailureMessage(message);
}

/** Calls a server function; rejects with an Error carrying the server's message. */
export function callServer<K extends ServerName>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerFunctions[K]>))
      .withFailureHandler((error) => reject(new Error(failureMessage(error))));
    (runner[name] as (...callArgs: Parameters<ServerFunctions[K]>) => void)(...args);
  });
}
