/**
 * A route for the emulator's UrlFetchApp that sends requests for real, for `--live`.
 * UrlFetchApp is synchronous and Node's fetch is not: a worker thread makes each request
 * while this thread waits on a shared flag (Atomics.wait) and then takes the reply
 * synchronously from the message port.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { HttpReply, HttpRequest, Route } from "../../harness/http-types.ts";

/** Real requests give up after this long, like UrlFetchApp's own limit. */
const TIMEOUT_MS = 60_000;

const WORKER = `
const { workerData } = require("node:worker_threads");
const { port, flag, timeoutMs } = workerData;
port.on("message", async (request) => {
  let reply;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === "GET" || request.method === "HEAD" ? undefined : request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    reply = { status: response.status, headers, body: await response.text() };
  } catch {
    reply = { status: 0, drop: true };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export interface LiveRoute extends Route {
  close(): Promise<void>;
}

/** Serves `prefix` (what the add-on requests, e.g. https://openqr.uk/) from `base` for real. */
export function liveRoute(prefix: string, base: string): LiveRoute {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: port2, flag, timeoutMs: TIMEOUT_MS },
    transferList: [port2],
  });
  worker.unref();
  const handle = (request: HttpRequest): HttpReply => {
    Atomics.store(flag, 0, 0);
    port1.postMessage({ ...request, url: base + request.url.slice(prefix.length - 1) });
    Atomics.wait(flag, 0, 0, TIMEOUT_MS + 5_000);
    const received = receiveMessageOnPort(port1);
    return received ? (received.message as HttpReply) : { status: 0, drop: true };
  };
  return {
    prefix,
    handle,
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}
