/**
 * When a user's schedule alerts their chat (docs/alerts.md): a streak of scheduled runs that
 * failed as a whole is kept per user per spreadsheet; its first failure posts an alert, and
 * so does a change of cause or a day of the same one; the first success after an alerted
 * streak posts one recovery. Only scheduled runs decide: a manual run neither starts nor ends
 * a streak (the schedule is what must work again), and a run that found the lock busy says
 * nothing about the schedule either. Pure: the caller reads and keeps the state and posts.
 */
import type { FailureCause } from "../shared/settings.ts";

/** The same failure is told again after this long. */
export const REALERT_AFTER_MS = 24 * 3_600_000;

export interface AlertState {
  /** The cause of the streak's latest failure. */
  cause: FailureCause;
  /** ISO time of the streak's first failed run. */
  since: string;
  failedRuns: number;
  /** ISO time of the streak's last posted alert; null while none was posted. */
  alertedAt: string | null;
  /** The cause that alert told of. */
  alertedCause: FailureCause | null;
}

/** What a scheduled run came to, as far as alerts go. */
export type ScheduledOutcome = { ok: true } | { ok: false; cause: FailureCause };

export type AlertPost =
  | { kind: "failure"; cause: FailureCause; since: string; failedRuns: number }
  | { kind: "recovery"; since: string; failedRuns: number };

export interface AlertStep {
  /** The state to keep after the run (null: no streak), before any post. */
  state: AlertState | null;
  /** The message due, or null. */
  post: AlertPost | null;
}

export function alertStep(state: AlertState | null, outcome: ScheduledOutcome, now: number): AlertStep {
  if (outcome.ok) {
    if (state === null) return { state: null, post: null };
    // A streak nobody was told of ends quietly: a recovery from nothing would only puzzle.
    const post: AlertPost | null =
      state.alertedAt === null
        ? null
        : { kind: "recovery", since: state.since, failedRuns: state.failedRuns };
    return { state: null, post };
  }
  if (outcome.cause === "busy") return { state, post: null };
  const next: AlertState =
    state === null
      ? {
          cause: outcome.cause,
          since: new Date(now).toISOString(),
          failedRuns: 1,
          alertedAt: null,
          alertedCause: null,
        }
      : { ...state, cause: outcome.cause, failedRuns: state.failedRuns + 1 };
  const due =
    next.alertedAt === null ||
    next.alertedCause !== outcome.cause ||
    now - Date.parse(next.alertedAt) >= REALERT_AFTER_MS;
  const post: AlertPost | null = due
    ? { kind: "failure", cause: outcome.cause, since: next.since, failedRuns: next.failedRuns }
    : null;
  return { state: next, post };
}

/** The state once a failure alert went out (or will never go out by trying again). */
export function markAlerted(state: AlertState, now: number): AlertState {
  return { ...state, alertedAt: new Date(now).toISOString(), alertedCause: state.cause };
}
