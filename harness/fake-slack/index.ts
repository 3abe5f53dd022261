/**
 * A fake Slack incoming webhook for the emulator's UrlFetchApp and for tests: known webhook URLs
 * accept JSON posts with text and answer 200 `ok`; everything else gets Slack's status and short
 * plain-text error word. Faults can be queued and webhooks revoked.
 */
import type { HttpReply, HttpRequest, Route } from "../http-types.ts";
import { isJsonContentType, judgePayload, parseJson } from "./payload.ts";

export { type SlackFormatting, slackFormattingOf } from "./formatting.ts";
export { MAX_BLOCKS, MAX_TEXT_CHARACTERS } from "./payload.ts";

export const FAKE_SLACK_PREFIX = "https://hooks.slack.com/services/";
export const FAKE_SLACK_WEBHOOK = `${FAKE_SLACK_PREFIX}T000/B000/XXXXSECRET`;

export interface FakeSlackOptions {
  /** Webhook URLs that exist (default: FAKE_SLACK_WEBHOOK). */
  webhooks?: string[];
}

/** One request as received, whatever became of it. */
export interface SlackPost {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * A queued misbehaviour, consumed by the next request (any URL): a reply of its own
 * (`retryAfter` adds a Retry-After header), a dropped connection, or the normal reply, late.
 */
export type SlackFault =
  | { status: number; body?: string; retryAfter?: number }
  | { drop: true }
  | { delayMs: number };

export interface FakeSlack {
  /** Pass in the emulator's `routes`, next to the fake OpenQR route. */
  readonly route: Route;
  handle(request: HttpRequest): HttpReply;
  /** Every request received, faults and refusals included. */
  readonly posts: SlackPost[];
  /** The text of each accepted post (for blocks without text, their texts joined by newlines). */
  readonly messages: string[];
  addWebhook(url: string): void;
  /** The webhook answers 404 `no_service` from now on (what Slack does once it is removed). */
  revoke(url: string): void;
  inject(faults: SlackFault[]): void;
  clearFaults(): void;
  /** Forgets posts, messages and faults, and restores the webhooks the fake started with. */
  reset(): void;
}

const TEXT_HEADERS = { "content-type": "text/plain; charset=utf-8" };

function textReply(status: number, body: string, headers: Record<string, string> = {}): HttpReply {
  return { status, headers: { ...TEXT_HEADERS, ...headers }, body };
}

export function createFakeSlack(options: FakeSlackOptions = {}): FakeSlack {
  const initial = options.webhooks ?? [FAKE_SLACK_WEBHOOK];
  let webhooks = new Set(initial);
  const posts: SlackPost[] = [];
  const messages: string[] = [];
  const faults: SlackFault[] = [];

  const normal = (request: HttpRequest, json: unknown): HttpReply => {
    if (!webhooks.has(request.url)) return textReply(404, "no_service");
    if (request.method !== "POST") return textReply(405, "invalid_method");
    if (!isJsonContentType(request.headers["content-type"]) || json === undefined) {
      return textReply(400, "invalid_payload");
    }
    const verdict = judgePayload(json);
    if (!verdict.ok) return textReply(400, verdict.error);
    messages.push(verdict.text);
    return textReply(200, "ok");
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
    return textReply(fault.status, fault.body ?? "", extra);
  };

  return {
    route: { prefix: FAKE_SLACK_PREFIX, handle },
    handle,
    posts,
    messages,
    addWebhook: (url) => void webhooks.add(url),
    revoke: (url) => void webhooks.delete(url),
    inject: (list) => void faults.push(...list),
    clearFaults: () => void faults.splice(0),
    reset() {
      // Emptied in place so references tests hold stay live.
      posts.length = 0;
      messages.length = 0;
      faults.length = 0;
      webhooks = new Set(initial);
    },
  };
}
