/**
 * Serves the built sidebar on 127.0.0.1 with a stand-in for google.script.run: each call
 * is POSTed to this server, which answers it with a backend (the browser tests', or the
 * emulator's for `npm run store`). Results and errors
 * cross as JSON, as google.script.run carries plain data only.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSidebarHtml } from "./sidebar.ts";

/** Serves one google.script.run call: returns the result, or throws the message the page receives. */
export type Backend = (fn: string, args: unknown[]) => unknown;

export const RPC_PATH = "/__google_script_run";

/**
 * google.script.run.withSuccessHandler(f).withFailureHandler(g)[fn](...args): every
 * server function name is a property, as Apps Script generates them for the page.
 */
const SHIM = `<script>
(function () {
  function runner(onSuccess, onFailure) {
    var base = {
      withSuccessHandler: function (handler) { return runner(handler, onFailure); },
      withFailureHandler: function (handler) { return runner(onSuccess, handler); }
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (typeof name !== "string" || name in target) return target[name];
        return function () {
          var body = JSON.stringify({ fn: name, args: Array.prototype.slice.call(arguments) });
          fetch(${JSON.stringify(RPC_PATH)}, { method: "POST", headers: { "content-type": "application/json" }, body: body })
            .then(function (response) { return response.json(); })
            .then(function (reply) {
              if (reply.ok) { if (onSuccess) onSuccess(reply.value); }
              else if (onFailure) onFailure(new Error(reply.error));
            }, function () {
              if (onFailure) onFailure(new Error("NetworkError: Connection failure due to HTTP 0"));
            });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null) } };
})();
</script>`;

let sidebarHtml: Promise<string> | undefined;

/** The built page with the shim first in <head>, before the sidebar's own script, and `extraHead` last. */
async function pageHtml(extraHead: string): Promise<string> {
  sidebarHtml ??= buildSidebarHtml();
  const html = await sidebarHtml;
  const head = html.indexOf("<head>");
  const headEnd = html.indexOf("</head>");
  if (head < 0 || headEnd < 0) throw new Error("The sidebar page has no <head>");
  const at = head + "<head>".length;
  return `${html.slice(0, at)}\n${SHIM}${html.slice(at, headEnd)}${extraHead}${html.slice(headEnd)}`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function answer(backend: Backend, body: string): Promise<string> {
  try {
    const { fn, args } = JSON.parse(body) as { fn: string; args: unknown[] };
    const value = await backend(fn, args);
    return JSON.stringify({ ok: true, value });
  } catch (error) {
    return JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

export interface SidebarPage {
  url: string;
  close(): Promise<void>;
}

export async function startSidebarPage(backend: Backend, extraHead = ""): Promise<SidebarPage> {
  const html = await pageHtml(extraHead);
  const server = createServer((request, response) => {
    if (request.method === "GET" && (request.url === "/" || request.url === "/index.html")) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(html);
    } else if (request.method === "POST" && request.url === RPC_PATH) {
      void readBody(request)
        .then((body) => answer(backend, body))
        .then((reply) => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(reply);
        });
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("Not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
