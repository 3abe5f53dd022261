/** An in-memory Transport: answers from a script per URL and records requests, waits and time. */
import type { HttpGet, HttpResponse, Transport } from "../../src/openqr/transport.ts";

export type Scripted = HttpResponse | null | ((request: HttpGet) => HttpResponse | null);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export class ScriptedTransport implements Transport {
  readonly requests: HttpGet[] = [];
  readonly batches: number[] = [];
  readonly sleeps: number[] = [];
  clock = 0;

  /** Replies are consumed in order per URL substring; the last one repeats. */
  constructor(private readonly replies: Array<[match: string, replies: Scripted[]]>) {}

  getAll(requests: HttpGet[]): Array<HttpResponse | null> {
    this.batches.push(requests.length);
    return requests.map((request) => {
      this.requests.push(request);
      const entry = this.replies.find(([match]) => request.url.includes(match));
      if (!entry) throw new Error(`no scripted reply for ${request.url}`);
      const queue = entry[1];
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      return typeof next === "function" ? next(request) : next;
    });
  }

  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.clock += ms;
  }

  now(): number {
    return this.clock;
  }
}
