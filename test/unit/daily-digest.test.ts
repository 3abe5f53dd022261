// The daily digest as Slack and Google Chat get it: exact text, escaping of strings from outside,
// top 10 by the day's scans, and each chat's size limit.
import { describe, expect, it } from "vitest";
import { formattingOf } from "../../harness/fake-chat/index.ts";
import { type ChatMessage, joinWithinLimit } from "../../src/report/chat-message.ts";
import { type DigestCode, type DigestInput, dailyDigest } from "../../src/report/daily-digest.ts";
import {
  GOOGLE_CHAT_TEXT_LIMIT_BYTES,
  googleChatText,
  renderForGoogleChat,
} from "../../src/report/google-chat-render.ts";
import { renderForSlack, SLACK_TEXT_LIMIT, slackEscape } from "../../src/report/slack-render.ts";
import { groupThousands, utf8Length } from "../../src/shared/numbers.ts";

const slackDigest = (input: DigestInput) => renderForSlack(dailyDigest(input));
const googleChatDigest = (input: DigestInput) => renderForGoogleChat(dailyDigest(input));

const code = (slug: string, dayScans: number, extra: Partial<DigestCode> = {}): DigestCode => ({
  slug,
  dayScans,
  weekScans: dayScans * 7,
  lifetime: dayScans * 100,
  topCountry: "GB",
  topReferrer: "Direct",
  ...extra,
});

