/** Valid OpenQR responses, as the published guide shows them. */
import type { ScansResponse } from "../../src/openqr/schema.ts";

export function scansBody(
  id: string,
  slug: string,
  daily: Array<[string, number]>,
  extra: Partial<ScansResponse["analytics"]> = {},
): ScansResponse {
  const windowTotal = daily.reduce((sum, [, n]) => sum + n, 0);
  return {
    id,
    slug,
    short_url: `https://oqr.to/${slug}`,
    destination: `https://example.com/${slug}`,
    scans: {
      total: windowTotal + 100,
      last7: Math.min(windowTotal, 50),
      topCountry: "GB",
      topDevice: "mobile",
    },
    analytics: {
      days_window: daily.length,
      total: windowTotal + 100,
      window_total: windowTotal,
      daily: daily.map(([day, n]) => ({ day, n })),
      by_country: [
        { value: "GB", n: 10 },
        { value: "IE", n: 4 },
      ],
      by_device: [
        { value: "mobile", n: 12 },
        { value: "desktop", n: 2 },
      ],
      by_referrer: [{ value: "Direct", n: 14 }],
      ...extra,
    },
  };
}
