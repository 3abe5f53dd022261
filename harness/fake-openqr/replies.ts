/** JSON replies and the API's error envelope `{"error": message, "code": code}`. */
import type { HttpReply } from "../http-types.ts";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

// Header names are lower case, as OpenQR sends them over HTTP/2 and as the request side uses.
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): HttpReply {
  return { status, headers: { "content-type": JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

export interface ErrorOptions {
  omitCode?: boolean;
  retryAfter?: number;
  headers?: Record<string, string>;
}

export function errorReply(
  status: number,
  message: string,
  code: string,
  options: ErrorOptions = {},
): HttpReply {
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryAfter !== undefined) headers["retry-after"] = String(options.retryAfter);
  const envelope = options.omitCode ? { error: message } : { error: message, code };
  return jsonReply(status, envelope, headers);
}

/** The code and message OpenQR uses for a status when a fault does not choose its own. */
export function defaultErrorFor(status: number): { code: string; message: string } {
  if (status === 400) return { code: "invalid_request", message: "Invalid request" };
  if (status === 401) return { code: "unauthorized", message: "Invalid or missing API key" };
  if (status === 403) return { code: "plan_limit_exceeded", message: "Not available on your plan" };
  if (status === 404) return { code: "not_found", message: "Not found" };
  if (status === 405) return { code: "method_not_allowed", message: "Method not allowed" };
  if (status === 429) return { code: "rate_limited", message: "Too many requests, slow down" };
  if (status >= 500) return { code: "server_error", message: "Internal server error" };
  return { code: "error", message: `HTTP ${status}` };
}
