/**
 * The shapes of OpenQR's responses, as published (docs/openqr-api.md) plus the variations
 * the API is known to produce: plan-clamped windows, omitted breakdowns, null tops, an
 * absent next_cursor, an absent error code. Anything else is an unexpected response.
 */
import * as v from "valibot";

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A real calendar day: "2026-13-45" has the shape, and Date would roll it into another day. */
const isoDay = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/),
  v.check((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }),
);
/** One bucket per day: a day sent twice has no one count to believe (nor to sum into a rollup). */
const dailySeries = v.pipe(
  v.array(v.object({ day: isoDay, n: count })),
  v.check((buckets) => {
    const seen: Record<string, true> = {};
    for (const { day } of buckets) {
      if (seen[day]) return false;
      seen[day] = true;
    }
    return true;
  }),
);

const breakdownEntry = v.object({ value: v.string(), n: count });
const breakdown = v.array(breakdownEntry);

export const scansResponseSchema = v.object({
  id: v.string(),
  slug: v.string(),
  short_url: v.string(),
  destination: v.string(),
  scans: v.object({
    total: count,
    last7: count,
    topCountry: v.nullish(v.string(), null),
    topDevice: v.nullish(v.string(), null),
  }),
  analytics: v.object({
    days_window: v.pipe(count, v.minValue(1), v.maxValue(365)),
    total: count,
    window_total: count,
    daily: dailySeries,
    by_country: breakdown,
    // Omitted (not empty) on plans without detailed analytics.
    by_device: v.optional(breakdown),
    by_referrer: v.optional(breakdown),
  }),
});

export const codeRowSchema = v.object({
  id: v.string(),
  slug: v.string(),
  short_url: v.string(),
  destination: v.string(),
  label: v.nullish(v.string(), null),
  status: v.string(),
  created_at: v.string(),
});

export const codeListSchema = v.object({
  codes: v.array(codeRowSchema),
  next_cursor: v.nullish(v.string(), null),
});

/** `/v1/me`: only its being an object matters; fields after `created_at` may be absent. */
export const accountSchema = v.looseObject({});

export const errorEnvelopeSchema = v.looseObject({
  error: v.optional(v.string()),
  code: v.optional(v.string()),
});

export type ScansResponse = v.InferOutput<typeof scansResponseSchema>;
export type CodeRow = v.InferOutput<typeof codeRowSchema>;
export type CodeList = v.InferOutput<typeof codeListSchema>;
export type BreakdownEntry = v.InferOutput<typeof breakdownEntry>;
export type ErrorEnvelope = v.InferOutput<typeof errorEnvelopeSchema>;

/** Parses JSON text against a schema; returns why it failed instead of throwing. */
export function parseJson<S extends v.GenericSchema>(
  schema: S,
  text: string,
): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  if (text.trim() === "") return { ok: false, problem: "empty body" };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: /^\s*</.test(text) ? "HTML instead of JSON" : "not valid JSON" };
  }
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return { ok: false, problem: path ? `bad field "${path}"` : "wrong shape" };
}
