/**
 * The Summary's Status column: what the last run that covered a code did to it. A run
 * writes it from the typed outcome; the rows of codes it did not cover keep the status an
 * earlier run (perhaps another account's) wrote, which is read back here and nowhere else.
 */
import type { CodeOutcome } from "./code-outcomes.ts";

export const STATUS_OK = "ok";
export const STATUS_WAITING = "waiting: this run ran out of time; the next run refreshes it first";
export const STATUS_WAITING_QUOTA =
  "waiting: the daily URL fetch quota was reached; a run after it resets refreshes it first";
export const STATUS_DELETED = "deleted at OpenQR: its rows in OpenQR Daily are kept";
/** A legacy row (no Account yet) that this run's account does not list: deleted, or another account's. */
export const STATUS_UNLISTED =
  "not listed by the account of this run's key: deleted at OpenQR, or a code of another account; its rows are kept";
const FAILED_PREFIX = "failed: ";
const WAITING_PREFIX = "waiting: ";

/** A row's state: `other` is a Status the add-on did not write (blank, or edited by hand). */
export type RowState = "ok" | "failed" | "waiting" | "deleted" | "unlisted" | "other";

export function statusText(outcome: CodeOutcome): string {
  if (outcome.kind === "refreshed") return STATUS_OK;
  if (outcome.kind === "skipped") return outcome.why === "quota" ? STATUS_WAITING_QUOTA : STATUS_WAITING;
  return `${FAILED_PREFIX}${outcome.reason}`;
}

export function stateOfOutcome(outcome: CodeOutcome): RowState {
  if (outcome.kind === "refreshed") return "ok";
  return outcome.kind === "failed" ? "failed" : "waiting";
}

/** The state an earlier run's Status text records (the add-on's own, untranslated words). */
export function stateOfStatus(status: string): RowState {
  if (status === STATUS_OK) return "ok";
  if (status === STATUS_DELETED) return "deleted";
  if (status === STATUS_UNLISTED) return "unlisted";
  if (status.indexOf(FAILED_PREFIX) === 0) return "failed";
  return status.indexOf(WAITING_PREFIX) === 0 ? "waiting" : "other";
}

/** A code not known gone: it counts in the Total and the chart. */
export function isCurrent(state: RowState): boolean {
  return state !== "deleted" && state !== "unlisted";
}

/** The Total row's counts, over every current row whichever account's run last wrote it. */
export function stateCounts(states: readonly RowState[]): { ok: number; failed: number; waiting: number } {
  const count = (state: RowState) => states.filter((each) => each === state).length;
  return { ok: count("ok"), failed: count("failed"), waiting: count("waiting") };
}
