import type { HttpReply, HttpRequest, Route } from "../http-types.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import type { AuthMode } from "./execution.ts";
import { bytesOf, createBlob, toSignedBytes } from "./utilities.ts";
import { isRecord } from "./values.ts";

export const URLFETCH_DAILY_QUOTA = 20_000;
export const URLFETCH_TIMEOUT_MS = 60_000;
/** "URL at most about 2 KB": the commonly reported limit. */
export const URL_LENGTH_LIMIT = 2082;
export const MAX_REDIRECTS = 10;
/** How much of an error body the exception quotes (the platform's exact cut is undocumented). */
export const TRUNCATED_RESPONSE_CHARS = 100;

/** How one recorded HTTP request was made (parallel to HttpLog.requests). */
export interface HttpRequestOptions {
  muteHttpExceptions: boolean;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
  viaFetchAll: boolean;
  /** 0 for the request the script made, 1.. for the redirects followed after it. */
  redirectHop: number;
  user: string;
  authMode: AuthMode;
}

export class HttpLog {
  readonly requests: HttpRequest[] = [];
  readonly options: HttpRequestOptions[] = [];
  private readonly used = new Map<string, number>();

  /** Counts fetches against the identity's daily quota (per virtual UTC day). */
  charge(identity: string, now: number, count: number): void {
    const key = `${identity}|${Math.floor(now / 86_400_000)}`;
    const used = this.used.get(key) ?? 0;
    if (used + count > URLFETCH_DAILY_QUOTA) {
      throw new PlatformError("Service invoked too many times for one day: urlfetch.");
    }
    this.used.set(key, used + count);
  }
}

interface PreparedRequest {
  request: HttpRequest;
  options: Omit<HttpRequestOptions, "redirectHop">;
}

