/**
 * A refresh's fetching: list the codes (for "all"), then fetch them stalest first until the
 * fetch budget is spent, /v1/me riding along to name the key's account. What each code's
 * fetch came to is decided by src/report/code-outcomes.ts.
 */
import { OpenQRClient } from "../openqr/client.ts";
import { OpenQRError } from "../openqr/errors.ts";
import { REFRESH_RETRY } from "../openqr/retry.ts";
import type { CodeRow } from "../openqr/schema.ts";
import { urlFetchTransport } from "../platform/url-fetch.ts";
import { accountLabel } from "../report/accounts.ts";
import { type CodeResult, codeResults } from "../report/code-outcomes.ts";
import { stalestFirst } from "../report/refresh-order.ts";
import type { WritableRow } from "../report/sheet-cells.ts";
import { accountByCode, refreshedAtByCode, slugByCode } from "../report/summary-rows.ts";
import type { ReportSettings } from "../settings/defaults.ts";

/** Apps Script stops a run at 6 minutes: no new batch starts after 4.5, leaving time to write. */
export const FETCH_BUDGET_MS = 270_000;

export interface FetchedCodes {
  /** The codes the settings cover, as listed (or chosen, less those another account's rows hold). */
  codeIds: string[];
  /** /v1/me's created_at for the key (null: unknown). */
  accountCreatedAt: string | null;
  /** Every covered code with what this run did to it, stalest first. */
  results: CodeResult[];
  /** The platform's daily URL fetch quota stopped the fetching: the codes not fetched wait for it. */
  quotaReached: boolean;
  /** Creation days (UTC) of listed codes: where their history starts. */
  createdDays: Record<string, string>;
  /** Each code's slug as last known: listed now, else from its Summary row. */
  slugs: Record<string, string>;
}

/** `summaryBefore`: the Summary as read, for the codes' last refresh, slug and account. */
export function fetchCodes(
  key: string,
  settings: ReportSettings,
  summaryBefore: readonly WritableRow[],
  startedAt: number,
): FetchedCodes {
  const deadline = startedAt + FETCH_BUDGET_MS;
  const client = new OpenQRClient(key, urlFetchTransport, {
    ...REFRESH_RETRY,
    budgetMs: deadline - Date.now(),
  });
  const listed = settings.codes === "all" ? listCodes(client) : [];
  const codeIds = settings.codes === "all" ? listed.map((code) => code.id) : settings.codes;
  const slugs = slugByCode(summaryBefore);
  const createdDays: Record<string, string> = {};
  for (const code of listed) {
    slugs[code.id] = code.slug;
    createdDays[code.id] = code.created_at.slice(0, 10);
  }

  const order = stalestFirst(codeIds, refreshedAtByCode(summaryBefore));
  const canStart = () => Date.now() < deadline;
  const { scans: outcomes, accountCreatedAt } = client.scansAndAccountWhile(order, settings.days, canStart);
  // A revoked key fails every code alike: the run fails as a whole and writes nothing.
  for (const outcome of outcomes)
    if (outcome && !outcome.ok && outcome.error.kind === "unauthorized") throw outcome.error;

  const account = accountCreatedAt === null ? null : accountLabel(accountCreatedAt);
  const fetched = { order, outcomes, quotaReached: client.quotaReached };
  const results = codeResults(fetched, accountByCode(summaryBefore), account);
  const covered: Record<string, true> = {};
  for (const result of results) covered[result.codeId] = true;
  return {
    codeIds: codeIds.filter((codeId) => covered[codeId]),
    accountCreatedAt,
    results,
    quotaReached: client.quotaReached,
    createdDays,
    slugs,
  };
}

function listCodes(client: OpenQRClient): CodeRow[] {
  try {
    return client.listCodes();
  } catch (error) {
    if (error instanceof OpenQRError && error.kind !== "unauthorized") {
      // Its kind kept, so the run's failure cause says what went wrong.
      throw new OpenQRError(
        error.kind,
        error.status,
        `Could not list your OpenQR codes, so nothing was changed. ${error.message}`,
      );
    }
    throw error;
  }
}
