/**
 * The OpenQR client's Transport on UrlFetchApp. One request goes through fetch, several
 * through fetchAll (parallel). Redirects are never followed, so the Authorization header
 * cannot be forwarded to another host; HTTP errors come back as responses.
 */
import { type HttpGet, type HttpResponse, QuotaExceeded, type Transport } from "../openqr/transport.ts";

/**
 * The quota error is the one platform failure told apart by its text: it has no status, and
 * it must stop the run instead of being retried like a network failure.
 */
function isQuotaError(error: unknown): boolean {
  return error instanceof Error && /Service invoked too many times/i.test(error.message);
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

/**
 * A lapsed authorization is not a network failure: retrying cannot help, and the user
 * must be told to grant it again (see user-call.ts), so it is thrown on.
 */
export function isAuthorizationError(error: unknown): boolean {
  return error instanceof Error && /^Authorization is required/i.test(error.message);
}

/** A network failure (DNS, dropped connection, timeout) throws even with muteHttpExceptions. */
function fetchOne(request: HttpGet): HttpResponse | null {
  try {
    const { url, ...options } = toOptions(request);
    return toResponse(UrlFetchApp.fetch(url, options));
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaExceeded();
    if (isAuthorizationError(error)) throw error;
    return null;
  }
}

export const urlFetchTransport: Transport = {
  getAll(requests, deadline) {
    if (requests.length === 1) return [fetchOne(requests[0]!)];
    try {
      return UrlFetchApp.fetchAll(requests.map(toOptions)).map(toResponse);
    } catch (error) {
      if (isQuotaError(error)) throw new QuotaExceeded();
      if (isAuthorizationError(error)) throw error;
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
