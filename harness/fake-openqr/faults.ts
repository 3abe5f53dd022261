/** Fault injection: per-target queues of misbehaviours, each consumed by one matching request. */
import { STATUS_CODES } from "node:http";
import type { HttpReply } from "../http-types.ts";
import { defaultErrorFor, errorReply, JSON_CONTENT_TYPE } from "./replies.ts";
import type { ErrorFault, Fault } from "./types.ts";

export const ANY_REQUEST = "*";

export class FaultQueues {
  private readonly queues = new Map<string, Fault[]>();

  inject(target: string, faults: Fault[]): void {
    const queue = this.queues.get(target) ?? [];
    queue.push(...faults);
    this.queues.set(target, queue);
  }

  clear(): void {
    this.queues.clear();
  }

  /** The next fault for a request: its own target's queue first, then the any-request queue. */
  take(target: string | undefined): Fault | undefined {
    for (const key of target === undefined ? [ANY_REQUEST] : [target, ANY_REQUEST]) {
      const fault = this.queues.get(key)?.shift();
      if (fault) return fault;
    }
    return undefined;
  }
}

function isErrorFault(fault: Fault): fault is ErrorFault {
  return !("kind" in fault);
}

function gatewayPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`
  );
}

/** Keeps most of a real body but breaks the fields clients rely on (arrays, numbers). */
export function malformedValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return { data: value };
  const body = structuredClone(value) as Record<string, unknown>;
  if ("analytics" in body) {
    const analytics = body.analytics as Record<string, unknown>;
    const daily = analytics.daily as Array<{ day: string; n: number }>;
    analytics.daily = Object.fromEntries(daily.map(({ day, n }) => [day, n]));
    analytics.total = String(analytics.total);
    (body.scans as Record<string, unknown>).total = String(analytics.total);
  } else if ("codes" in body) {
    const codes = body.codes as Array<{ id: string }>;
    body.codes = Object.fromEntries(codes.map((row) => [row.id, row]));
    body.next_cursor = 0;
  } else if ("limits" in body) {
    body.limits = "unlimited";
    body.plan = 1;
  } else if ("slug" in body) {
    body.slug = 42;
    body.status = true;
  } else {
    return { data: body };
  }
  return body;
}

/** The reply a fault produces; `normal` computes the undisturbed reply when the fault needs it. */
export function applyFault(fault: Fault, normal: () => HttpReply, omitErrorCode: boolean): HttpReply {
  if (isErrorFault(fault)) {
    if (fault.status === 200) return normal();
    const fallback = defaultErrorFor(fault.status);
    return errorReply(fault.status, fault.message ?? fallback.message, fault.code ?? fallback.code, {
      omitCode: fault.omitCode || omitErrorCode,
      retryAfter: fault.retryAfter,
    });
  }
  switch (fault.kind) {
    case "html": {
      const status = fault.status ?? 502;
      return { status, headers: { "content-type": "text/html" }, body: gatewayPage(status) };
    }
    case "malformed": {
      const reply = normal();
      const value: unknown = JSON.parse(reply.body ?? "null");
      return {
        status: fault.status ?? 200,
        headers: { "content-type": JSON_CONTENT_TYPE },
        body: JSON.stringify(malformedValue(value)),
      };
    }
    case "truncated": {
      // A proper prefix of a JSON object is never valid JSON.
      const body = normal().body ?? "{}";
      return {
        status: 200,
        headers: { "content-type": JSON_CONTENT_TYPE },
        body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
      };
    }
    case "empty":
      return { status: fault.status ?? 200, headers: { "content-type": JSON_CONTENT_TYPE }, body: "" };
    case "drop":
      return { status: 0, drop: true };
    case "slow":
      return { ...normal(), delayMs: fault.ms };
  }
}
