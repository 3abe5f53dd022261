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

export interface Transport {
  /** Sends the requests in parallel; results in request order. */
  getAll(requests: HttpGet[]): Array<HttpResponse | null>;
  sleep(ms: number): void;
  now(): number;
}
