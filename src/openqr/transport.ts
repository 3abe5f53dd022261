/**
 * What the OpenQR client needs from the platform: parallel GETs, a way to wait, a clock.
 * The Apps Script adapter (platform/url-fetch.ts) implements it with UrlFetchApp;
 * unit tests implement it in memory.
 */

export interface HttpGet {
  url: string;
  headers: Record<string, string>;
}

/** A response, or `null` when the request failed before any response (network, DNS, timeout). */
export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Thrown by a transport when the platform refuses more requests today (Apps Script's daily
 * URL fetch quota): nothing more can be fetched in this run, or in any run until it resets.
 */
export class QuotaExceeded extends Error {
  constructor() {
    super("Service invoked too many times: the daily URL fetch quota is used up");
    this.name = "QuotaExceeded";
  }
}

export interface Transport {
  /**
   * Sends the requests in parallel; results in request order. Throws QuotaExceeded, or the
   * platform's refusal as a UserError (it stops the run: retrying cannot help). After
   * `deadline` (epoch ms) it may leave requests unsent (null): a transport that falls back to
   * one request at a time must not let each wait out its timeout past the caller's budget.
   */
  getAll(requests: HttpGet[], deadline?: number): Array<HttpResponse | null>;
  sleep(ms: number): void;
  now(): number;
}
