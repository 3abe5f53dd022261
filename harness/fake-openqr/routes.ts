/** Request handling: parse the route, check method and key, validate the query, answer. */
import type { HttpReply, HttpRequest } from "../http-types.ts";
import { buildScansBody, DEFAULT_ANALYTICS_DAYS, honouredDays, MAX_ANALYTICS_DAYS } from "./analytics.ts";
import { errorReply, jsonReply } from "./replies.ts";
import type { CodeRow, FakeCode, FakeState } from "./types.ts";

export const DEFAULT_LIST_LIMIT = 200;
export const MAX_LIST_LIMIT = 500;

export type ParsedRoute =
  | { kind: "list" }
  | { kind: "code"; id: string }
  | { kind: "scans"; id: string }
  | { kind: "me" }
  | { kind: "unknown" };

export interface ParsedRequest {
  route: ParsedRoute;
  query: URLSearchParams;
}

/** Splits the path into percent-decoded segments, so an id "a/b?c" arrives whole as "a%2Fb%3Fc". */
export function parseRequest(url: string): ParsedRequest {
  const parsed = new URL(url, "https://openqr.uk");
  const unknown: ParsedRequest = { route: { kind: "unknown" }, query: parsed.searchParams };
  let segments: string[];
  try {
    segments = parsed.pathname.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return unknown; // malformed percent-encoding cannot name any resource
  }
  const [version, collection, id, sub, ...rest] = segments;
  if (version !== "v1" || rest.length > 0) return unknown;
  if (collection === "me" && id === undefined) return { ...unknown, route: { kind: "me" } };
  if (collection !== "dynamic") return unknown;
  if (id === undefined) return { ...unknown, route: { kind: "list" } };
  if (id === "") return unknown;
  if (sub === undefined) return { ...unknown, route: { kind: "code", id } };
  if (sub === "scans") return { ...unknown, route: { kind: "scans", id } };
  return unknown;
}

/** The fault-injection target a route belongs to (see FakeOpenQR.inject). */
export function faultTargetOf(route: ParsedRoute): string | undefined {
  if (route.kind === "list") return "*list";
  if (route.kind === "me") return "*me";
  if (route.kind === "code" || route.kind === "scans") return route.id;
  return undefined;
}

/** Newest first; ties by id so the order (and therefore cursors) is total. */
type SortKey = Pick<CodeRow, "created_at" | "id">;

export function compareNewestFirst(a: SortKey, b: SortKey): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function rowOf(code: FakeCode): CodeRow {
  const { id, slug, short_url, destination, label, status, created_at } = code;
  return { id, slug, short_url, destination, label, status, created_at };
}

function fail(state: FakeState, status: number, message: string, code: string): HttpReply {
  return errorReply(status, message, code, {
    omitCode: state.variations.omitErrorCode,
    headers: status === 405 ? { allow: "GET" } : {},
  });
}

export function bearerKey(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return match?.[1];
}

/** A strict decimal integer; "2.5", "1e2", "" and "abc" are not. */
function parseInteger(text: string): number | undefined {
  return /^[0-9]{1,6}$/.test(text) ? Number(text) : undefined;
}

// The cursor is opaque to clients: base64url of the last row's sort key (keyset pagination).
function encodeCursor(code: FakeCode): string {
  return Buffer.from(`${code.created_at}\n${code.id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const [createdAt, id, ...extra] = Buffer.from(cursor, "base64url").toString("utf8").split("\n");
  if (extra.length > 0 || id === undefined || Number.isNaN(Date.parse(createdAt))) return undefined;
  return { createdAt, id };
}

function listCodes(state: FakeState, query: URLSearchParams): HttpReply {
  const limitText = query.get("limit");
  const limit = limitText === null ? DEFAULT_LIST_LIMIT : parseInteger(limitText);
  if (limit === undefined || limit < 1 || limit > MAX_LIST_LIMIT) {
    return fail(state, 400, `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`, "invalid_request");
  }
  const search = (query.get("search") ?? "").toLowerCase();
  let rows = [...state.codes.values()]
    .filter((code) => `${code.slug}\n${code.label ?? ""}`.toLowerCase().includes(search))
    .sort(compareNewestFirst);

  const cursorText = query.get("cursor");
  if (cursorText !== null && cursorText !== "") {
    const cursor = decodeCursor(cursorText);
    if (!cursor) return fail(state, 400, "Invalid cursor", "invalid_request");
    const after: SortKey = { created_at: cursor.createdAt, id: cursor.id };
    rows = rows.filter((code) => compareNewestFirst(code, after) > 0);
  }

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  const omitCursor = nextCursor === null && state.variations.omitNextCursor;
  return jsonReply(200, {
    codes: page.map(rowOf),
    ...(omitCursor ? {} : { next_cursor: nextCursor }),
  });
}

function codeScans(state: FakeState, code: FakeCode, query: URLSearchParams): HttpReply {
  const daysText = query.get("days");
  const requested = daysText === null ? DEFAULT_ANALYTICS_DAYS : parseInteger(daysText);
  if (requested === undefined || requested < 1 || requested > MAX_ANALYTICS_DAYS) {
    return fail(state, 400, `days must be an integer from 1 to ${MAX_ANALYTICS_DAYS}`, "invalid_request");
  }
  const days = honouredDays(requested, state.plan);
  return jsonReply(200, buildScansBody(state.seed, state.now(), code, days, state.plan));
}

function account(state: FakeState): HttpReply {
  const { plan } = state;
  return jsonReply(200, {
    plan: plan.name ?? (plan.detailed ? "pro" : "free"),
    limits: { scan_analytics_days: plan.analyticsDays, detailed_analytics: plan.detailed },
    created_at: state.createdAt,
  });
}

/** The undisturbed reply to a request (faults are applied around this). */
export function respond(state: FakeState, request: HttpRequest, parsed: ParsedRequest): HttpReply {
  const { route, query } = parsed;
  if (route.kind === "unknown") return fail(state, 404, "Not found", "not_found");
  if (request.method.toUpperCase() !== "GET") {
    return fail(state, 405, "Method not allowed", "method_not_allowed");
  }
  const key = bearerKey(request.headers);
  if (key === undefined || !state.keys.has(key)) {
    return fail(state, 401, "Invalid or missing API key", "unauthorized");
  }
  if (route.kind === "list") return listCodes(state, query);
  if (route.kind === "me") return account(state);
  const code = state.codes.get(route.id);
  if (!code) return fail(state, 404, "Dynamic code not found", "not_found");
  return route.kind === "code" ? jsonReply(200, rowOf(code)) : codeScans(state, code, query);
}