describe("the digest in Slack", () => {
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

const HOSTILE_SLUG = "<users/all> <https://evil.example|click> *b* _i_ ~s~ `c` &lt;users/all&gt;";

describe("the digest in Google Chat", () => {
  it("says the same in Chat's syntax: bold, the file's link, emoji as characters", () => {
    const { text } = googleChatDigest({
      spreadsheetName: "Campaign <scans> & co",
      spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
      day: "2026-11-24",
      notRefreshed: 2,
      alerts: [{ slug: "festival-gate", trend: "spike", scans: 512, typical: 48 }],
      movers: [{ slug: "menu_card", change: -0.2, previous: 60 }],
      codes: [code("festival-gate", 1234, { topReferrer: "t.co" }), code("menu_card", 5)],
    });
    expect(text).toBe(
      [
        "*OpenQR daily digest* · <https://docs.google.com/spreadsheets/d/abc/edit|Campaign ‹scans› & co>",
        "*1,239 scans* on 2026-11-24 (UTC) · 8,673 over the 7 days to 2026-11-24 · 123,900 lifetime · 2 codes",
        "📈 Alert: *festival-gate* had a spike: 512 scans on 2026-11-24; a typical day is 48.",
        "Movers (week over week, full days): *menuˍcard* −20%",
        "Top 2 codes on 2026-11-24:",
        "1. *festival-gate*: 1,234 · 7 days 8,638 · lifetime 123,400 · top country GB · top referrer t.co",
        "2. *menuˍcard*: 5 · 7 days 35 · lifetime 500 · top country GB · top referrer Direct",
        "_2 codes were not refreshed in this run; their numbers are from an earlier run._",
      ].join("\n"),
    );
  });

  it("turns hostile slugs, referrers and names into plain text: no mention, no link, no formatting", () => {
    const { text } = googleChatDigest({
      spreadsheetName: "<users/all>",
      spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
      day: "2026-11-24",
      notRefreshed: 0,
      alerts: [{ slug: HOSTILE_SLUG, trend: "drop", scans: 0, typical: 50 }],
      movers: [],
      codes: [code(HOSTILE_SLUG, 100, { topReferrer: "<users/123456>", topCountry: "&#60;users/all&#62;" })],
    });
    expect(text.split("\n")[4]).toBe(
      "1. *‹users/all› ‹https://evil.example|click› ∗b∗ ˍiˍ ∼s∼ ˋcˋ ＆lt;users/all＆gt;*: 100 · 7 days 700 · " +
        "lifetime 10,000 · top country ＆#60;users/all＆#62; · top referrer ‹users/123456›",
    );
    // As Chat would read it, entities decoded: only the add-on's own link, nobody mentioned.
    expect(formattingOf(text)).toEqual({
      links: ["https://docs.google.com/spreadsheets/d/abc/edit"],
      mentions: [],
    });
    expect(text.match(/[<>]/g)).toEqual(["<", ">"]);
  });

  it("keeps ordinary text as it is, and neutralises only an & that would begin an entity", () => {
    expect(googleChatText("Sales & Marketing: 50% «off»")).toBe("Sales & Marketing: 50% «off»");
    expect(googleChatText("a&amp;b &#x3c; &#62;")).toBe("a＆amp;b ＆#x3c; ＆#62;");
  });

  it("shows a link the add-on cannot vouch for as its label only", () => {
    const { text } = googleChatDigest({
      spreadsheetName: "Report",
      spreadsheetUrl: "https://docs.google.com/x|<users/all>",
      day: "2026-11-24",
      notRefreshed: 0,
      alerts: [],
      movers: [],
      codes: [],
    });
    expect(text.split("\n")[0]).toBe("*OpenQR daily digest* · Report");
  });
});

describe("each chat's message limit", () => {
  const manyAlerts = (slug: string): DigestInput => ({
    spreadsheetName: "x",
    spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
    day: "2026-11-24",
    notRefreshed: 0,
    alerts: Array.from({ length: 2000 }, (_, i) => ({
      slug: `${slug}${i}`,
      trend: "spike",
      scans: 9,
      typical: 1,
    })),
    movers: [],
    codes: [],
  });

  it("keeps a Google Chat digest well under 32,000 bytes, whole lines only, saying how many were left out", () => {
    // Three-byte characters: the limit is in bytes, not characters.
    const { text } = googleChatDigest(manyAlerts("€".repeat(40)));
    const lines = text.split("\n");
    expect(utf8Length(text)).toBeLessThanOrEqual(GOOGLE_CHAT_TEXT_LIMIT_BYTES);
    expect(utf8Length(text)).toBeGreaterThan(GOOGLE_CHAT_TEXT_LIMIT_BYTES - 200);
    // 2 lines of totals, 2,000 alerts and "No code was scanned": 2,003 lines.
    const shown = lines.filter((line) => line.startsWith("📈 Alert:")).length;
    expect(lines.at(-1)).toBe(`(${2003 - 2 - shown} more lines left out: the message would be too long)`);
    expect(lines.at(-2)).toMatch(
      /^📈 Alert: \*€+\d+\* had a spike: 9 scans on 2026-11-24; a typical day is 1\.$/,
    );
  });

  it("keeps a Slack digest under 30,000 characters the same way", () => {
    const { text } = slackDigest(manyAlerts("x".repeat(40)));
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_LIMIT);
    expect(text.split("\n").at(-1)).toMatch(/^\(\d+ more lines left out: the message would be too long\)$/);
  });

  it("joins all lines that fit, and counts one line left out in the singular", () => {
    const size = (text: string) => text.length;
    expect(joinWithinLimit(["ab", "cd"], size, 5)).toBe("ab\ncd");
    expect(joinWithinLimit(["a".repeat(10), "b".repeat(60), "c"], size, 70)).toBe(
      `${"a".repeat(10)}\n(2 more lines left out: the message would be too long)`,
    );
    expect(joinWithinLimit(["a", "b".repeat(80)], size, 60)).toBe(
      "a\n(1 more line left out: the message would be too long)",
    );
  });

  it("renders every part the message model has, in both syntaxes", () => {
    const message: ChatMessage = {
      lines: [["plain <b> ", { italic: ["it"] }, " ", { icon: "falling" }, " ", { outside: "x\ny" }]],
    };
    expect(renderForSlack(message).text).toBe("plain &lt;b&gt; _it_ :chart_with_downwards_trend: x y");
    expect(renderForGoogleChat(message).text).toBe("plain ‹b› _it_ 📉 x y");
  });
});
