/**
 * The fake OpenQR API behind the latency model: every reply is delayed by the model's
 * round trip plus its per-KB cost (the emulator advances its virtual clock by the slowest
 * reply of a fetchAll), and replies are memoized per account, hour and request, so the
 * bench pays for building a 365-day body once, not once per run, and the add-on's CPU time
 * does not include the fake API's. The fake answers as of the hour's start: today's count
 * grows from one hourly run to the next, and a reply is the same whoever asks first.
 */

import { createFakeOpenQR, type FakeOpenQR } from "../harness/fake-openqr/index.ts";
import type { HttpReply, HttpRequest, Route } from "../harness/http-types.ts";
import { replyDelayMs } from "./model.ts";

const HOUR_MS = 3_600_000;
const memo = new Map<string, HttpReply>();

export interface TimedApi {
  api: FakeOpenQR;
  route: Route;
  /** The reply to a GET as the add-on would send it (memoized; not recorded as a request). */
  get(path: string, key: string): HttpReply;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A fake API of `codeCount` seeded codes whose replies carry the modelled delay. */
export function createTimedApi(codeCount: number, now: () => number): TimedApi {
  const hourStart = () => Math.floor(now() / HOUR_MS) * HOUR_MS;
  const api = createFakeOpenQR({ now: hourStart, codeCount });
  const handle = (request: HttpRequest): HttpReply => {
    const memoKey = [
      codeCount,
      hourStart(),
      request.method,
      request.headers.authorization ?? "",
      request.url,
    ].join("\n");
    let reply = memo.get(memoKey);
    if (!reply) {
      const fresh = api.handle(request);
      // The fake keeps every request it saw; the bench does not need them.
      api.requests.length = 0;
      reply = { ...fresh, delayMs: replyDelayMs(utf8Bytes(fresh.body ?? "")) };
      memo.set(memoKey, reply);
    }
    return { ...reply, headers: { ...reply.headers } };
  };
  return {
    api,
    route: { prefix: api.route.prefix, handle },
    get: (path, key) =>
      handle({
        method: "GET",
        url: `https://openqr.uk${path}`,
        headers: { authorization: `Bearer ${key}`, accept: "application/json" },
        body: "",
      }),
  };
}

/** Forgets every memoized reply (between bench runs in one process, e.g. tests). */
export function clearReplyMemo(): void {
  memo.clear();
}
