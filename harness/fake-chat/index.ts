/**
 * A fake Google Chat incoming webhook for the emulator's UrlFetchApp and for tests
 * (docs/chat-webhooks.md): a known webhook URL (space, key and token) accepts a UTF-8 JSON
 * message of at most 32,000 bytes and answers 200 with the created message; everything else
 * gets Google's JSON error `{"error": {code, message, status}}`. Spaces can be deleted,
 * webhooks revoked or turned off, posts to a space limited to one a second, and faults queued.
 */
import type { HttpReply, HttpRequest, Route } from "../http-types.ts";
import {
  type Formatting,
  formattingOf,
  type GoogleError,
  googleError,
  isUtf8JsonContentType,
  judgePayload,
  parseJson,
  QUERY_PARAMETERS,
} from "./payload.ts";

export { type Formatting, formattingOf, MAX_MESSAGE_BYTES, STATUS_WORDS } from "./payload.ts";

export const FAKE_CHAT_PREFIX = "https://chat.googleapis.com/";
export const FAKE_CHAT_SPACE = "AAAAfakeSpace";
export const FAKE_CHAT_KEY = "AIzaSyFakeChatWebhookKey00000000000000";
/** Percent-encoded, as Google writes the `=` at the end of a token. */
export const FAKE_CHAT_TOKEN = "XXXXCHATSECRET-tok_en%3D";
export const FAKE_CHAT_WEBHOOK = `${FAKE_CHAT_PREFIX}v1/spaces/${FAKE_CHAT_SPACE}/messages?key=${FAKE_CHAT_KEY}&token=${FAKE_CHAT_TOKEN}`;
/** "About one message a second per space" (unverified): the fake refuses a second post sooner. */
export const MIN_POST_INTERVAL_MS = 1000;

export interface FakeChatOptions {
  /** Webhook URLs that exist (default: FAKE_CHAT_WEBHOOK). */
  webhooks?: string[];
  /** The clock for the rate limit and createTime (default: Date.now). */
  now?: () => number;
}

/** One request as received, whatever became of it. */
export interface ChatPost {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** A message the space received. */
export interface ChatMessage {
  space: string;
  text: string;
  threadKey: string | null;
  /** The links and mentions Chat's formatting makes of the text. */
  formatting: Formatting;
}

/** A queued misbehaviour, consumed by the next request: a reply of its own, a dropped connection, or the normal reply, late. */
export type ChatFault =
  | { status: number; message?: string; retryAfter?: number }
  | { drop: true }
  | { delayMs: number };

export interface FakeChat {
  /** Pass in the emulator's `routes`, next to the fake OpenQR route. */
  readonly route: Route;
  handle(request: HttpRequest): HttpReply;
  /** Every request received, faults and refusals included. */
  readonly posts: ChatPost[];
  /** The text of each accepted message. */
  readonly messages: string[];
  /** Each accepted message, with its space, thread and formatting. */
  readonly received: ChatMessage[];
  addWebhook(url: string): void;
  /** The webhook is deleted: its token is refused with 403 PERMISSION_DENIED. */
  revoke(url: string): void;
  /** The space is gone: posts to it get 404 NOT_FOUND. */
  deleteSpace(space: string): void;
  /** An admin turned incoming webhooks off: every post gets 403 PERMISSION_DENIED. */
  disableWebhooks(): void;
  inject(faults: ChatFault[]): void;
  clearFaults(): void;
  /** Forgets posts, messages and faults, and restores the webhooks the fake started with. */
  reset(): void;
}

interface Webhook {
  space: string;
  key: string;
  token: string;
}

const JSON_HEADERS = { "content-type": "application/json; charset=UTF-8" };

function errorReply(error: GoogleError, headers: Record<string, string> = {}): HttpReply {
  return { status: error.code, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error }) };
}

const refuse = (code: number, message: string) => errorReply(googleError(code, message));

/** A webhook URL's space, key and token; null when it is not one. */
function parseWebhook(url: string): (Webhook & { params: URLSearchParams }) | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const path = /^\/v1\/spaces\/([^/]+)\/messages$/.exec(parsed.pathname);
  if (parsed.origin !== "https://chat.googleapis.com" || path === null) return null;
  const params = parsed.searchParams;
  return { space: path[1]!, key: params.get("key") ?? "", token: params.get("token") ?? "", params };
}

