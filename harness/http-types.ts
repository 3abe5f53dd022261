/**
 * The contract between the Apps Script emulator's UrlFetchApp and the in-process
 * services it routes to (the fake OpenQR API, a fake Slack webhook).
 * A handler is synchronous because UrlFetchApp.fetch is synchronous in Apps Script.
 */

export interface HttpRequest {
  method: string; // upper case: GET, POST, ...
  url: string; // absolute, exactly as the product built it
  headers: Record<string, string>; // names lower-cased
  body: string;
}

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Virtual milliseconds the reply takes; the emulator advances its clock by this much. */
  delayMs?: number;
  /** The connection drops: the emulator's fetch throws as Apps Script does for network failures. */
  drop?: boolean;
}

export type HttpHandler = (request: HttpRequest) => HttpReply;

export interface Route {
  /** URL prefix this handler serves, e.g. "https://openqr.uk/". */
  prefix: string;
  handle: HttpHandler;
}
