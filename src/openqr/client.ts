/**
 * The OpenQR API client: the only place requests are built and the only user of the API key.
 *
 * Contract (as OpenQR's own clients): the key travels only in the Authorization header,
 * never in a URL, a log or a message; redirects are never followed (the adapter sets
 * followRedirects: false) so the header cannot reach another host; failures are
 * branched on status and the envelope's `code`, never on prose; every response is
 * validated before use.
 */
import type * as v from "valibot";
import { createdAtOf, interpret, type Outcome } from "./answer.ts";
import {
  isRetryable,
  type OpenQRError,
  quotaError,
  type RequestSubject,
  unaddressableId,
  unexpectedResponse,
} from "./errors.ts";
import { INTERACTIVE_RETRY, nextDelayMs, type RetryPolicy, retryAfterMs } from "./retry.ts";
import {
  accountSchema,
  type CodeRow,
  codeListSchema,
  type ScansResponse,
  scansResponseSchema,
} from "./schema.ts";
import { type HttpResponse, QuotaExceeded, type Transport } from "./transport.ts";

export const OPENQR_BASE_URL = "https://openqr.uk";
/** Requests sent together in one UrlFetchApp.fetchAll. */
export const FETCH_BATCH_SIZE = 20;
export const CODE_PAGE_SIZE = 200;
/** A guard against a server that keeps returning cursors. */
const MAX_CODE_PAGES = 100;

interface Job<S extends v.GenericSchema> {
  path: string;
  schema: S;
  subject: RequestSubject;
  /** Set when the request must not be sent: its outcome, without a request. */
  refused?: OpenQRError;
  /** Sent in a batch without taking a code's place in it (/v1/me beside the scans). */
  rides?: boolean;
}

export function scansPath(id: string, days: number): string {
  return `/v1/dynamic/${encodeURIComponent(id)}/scans?days=${days}`;
}

export class OpenQRClient {
  /** Set once the platform's daily URL fetch quota stopped a call: nothing more is sent. */
  quotaReached = false;

  constructor(
    private readonly apiKey: string,
    private readonly transport: Transport,
    private readonly retry: RetryPolicy = INTERACTIVE_RETRY,
  ) {}

  /** One cheap authenticated call; throws the typed error if the key or the network fails. */
  verifyKey(): void {
    const [outcome] = this.run([{ path: "/v1/me", schema: accountSchema, subject: {} }]);
    if (!outcome) throw quotaError();
    if (!outcome.ok) throw outcome.error;
  }

  /** Every dynamic code of the account, following next_cursor. */
  listCodes(): CodeRow[] {
    const codes: CodeRow[] = [];
    const seenCursors: Record<string, true> = {};
    let cursor: string | null = null;
    for (let page = 0; page < MAX_CODE_PAGES; page++) {
      const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const [outcome] = this.run([
        { path: `/v1/dynamic?limit=${CODE_PAGE_SIZE}${query}`, schema: codeListSchema, subject: {} },
      ]);
      if (!outcome) throw quotaError();
      if (!outcome.ok) throw outcome.error;
      codes.push(...outcome.value.codes);
      cursor = outcome.value.next_cursor;
      if (cursor === null || cursor === "") return codes;
      if (seenCursors[cursor]) throw unexpectedResponse(200, "the code list repeats a page cursor");
      seenCursors[cursor] = true;
    }
    throw unexpectedResponse(200, `the code list has more than ${MAX_CODE_PAGES} pages`);
  }

  /** Scans of many codes at once, one outcome per id in the same order. */
  scans(ids: readonly string[], days: number): Array<Outcome<ScansResponse>> {
    return this.run(scanJobs(ids, days)).map((outcome) => outcome ?? { ok: false, error: quotaError() });
  }

  /**
   * Like scans, but asks `canStartBatch` before each batch (first tries and retries alike):
   * once it says no (or the daily quota is reached: see `quotaReached`), the codes not yet
   * tried come back as null, for a later run.
   */
  scansWhile(
    ids: readonly string[],
    days: number,
    canStartBatch: () => boolean,
  ): Array<Outcome<ScansResponse> | null> {
    return this.run(scanJobs(ids, days), canStartBatch).map((outcome) => outcome ?? null);
  }