interface ResponseData {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Outcome {
  response?: ResponseData;
  error?: PlatformError;
  delayMs: number;
}

function withoutQuery(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query + 1);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

function findRoute(routes: readonly Route[], url: string): Route | undefined {
  let best: Route | undefined;
  for (const route of routes) {
    if (url.startsWith(route.prefix) && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  return best;
}

function checkWhitelist(whitelist: readonly string[] | undefined, url: string): void {
  if (whitelist && !whitelist.some((prefix) => url.startsWith(prefix))) {
    throw new PlatformError(
      `Request to ${withoutQuery(url)} failed because the URL has not been whitelisted in the script manifest.`,
    );
  }
}

function encodeForm(fields: Record<string, unknown>): string {
  return Object.keys(fields)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(fields[key]))}`)
    .join("&");
}

export function createUrlFetchApp(env: ServiceEnv) {
  const { world, execution, realm, bind } = env;
  const whitelist = world.manifest.urlFetchWhitelist;

  const payloadText = (payload: unknown): string => {
    if (payload === undefined || payload === null) return "";
    if (typeof payload === "string") return payload;
    const blob = bind.stateOf<{ bytes: Buffer }>(payload);
    if (blob) return blob.bytes.toString("utf8");
    if (Array.isArray(payload)) return bytesOf(payload).toString("utf8");
    // An object payload is a map of form fields.
    if (isRecord(payload)) return encodeForm(payload);
    return String(payload);
  };

  const prepare = (urlArgument: unknown, paramsArgument: unknown, viaFetchAll: boolean): PreparedRequest => {
    const url = String(urlArgument);
    const params = isRecord(paramsArgument) ? paramsArgument : {};
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PlatformError(`Invalid argument: ${url}`);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw new PlatformError(`Invalid argument: ${url}`);
    }
    if (url.length > URL_LENGTH_LIMIT) throw new PlatformError("Limit Exceeded: URLFetch URL Length.");
    checkWhitelist(whitelist, url);

    const headers: Record<string, string> = {};
    if (isRecord(params.headers)) {
      for (const [name, value] of Object.entries(params.headers)) headers[name.toLowerCase()] = String(value);
    }
    const body = payloadText(params.payload);
    if (params.contentType !== undefined) headers["content-type"] = String(params.contentType);
    else if (body !== "" && headers["content-type"] === undefined) {
      // The documented default content type of a payload.
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    return {
      request: { method: String(params.method ?? "get").toUpperCase(), url, headers, body },
      options: {
        muteHttpExceptions: params.muteHttpExceptions === true,
        followRedirects: params.followRedirects !== false,
        validateHttpsCertificates: params.validateHttpsCertificates !== false,
        viaFetchAll,
        user: execution.spec.user,
        authMode: execution.authMode,
      },
    };
  };

  const perform = ({ request: first, options }: PreparedRequest): Outcome => {
    let request = first;
    let delayMs = 0;
    for (let hop = 0; ; hop++) {
      if (hop > 0) {
        try {
          checkWhitelist(whitelist, request.url);
        } catch (error) {
          return { error: error as PlatformError, delayMs };
        }
      }
      world.http.requests.push(request);
      world.http.options.push({ ...options, redirectHop: hop });
      world.counter.add("UrlFetchApp.requests");
      const route = findRoute(world.routes, request.url);
      if (!route) return { error: new PlatformError(`DNS error: ${request.url}`), delayMs };
      const reply: HttpReply = route.handle({ ...request, headers: { ...request.headers } });
      delayMs += Math.max(0, reply.delayMs ?? 0);
      if (delayMs > URLFETCH_TIMEOUT_MS) {
        return { error: new PlatformError(`Timeout: ${first.url}`), delayMs: URLFETCH_TIMEOUT_MS };
      }
      if (reply.drop) return { error: new PlatformError(`Address unavailable: ${request.url}`), delayMs };
      const headers = { ...(reply.headers ?? {}) };
      const body = reply.body ?? "";
      const location = headerValue(headers, "location");
      if (reply.status >= 300 && reply.status < 400 && location !== undefined && options.followRedirects) {
        if (hop >= MAX_REDIRECTS) {
          return { error: new PlatformError(`Too many redirects: ${first.url}`), delayMs };
        }
        const keepsMethod = reply.status === 307 || reply.status === 308;
        request = {
          method: keepsMethod ? request.method : "GET",
          url: new URL(location, request.url).href,
          headers: request.headers,
          body: keepsMethod ? request.body : "",
        };
        continue;
      }
      if (reply.status >= 400 && !options.muteHttpExceptions) {
        const truncated = body.length > TRUNCATED_RESPONSE_CHARS;
        const quoted = truncated ? `${body.slice(0, TRUNCATED_RESPONSE_CHARS)}...` : body;
        return {
          error: new PlatformError(
            `Request failed for ${originOf(request.url)} returned code ${reply.status}. ` +
              `Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`,
          ),
          delayMs,
        };
      }
      return { response: { status: reply.status, headers, body }, delayMs };
    }
  };

  const bindResponse = (data: ResponseData) => {
    const bytes = () => Buffer.from(data.body, "utf8");
    return bind.object("HTTPResponse", {
      getResponseCode: () => data.status,
      getContentText: (charset?: unknown) => decodeBody(bytes(), charset),
      getContent: () => realm.copyIn(toSignedBytes(bytes())),
      getHeaders: () => realm.copyIn(data.headers),
      getAllHeaders: () => realm.copyIn(data.headers),
      getBlob: () =>
        createBlob(env, {
          bytes: bytes(),
          contentType: headerValue(data.headers, "content-type") ?? null,
          name: null,
        }),
      getAs: (contentType: unknown) =>
        createBlob(env, { bytes: bytes(), contentType: String(contentType), name: null }),
    });
  };

  return bind.object(
    "UrlFetchApp",
    {
      fetch: (url: unknown, params?: unknown) => {
        const prepared = prepare(url, params, false);
        world.http.charge(execution.spec.identity, world.clock.now(), 1);
        const outcome = perform(prepared);
        execution.spend(outcome.delayMs);
        if (outcome.error) throw outcome.error;
        return bindResponse(outcome.response as ResponseData);
      },
      fetchAll: (requests: unknown) => {
        if (!Array.isArray(requests)) throw new PlatformError("Invalid argument: requests");
        const prepared = requests.map((item) =>
          isRecord(item) ? prepare(item.url, item, true) : prepare(item, undefined, true),
        );
        world.http.charge(execution.spec.identity, world.clock.now(), prepared.length);
        const outcomes = prepared.map(perform);
        // The requests run in parallel: the batch takes as long as its slowest member.
        execution.spend(Math.max(0, ...outcomes.map((outcome) => outcome.delayMs)));
        const failed = outcomes.find((outcome) => outcome.error);
        if (failed?.error) throw failed.error;
        return realm.arrayOf(outcomes.map((outcome) => bindResponse(outcome.response as ResponseData)));
      },
    },
    { capability: "urlfetch" },
  );
}

/**
 * HTTPResponse.getContentText(charset?). Without a charset the platform's choice is not
 * documented: the emulator decodes as ISO-8859-1, so UTF-8 text (emoji, non-Latin slugs)
 * comes out garbled unless the script names the charset, as it must.
 */
function decodeBody(bytes: Buffer, charset: unknown): string {
  if (charset === undefined) return bytes.toString("latin1");
  const name = String(charset).toLowerCase().replace(/_/g, "-");
  if (name === "utf-8" || name === "utf8") return bytes.toString("utf8");
  if (name === "iso-8859-1" || name === "latin1") return bytes.toString("latin1");
  if (name === "us-ascii") return bytes.toString("ascii");
  throw new PlatformError(`Invalid argument: charset ${String(charset)}`);
}
