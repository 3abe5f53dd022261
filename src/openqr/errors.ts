/**
 * Typed OpenQR failures, each with a message a spreadsheet user can act on.
 * Branch on HTTP status and the envelope's `code`, never on the server's prose.
 * Messages never contain the API key (they are built from fixed text, the code id and status).
 */
import { SETTINGS_PATH } from "../shared/addon-menu.ts";
import { UserError } from "../shared/user-error.ts";

export type OpenQRErrorKind =
  | "unauthorized"
  | "plan_limit"
  | "not_found"
  | "invalid_request"
  | "rate_limited"
  | "server_error"
  | "network"
  | "quota"
  | "unexpected";

export class OpenQRError extends UserError {
  readonly kind: OpenQRErrorKind;
  readonly status: number | null;

  constructor(kind: OpenQRErrorKind, status: number | null, message: string) {
    super(message);
    this.name = "OpenQRError";
    this.kind = kind;
    this.status = status;
  }
}

/** What the failed request was about, to name it in the message. */
export interface RequestSubject {
  /** The code id, when the request was about one code. */
  codeId?: string;
}

const RETRYABLE_KINDS: readonly OpenQRErrorKind[] = ["rate_limited", "server_error", "network"];

export function isRetryable(error: OpenQRError): boolean {
  return RETRYABLE_KINDS.indexOf(error.kind) >= 0;
}

/** The kind of an HTTP failure: the envelope's `code` when present, else the status. */
export function kindOf(status: number, code: string | undefined): OpenQRErrorKind {
  switch (code) {
    case "unauthorized":
      return "unauthorized";
    case "not_found":
      return "not_found";
    case "plan_limit_exceeded":
      return "plan_limit";
    case "rate_limited":
      return "rate_limited";
    case "invalid_request":
      return "invalid_request";
    case "server_error":
      return "server_error";
  }
  if (status === 401) return "unauthorized";
  if (status === 403) return "plan_limit";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  if (status >= 400) return "invalid_request";
  return "unexpected";
}

/** Builds the user-facing error for an HTTP failure. */
export function httpError(
  status: number,
  code: string | undefined,
  subject: RequestSubject,
  attempts: number,
): OpenQRError {
  const kind = kindOf(status, code);
  const http = `(HTTP ${status})`;
  const tries = attempts > 1 ? ` after ${attempts} tries` : "";
  switch (kind) {
    case "unauthorized":
      return new OpenQRError(
        kind,
        status,
        `OpenQR rejected the API key ${http}. Save a valid key in ${SETTINGS_PATH}.`,
      );
    case "plan_limit":
      return new OpenQRError(
        kind,
        status,
        `Your OpenQR plan does not allow this request ${http}. Ask for fewer days or upgrade the plan at openqr.uk.`,
      );
    case "not_found":
      return new OpenQRError(
        kind,
        status,
        subject.codeId === undefined
          ? `OpenQR did not find that ${http}.`
          : `OpenQR code "${subject.codeId}" was not found ${http}. Use the code's id (see =OPENQR_CODES()), not its slug.`,
      );
    case "invalid_request":
      return new OpenQRError(kind, status, `OpenQR refused the request as invalid ${http}.`);
    case "rate_limited":
      return new OpenQRError(
        kind,
        status,
        `OpenQR is limiting how often it can be asked ${http}${tries}. Try again in a minute (a formula runs again when you edit it or a cell it refers to).`,
      );
    case "server_error":
      return new OpenQRError(
        kind,
        status,
        `OpenQR had a server error ${http}${tries}. Try again in a few minutes.`,
      );
    default:
      return unexpectedResponse(status, "unexpected status");
  }
}

export function unexpectedResponse(status: number, problem: string): OpenQRError {
  return new OpenQRError(
    "unexpected",
    status,
    `Unexpected response from OpenQR (HTTP ${status}): ${problem}. Try again later.`,
  );
}

/** An id that cannot travel in a URL path: sending it would ask for another address. */
export function unaddressableId(id: string): OpenQRError {
  return new OpenQRError(
    "invalid_request",
    null,
    `OpenQR code id "${id}" was not sent: "." and ".." would change the address of the request. Use the code's id as =OPENQR_CODES() lists it.`,
  );
}

export function quotaError(): OpenQRError {
  return new OpenQRError(
    "quota",
    null,
    "Apps Script's daily URL fetch quota is used up (Service invoked too many times), so OpenQR cannot be asked until it resets, within 24 hours.",
  );
}

export function networkError(attempts: number): OpenQRError {
  const tries = attempts > 1 ? ` after ${attempts} tries` : "";
  return new OpenQRError(
    "network",
    null,
    `Could not reach OpenQR (network error${tries}). Check that openqr.uk is reachable, then try again.`,
  );
}