  /**
   * scansWhile, with /v1/me riding in the first batch (no round trip of its own): the
   * account's `created_at` as it reports it, or null when the call failed, has none, or was
   * never sent. The refresh tells accounts apart by it (src/report/accounts.ts).
   */
  scansAndAccountWhile(
    ids: readonly string[],
    days: number,
    canStartBatch: () => boolean,
  ): { scans: Array<Outcome<ScansResponse> | null>; accountCreatedAt: string | null } {
    const me: Job<v.GenericSchema> = { path: "/v1/me", schema: accountSchema, subject: {}, rides: true };
    const jobs: Array<Job<v.GenericSchema>> = [me, ...scanJobs(ids, days)];
    const [account, ...scans] = this.run(jobs, canStartBatch);
    return {
      // Each was validated by scansResponseSchema, its job's schema.
      scans: scans.map((outcome) => (outcome ?? null) as Outcome<ScansResponse> | null),
      accountCreatedAt: account?.ok ? createdAtOf(account.value) : null,
    };
  }

  /**
   * Runs the jobs in parallel batches, retrying 429, 5xx and network failures together.
   * A job left undefined was never tried because `canStartBatch` said no.
   */
  private run<S extends v.GenericSchema>(
    jobs: Array<Job<S>>,
    canStartBatch: () => boolean = () => true,
  ): Array<Outcome<v.InferOutput<S>> | undefined> {
    const started = this.transport.now();
    const outcomes: Array<Outcome<v.InferOutput<S>> | undefined> = jobs.map(() => undefined);
    const attempts = jobs.map(() => 0);
    const lastFailure: Array<Outcome<v.InferOutput<S>> | undefined> = jobs.map(() => undefined);
    jobs.forEach((job, index) => {
      if (job.refused) outcomes[index] = { ok: false, error: job.refused };
    });
    let pending = jobs.map((_, index) => index).filter((index) => !jobs[index]!.refused);

    while (pending.length > 0) {
      const retryLater: number[] = [];
      let wait = 0;
      for (const batch of batchesOf(pending, jobs)) {
        if (this.quotaReached || !canStartBatch()) {
          // A retry that cannot start keeps the failure it has; a first try stays untried.
          for (const index of batch) if (attempts[index]! > 0) outcomes[index] = lastFailure[index];
          continue;
        }
        let responses: Array<HttpResponse | null>;
        try {
          responses = this.transport.getAll(
            batch.map((index) => ({ url: OPENQR_BASE_URL + jobs[index]!.path, headers: this.headers() })),
            started + this.retry.budgetMs,
          );
        } catch (error) {
          if (!(error instanceof QuotaExceeded)) throw error;
          this.quotaReached = true;
          for (const index of batch) if (attempts[index]! > 0) outcomes[index] = lastFailure[index];
          continue;
        }
        batch.forEach((index, position) => {
          const job = jobs[index]!;
          attempts[index]! += 1;
          const outcome = interpret(job.schema, job.subject, responses[position] ?? null, attempts[index]!);
          if (outcome.ok || !isRetryable(outcome.error)) {
            outcomes[index] = outcome;
            return;
          }
          const elapsed = this.transport.now() - started;
          const retryAfter = retryAfterMs(responses[position]?.headers["retry-after"]);
          const delay = nextDelayMs(this.retry, attempts[index]!, retryAfter, elapsed);
          if (delay === null) {
            outcomes[index] = outcome;
          } else {
            lastFailure[index] = outcome;
            retryLater.push(index);
            wait = Math.max(wait, delay);
          }
        });
      }
      if (retryLater.length > 0) this.transport.sleep(wait);
      pending = retryLater;
    }
    return outcomes;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.apiKey}`, Accept: "application/json" };
  }
}

/** The pending jobs in batches of FETCH_BATCH_SIZE, riders not counted. */
function batchesOf(pending: readonly number[], jobs: ReadonlyArray<{ rides?: boolean }>): number[][] {
  const batches: number[][] = [];
  let batch: number[] = [];
  let counted = 0;
  for (const index of pending) {
    const rides = jobs[index]!.rides === true;
    if (!rides && counted === FETCH_BATCH_SIZE) {
      batches.push(batch);
      batch = [];
      counted = 0;
    }
    batch.push(index);
    if (!rides) counted++;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function scanJobs(ids: readonly string[], days: number): Array<Job<typeof scansResponseSchema>> {
  return ids.map((id) => ({
    path: scansPath(id, days),
    schema: scansResponseSchema,
    subject: { codeId: id },
    // encodeURIComponent leaves dots alone, and "." or ".." as a path segment means another address.
    ...(id === "." || id === ".." ? { refused: unaddressableId(id) } : {}),
  }));
}
