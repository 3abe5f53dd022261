/**
 * What one answer of OpenQR means: a value its schema accepts, or a typed error decided by
 * the HTTP status and the envelope's `code`, never by the server's prose.
 */
import type * as v from "valibot";
import {
  httpError,
  networkError,
  type OpenQRError,
  type RequestSubject,
  unexpectedResponse,
} from "./errors.ts";
import { errorEnvelopeSchema, parseJson } from "./schema.ts";
import type { HttpResponse } from "./transport.ts";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: OpenQRError };

/** /v1/me's `created_at`, when it is non-empty text. */
export function createdAtOf(account: unknown): string | null {
  const createdAt = (account as { created_at?: unknown }).created_at;
  return typeof createdAt === "string" && createdAt.trim() !== "" ? createdAt.trim() : null;
}

/** Turns one response into a value or a typed error. */
export function interpret<S extends v.GenericSchema>(
  schema: S,
  subject: RequestSubject,
  response: HttpResponse | null,
  attempts: number,
): Outcome<v.InferOutput<S>> {
  if (response === null) return { ok: false, error: networkError(attempts) };
  const { status, body } = response;
  if (status >= 200 && status < 300) {
    const parsed = parseJson(schema, body);
    return parsed.ok
      ? { ok: true, value: parsed.value }
      : { ok: false, error: unexpectedResponse(status, parsed.problem) };
  }
  if (status >= 300 && status < 400) {
    return { ok: false, error: unexpectedResponse(status, "a redirect, which is not followed") };
  }
  const envelope = parseJson(errorEnvelopeSchema, body);
  const code = envelope.ok ? envelope.value.code : undefined;
  return { ok: false, error: httpError(status, code, subject, attempts) };
}
