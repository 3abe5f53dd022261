/**
 * When to retry and how long to wait: exponential backoff that honours Retry-After,
 * bounded by a total time budget so a custom function stays well inside its 30 s.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles after each retry. */
  baseDelayMs: number;
  /** Retry-After is clamped into [1 s, maxDelayMs] (OpenQR's clients clamp to 1-3600 s). */
  maxDelayMs: number;
  /** Total time (waiting and requests) after which no further attempt starts. */
  budgetMs: number;
}

/** For custom functions: at most 4 attempts and 15 s of waiting inside the 30 s limit. */
export const INTERACTIVE_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  budgetMs: 15000,
};

/**
 * For the scheduled refresh, inside Apps Script's 6-minute run: more attempts and waits of
 * up to a minute (a Retry-After beyond that gives up at once). The caller sets `budgetMs`
 * to the time left before the run stops starting requests.
 */
export const REFRESH_RETRY: Omit<RetryPolicy, "budgetMs"> = {
  maxAttempts: 5,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
};

/** Parses Retry-After (delta-seconds only; HTTP dates are rare from APIs) into ms. */
export function retryAfterMs(header: string | undefined): number | null {
  if (header === undefined) return null;
  const seconds = Number(header.trim());
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return Math.round(seconds * 1000);
}

/**
 * The wait before the next attempt, or null to give up: attempts used up, the budget spent,
 * or the server asking for a longer wait than this caller can afford (waiting less than
 * Retry-After would only be refused again).
 */
export function nextDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  retryAfter: number | null,
  elapsedMs: number,
): number | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const exponential = policy.baseDelayMs * 2 ** (attemptsMade - 1);
  const delay = Math.max(retryAfter ?? exponential, 1000);
  if (retryAfter !== null && delay > policy.maxDelayMs) return null;
  const clamped = Math.min(delay, policy.maxDelayMs);
  if (elapsedMs + clamped > policy.budgetMs) return null;
  return clamped;
}
