/**
 * What a run did to each code it covers, as one list: the Summary's rows, the run report's
 * counts and failures and the Slack digest's footnote are all derived from it.
 */
import type { Outcome } from "../openqr/answer.ts";
import type { OpenQRError } from "../openqr/errors.ts";
import type { ScansResponse } from "../openqr/schema.ts";
import type { RunFailure } from "../shared/settings.ts";
import { belongsElsewhere } from "./accounts.ts";

export type CodeOutcome =
  | { kind: "refreshed"; response: ScansResponse }
  | { kind: "failed"; reason: string }
  /** Not fetched: the run reached its time budget, or the daily URL fetch quota. */
  | { kind: "skipped"; why: "time" | "quota" };

export interface CodeResult {
  codeId: string;
  outcome: CodeOutcome;
}

/** What the client brought back: per code asked for (stalest first), its outcome, or null when never sent. */
export interface FetchedScans {
  order: readonly string[];
  outcomes: ReadonlyArray<Outcome<ScansResponse> | null | undefined>;
  /** The platform's daily URL fetch quota stopped the fetching: the codes not sent wait for it. */
  quotaReached: boolean;
}

/** The client's messages speak to a formula's author; a missing code means something else here. */
function failureReason(codeId: string, error: OpenQRError): string {
  if (error.kind !== "not_found") return error.message;
  return `OpenQR has no code "${codeId}" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.`;
}

/**
 * Each code's result. A chosen code that OpenQR does not find and whose row names another
 * account (`accounts`: the Summary's Account cells; `account`: this run's, null when
 * unknown) is left out: that account's runs refresh it.
 */
export function codeResults(
  fetched: FetchedScans,
  accounts: Readonly<Record<string, string>>,
  account: string | null,
): CodeResult[] {
  const results: CodeResult[] = [];
  fetched.order.forEach((codeId, index) => {
    const outcome = fetched.outcomes[index];
    if (!outcome) {
      results.push({ codeId, outcome: { kind: "skipped", why: fetched.quotaReached ? "quota" : "time" } });
    } else if (outcome.ok) {
      results.push({ codeId, outcome: { kind: "refreshed", response: { ...outcome.value, id: codeId } } });
    } else if (!(outcome.error.kind === "not_found" && belongsElsewhere(accounts[codeId], account))) {
      results.push({ codeId, outcome: { kind: "failed", reason: failureReason(codeId, outcome.error) } });
    }
  });
  return results;
}

export function refreshedResponses(results: readonly CodeResult[]): ScansResponse[] {
  const responses: ScansResponse[] = [];
  for (const { outcome } of results) if (outcome.kind === "refreshed") responses.push(outcome.response);
  return responses;
}

/** The failed codes, named by the slugs known for them ("" when never told). */
export function runFailures(
  results: readonly CodeResult[],
  slugs: Readonly<Record<string, string>>,
): RunFailure[] {
  const failures: RunFailure[] = [];
  for (const { codeId, outcome } of results) {
    if (outcome.kind === "failed")
      failures.push({ codeId, slug: slugs[codeId] ?? "", reason: outcome.reason });
  }
  return failures;
}

export function waitingCount(results: readonly CodeResult[]): number {
  return results.filter((result) => result.outcome.kind === "skipped").length;
}
