/**
 * The OpenQR client's Transport on UrlFetchApp. One request goes through fetch, several
 * through fetchAll (parallel). Redirects are never followed, so the Authorization header
 * cannot be forwarded to another host; HTTP errors come back as responses.
 */
import { type HttpGet, type HttpResponse, QuotaExceeded, type Transport } from "../openqr/transport.ts";
import { SETTINGS_ITEM_PATH } from "../shared/addon-menu.ts";
import { isQuotaStop, messageOf, namesAnyHost } from "../shared/platform-signals.ts";
import { UserError } from "../shared/user-error.ts";
import { AuthorizationLapsed, authorizationLapsed } from "./platform-errors.ts";

/** Apps Script refused the request for a reason of its own: its words, in the user's language. */
export class FetchRefused extends UserError {
  constructor(platformText: string) {
    super(
      `Apps Script refused to contact OpenQR: “${platformText}” If that asks for permission, open ${SETTINGS_ITEM_PATH} once to grant it (for formulas, the spreadsheet's owner does this).`,
    );
    this.name = "FetchRefused";
  }
}

/**
 * What a thrown fetch means, decided without reading the platform's prose: null for a
 * network failure (worth retrying); otherwise the error to stop with. A quota stop must
 * stop the run, and a lapsed authorization must ask for permission: neither is retried.
 */
function fetchFailure(error: unknown, urls: readonly string[]): Error | null {
  if (isQuotaStop(error, "urlfetch")) return new QuotaExceeded();
  if (namesAnyHost(error, urls)) return null;
  if (authorizationLapsed() === true) return new AuthorizationLapsed();
  return new FetchRefused(messageOf(error));
}

function toOptions(request: HttpGet): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  return {
    url: request.url,
    method: "get",
    headers: request.headers,
    muteHttpExceptions: true,
    followRedirects: false,
  };
}

/** OpenQR answers JSON, which is UTF-8 (RFC 8259). */
export const RESPONSE_CHARSET = "UTF-8";

function toResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  const raw = response.getHeaders() as Record<string, unknown>;
  for (const name of Object.keys(raw)) headers[name.toLowerCase()] = String(raw[name]);
  // UTF-8 by name: the default charset is undocumented, and slugs and referrers carry emoji and non-Latin text.
  return { status: response.getResponseCode(), headers, body: response.getContentText(RESPONSE_CHARSET) };
}

/** A network failure (DNS, dropped connection, timeout) throws even with muteHttpExceptions. */
function fetchOne(request: HttpGet): HttpResponse | null {
  try {
    const { url, ...options } = toOptions(request);
    return toResponse(UrlFetchApp.fetch(url, options));
  } catch (error) {
    const stop = fetchFailure(error, [request.url]);
    if (stop) throw stop;
    return null;
  }
}

export const urlFetchTransport: Transport = {
  getAll(requests, deadline) {
    if (requests.length === 1) return [fetchOne(requests[0]!)];
    try {
      return UrlFetchApp.fetchAll(requests.map(toOptions)).map(toResponse);
    } catch (error) {
      const stop = fetchFailure(
        error,
        requests.map((request) => request.url),
      );
      if (stop) throw stop;
      // fetchAll throws as a whole when one request fails at the network level:
      // retry one by one so the others still succeed and the failure is attributed.
      // Each may wait out the 60 s timeout, so none is sent after the deadline.
      return requests.map((request) =>
        deadline !== undefined && Date.now() >= deadline ? null : fetchOne(request),
      );
    }
  },
  sleep: (ms) => Utilities.sleep(ms),
  now: () => Date.now(),
};