export function createFakeChat(options: FakeChatOptions = {}): FakeChat {
  const initial = options.webhooks ?? [FAKE_CHAT_WEBHOOK];
  const now = options.now ?? Date.now;
  const known = (urls: string[]) =>
    urls.map(parseWebhook).filter((w): w is NonNullable<typeof w> => w !== null);
  let webhooks: Webhook[] = known(initial);
  let deletedSpaces = new Set<string>();
  let disabled = false;
  let revoked = new Set<string>();
  const lastPostAt = new Map<string, number>();
  const posts: ChatPost[] = [];
  const messages: string[] = [];
  const received: ChatMessage[] = [];
  const faults: ChatFault[] = [];

  const normal = (request: HttpRequest, json: unknown): HttpReply => {
    const target = parseWebhook(request.url);
    if (target === null) return refuse(404, "Requested entity was not found.");
    const unknownParameter = [...target.params.keys()].find(
      (name) => !(QUERY_PARAMETERS as readonly string[]).includes(name),
    );
    if (unknownParameter !== undefined) {
      return refuse(
        400,
        `Invalid JSON payload received. Unknown name "${unknownParameter}": Cannot bind query parameter.`,
      );
    }
    if (target.key === "") return refuse(403, "The request is missing a valid API key.");
    if (!webhooks.some((w) => w.key === target.key)) {
      return refuse(400, "API key not valid. Please pass a valid API key.");
    }
    if (request.method !== "POST")
      return refuse(401, "Request is missing required authentication credential.");
    if (deletedSpaces.has(target.space) || !webhooks.some((w) => w.space === target.space)) {
      return refuse(404, "Requested entity was not found.");
    }
    if (disabled) return refuse(403, "Incoming webhooks are turned off for this organization.");
    const live = (w: Webhook) => w.token !== "" && !revoked.has(`${w.space} ${w.token}`);
    if (!webhooks.some((w) => w.space === target.space && w.token === target.token && live(w))) {
      return refuse(403, "The caller does not have permission");
    }
    if (!isUtf8JsonContentType(request.headers["content-type"]) || json === undefined) {
      return refuse(400, "Invalid JSON payload received.");
    }
    const verdict = judgePayload(json);
    if (!verdict.ok) return errorReply(verdict.error);
    const at = now();
    const last = lastPostAt.get(target.space);
    if (last !== undefined && at - last < MIN_POST_INTERVAL_MS) {
      return refuse(429, "Resource has been exhausted (e.g. check quota).");
    }
    lastPostAt.set(target.space, at);
    const threadKey = target.params.get("threadKey");
    messages.push(verdict.text);
    received.push({
      space: target.space,
      text: verdict.text,
      threadKey,
      formatting: formattingOf(verdict.text),
    });
    const name = `spaces/${target.space}/messages/m${received.length}`;
    const created = {
      name,
      sender: { name: "users/114022495153014004089", displayName: "OpenQR", type: "BOT" },
      text: verdict.text,
      createTime: new Date(at).toISOString(),
      space: { name: `spaces/${target.space}`, type: "SPACE" },
      thread: { name: `spaces/${target.space}/threads/${threadKey ?? `t${received.length}`}` },
    };
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(created) };
  };

  const handle = (request: HttpRequest): HttpReply => {
    const json = parseJson(request.body);
    posts.push({ ...request, headers: { ...request.headers }, json });
    const fault = faults.shift();
    if (!fault) return normal(request, json);
    if ("drop" in fault) return { status: 0, drop: true };
    if ("delayMs" in fault) return { ...normal(request, json), delayMs: fault.delayMs };
    const extra: Record<string, string> = {};
    if (fault.retryAfter !== undefined) extra["retry-after"] = String(fault.retryAfter);
    return errorReply(googleError(fault.status, fault.message ?? `HTTP ${fault.status}`), extra);
  };

  return {
    route: { prefix: FAKE_CHAT_PREFIX, handle },
    handle,
    posts,
    messages,
    received,
    addWebhook(url) {
      const added = parseWebhook(url);
      if (added) revoked.delete(`${added.space} ${added.token}`);
      webhooks.push(...known([url]));
    },
    revoke(url) {
      const gone = parseWebhook(url);
      // The space keeps its other webhooks; this one's token no longer works.
      if (gone) revoked.add(`${gone.space} ${gone.token}`);
    },
    deleteSpace: (space) => void deletedSpaces.add(space),
    disableWebhooks() {
      disabled = true;
    },
    inject: (list) => void faults.push(...list),
    clearFaults: () => void faults.splice(0),
    reset() {
      // Emptied in place so references tests hold stay live.
      posts.length = 0;
      messages.length = 0;
      received.length = 0;
      faults.length = 0;
      lastPostAt.clear();
      webhooks = known(initial);
      deletedSpaces = new Set();
      revoked = new Set();
      disabled = false;
    },
  };
}
