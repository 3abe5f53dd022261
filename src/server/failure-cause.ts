/**
 * The typed cause of a run that failed as a whole, told from the error's class and kind
 * (never from its words): what the schedule's alert says and asks for (docs/alerts.md).
 */
import { OpenQRError } from "../openqr/errors.ts";
import { QuotaExceeded } from "../openqr/transport.ts";
import { DocumentUnavailable } from "../platform/document-services.ts";
import { AuthorizationLapsed, authorizationLapsed } from "../platform/platform-errors.ts";
import type { FailureCause } from "../shared/settings.ts";
import { LayoutRefused } from "../shared/user-error.ts";

export function failureCauseOf(error: unknown): FailureCause {
  if (error instanceof AuthorizationLapsed) return "authorization";
  if (error instanceof QuotaExceeded) return "fetch-quota";
  if (error instanceof LayoutRefused) return "layout-refused";
  if (error instanceof DocumentUnavailable) return "document-unavailable";
  if (error instanceof OpenQRError) {
    if (error.kind === "unauthorized") return "key-rejected";
    if (error.kind === "quota") return "fetch-quota";
    if (error.kind === "network" || error.kind === "server_error" || error.kind === "rate_limited")
      return "unreachable";
    return "other";
  }
  // Asked of the platform, as failureMessage does: its refusal comes in the user's language.
  if (authorizationLapsed() === true) return "authorization";
  return "other";
}
