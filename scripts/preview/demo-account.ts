/**
 * The preview's OpenQR account, in the fake API: the seeded dozen (a busy festival gate, a
 * brand-new newsletter code, a paused promo, menus and cards with a year and more of
 * history) plus a dormant code and one whose slug, label and referrers are hostile text.
 * Or, with --codes N, a synthetic fleet of N codes. Deterministic: a fixed seed, no network.
 */
import { createFakeOpenQR, type FakeOpenQR } from "../../harness/fake-openqr/index.ts";

const DAY_MS = 86_400_000;
export const DEMO_SEEDED_CODES = 12;
export const HOSTILE_SLUG = '=HYPERLINK("https://evil.example","win")';

/** Scanned for a few months over a year ago, then never again. */
function dormantHistory(now: number): Record<string, number> {
  const daily: Record<string, number> = {};
  for (let back = 400; back > 310; back--) {
    const day = new Date(Math.floor(now / DAY_MS - back) * DAY_MS).toISOString().slice(0, 10);
    daily[day] = 3 + ((back * 7) % 5);
  }
  return daily;
}

export function demoAccount(now: () => number, syntheticCodes: number | null): FakeOpenQR {
  if (syntheticCodes !== null) return createFakeOpenQR({ now, codeCount: syntheticCodes });
  const api = createFakeOpenQR({ now, codeCount: DEMO_SEEDED_CODES });
  const start = now();
  api.addCode({
    slug: "summer-2025-tickets",
    label: "Summer 2025 tickets (sold out)",
    destination: "https://tickets.example.com/summer-2025",
    created_at: new Date(start - 420 * DAY_MS).toISOString(),
    fixedDaily: dormantHistory(start),
  });
  api.addCode({
    slug: HOSTILE_SLUG,
    label: '<script>alert("label")</script> & +44 20 7946 0000',
    destination: "https://example.com/?q=<b>bold</b>&x=@here",
    created_at: new Date(start - 60 * DAY_MS).toISOString(),
    profile: {
      meanDaily: 9,
      referrerWeights: {
        "<!channel> spam.example": 40,
        Direct: 25,
        "<b>t.co</b>": 12,
        "=1+1": 10,
        "@here": 8,
        "+44 20 7946 0000": 6,
      },
    },
  });
  return api;
}
