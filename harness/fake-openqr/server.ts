/** A real HTTP server on 127.0.0.1 around a synchronous handler, honouring delay and drop. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpHandler, HttpReply, HttpRequest } from "../http-types.ts";
import { errorReply } from "./replies.ts";
import type { RunningServer } from "./types.ts";

/** Longest real wait for a `slow` reply, so a forgotten fault cannot hang a test run. */
export const MAX_REAL_DELAY_MS = 30_000;

function headersOf(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on("data", (chunk: Buffer) => chunks.push(chunk));
    message.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    message.on("error", reject);
  });
}

function safeHandle(handle: HttpHandler, request: HttpRequest): HttpReply {
  try {
    return handle(request);
  } catch {
    return errorReply(500, "Internal server error", "server_error");
  }
}

export async function listenHttp(handle: HttpHandler, port = 0): Promise<RunningServer> {
  const pendingTimers = new Set<NodeJS.Timeout>();
  let origin = "";

  const serve = async (message: IncomingMessage, response: ServerResponse): Promise<void> => {
    const request: HttpRequest = {
      method: (message.method ?? "GET").toUpperCase(),
      url: origin + (message.url ?? "/"),
      headers: headersOf(message),
      body: await readBody(message),
    };
    const reply = safeHandle(handle, request);
    const finish = () => {
      if (reply.drop) {
        message.socket.destroy();
        return;
      }
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body ?? "");
    };
    const delay = Math.min(Math.max(reply.delayMs ?? 0, 0), MAX_REAL_DELAY_MS);
    if (delay === 0) {
      finish();
      return;
    }
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      finish();
    }, delay);
    pendingTimers.add(timer);
  };

  const server = createServer((message, response) => {
    serve(message, response).catch(() => message.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of pendingTimers) clearTimeout(timer);
        pendingTimers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and delayed connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
