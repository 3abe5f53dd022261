// The daily Slack digest: exact text, escaping of strings from outside, top 10 by the day's scans.
import { describe, expect, it } from "vitest";
import { type DigestCode, slackDigest, slackEscape } from "../../src/report/slack-digest.ts";
import { groupThousands } from "../../src/shared/numbers.ts";

const code = (slug: string, dayScans: number, extra: Partial<DigestCode> = {}): DigestCode => ({
  slug,
  dayScans,
  weekScans: dayScans * 7,
  lifetime: dayScans * 100,
  topCountry: "GB",
  topReferrer: "Direct",
  ...extra,
});

describe("slackDigest", () => {
  it("gives the fleet's day, week and lifetime, then the top codes", () => {
    const { text } = slackDigest({
      spreadsheetName: "Campaign <scans> & co",
      spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
      day: "2026-11-24",
      notRefreshed: 1,
      alerts: [],
      movers: [],
      codes: [code("quiet", 0), code("festival-gate", 1234, { topReferrer: "t.co" }), code("menu", 5)],
    });
    expect(text).toBe(
      [
        "*OpenQR daily digest* · <https://docs.google.com/spreadsheets/d/abc/edit|Campaign &lt;scans&gt; &amp; co>",
        "*1,239 scans* on 2026-11-24 (UTC) · 8,673 over the 7 days to 2026-11-24 · 123,900 lifetime · 3 codes",
        "Top 2 codes on 2026-11-24:",
        "1. *festival-gate*: 1,234 · 7 days 8,638 · lifetime 123,400 · top country GB · top referrer t.co",
        "2. *menu*: 5 · 7 days 35 · lifetime 500 · top country GB · top referrer Direct",
        "_1 code was not refreshed in this run; its numbers are from an earlier run._",
      ].join("\n"),
    );
  });

  it("escapes slugs and referrers so they cannot link or ping, and lists at most 10 codes", () => {
    const codes = Array.from({ length: 12 }, (_, i) => code(`c${i}`, i + 1));
    codes.push(code("<!channel> <https://evil.example|click>", 100, { topReferrer: "a&b<@U123>" }));
    const { text } = slackDigest({
      spreadsheetName: "x",
      spreadsheetUrl: "u",
      day: "2026-11-24",
      notRefreshed: 0,
      alerts: [],
      movers: [],
      codes,
    });
    const lines = text.split("\n");
    expect(lines[2]).toBe("Top 10 codes on 2026-11-24:");
    expect(lines[3]).toBe(
      "1. *&lt;!channel&gt; &lt;https://evil.example|click&gt;*: 100 · 7 days 700 · lifetime 10,000 · top country GB · top referrer a&amp;b&lt;@U123&gt;",
    );
    expect(lines).toHaveLength(13);
    expect(text).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
  });

  it("says so when nothing was scanned", () => {
    const { text } = slackDigest({
      spreadsheetName: "x",
      spreadsheetUrl: "u",
      day: "2026-11-24",
      notRefreshed: 0,
      alerts: [],
      movers: [],
      codes: [],
    });
    expect(text.split("\n").slice(1)).toEqual([
      "*0 scans* on 2026-11-24 (UTC) · 0 over the 7 days to 2026-11-24 · 0 lifetime · 0 codes",
      "No code was scanned on 2026-11-24.",
    ]);
  });
});

describe("slackEscape and groupThousands", () => {
  it("flattens line breaks and shortens long strings", () => {
    expect(slackEscape("a\nb\u0007c")).toBe("a b c");
    expect(slackEscape("x".repeat(200))).toBe(`${"x".repeat(79)}…`);
  });

  it("groups digits", () => {
    expect([0, 999, 1000, 1234567, -20000].map(groupThousands)).toEqual([
      "0",
      "999",
      "1,000",
      "1,234,567",
      "-20,000",
    ]);
  });
});

describe("the digest's Alerts and Movers lines", () => {
  it("names each spike and drop, and the three biggest week-over-week movers with 50+ scans the week before", () => {
    const { text } = slackDigest({
      spreadsheetName: "x",
      spreadsheetUrl: "u",
      day: "2026-11-24",
      notRefreshed: 0,
      codes: [code("festival-gate", 512)],
      alerts: [
        { slug: "festival-gate", trend: "spike", scans: 512, typical: 48 },
        { slug: "<menu>", trend: "drop", scans: 0, typical: 50 },
      ],
      movers: [
        { slug: "a", change: 0.35, previous: 400 },
        { slug: "b", change: -0.2, previous: 60 },
        { slug: "tiny", change: 9, previous: 3 },
        { slug: "c", change: 0.1, previous: 80 },
        { slug: "d", change: 0.05, previous: 900 },
      ],
    });
    expect(text.split("\n").slice(2, 5)).toEqual([
      ":chart_with_upwards_trend: Alert: *festival-gate* had a spike: 512 scans on 2026-11-24; a typical day is 48.",
      ":chart_with_downwards_trend: Alert: *&lt;menu&gt;* had a drop: 0 scans on 2026-11-24; a typical day is 50.",
      "Movers (week over week, full days): *a* +35% · *b* −20% · *c* +10%",
    ]);
  });
});
