// Groups of codes: the Summary's Group column read back by code (groupsByCode), and the daily
// digest's lines per group, exact in Slack's and Google Chat's syntax.
import { describe, expect, it } from "vitest";
import { formattingOf } from "../../harness/fake-chat/index.ts";
import { slackFormattingOf } from "../../harness/fake-slack/index.ts";
import { groupsByCode, groupText } from "../../src/report/code-groups.ts";
import { type DigestCode, type DigestInput, dailyDigest } from "../../src/report/daily-digest.ts";
import { MAX_DIGEST_GROUPS } from "../../src/report/digest-groups.ts";
import { renderForGoogleChat } from "../../src/report/google-chat-render.ts";
import type { WritableCell, WritableRow } from "../../src/report/sheet-cells.ts";
import { renderForSlack } from "../../src/report/slack-render.ts";
import { cellIndex, SUMMARY_HEADER } from "../../src/report/summary-rows.ts";

const GROUP = cellIndex("Group");

/** A Summary row as read: the code id in A, the slug in B, the group in its column. */
function row(codeId: string, group: WritableCell): WritableRow {
  const cells: WritableRow = SUMMARY_HEADER.map(() => "");
  cells[0] = `'${codeId}`;
  cells[1] = `'slug-${codeId}`;
  cells[GROUP] = group;
  return cells;
}

describe("groupsByCode", () => {
  it("maps each code to its trimmed group, leaving out blank groups, the Total row and the chart's series", () => {
    const header = SUMMARY_HEADER.map((name) => `'${name}`);
    const table: WritableRow[] = [
      header,
      row("a1", "'  Festival "),
      row("b2", "'"),
      row("c3", ""),
      row("d4", "'   "),
      row("e5", 2024),
      row("f6", "'Menus"),
      // A code listed twice: its first row is the one the Summary keeps.
      row("a1", "'Other"),
      ["'Total", "'6 codes", ...Array(GROUP - 2).fill(""), "'not a group"],
      [],
      ["'Day", "'Fleet scans", ...Array(GROUP - 2).fill(""), "'not a group either"],
      [new Date(0), 5],
    ];
    expect([...groupsByCode(table)]).toEqual([
      ["a1", "Festival"],
      ["e5", "2024"],
      ["f6", "Menus"],
    ]);
    expect(groupsByCode([]).size).toBe(0);
    expect(groupsByCode([header]).size).toBe(0);
  });

  it("reads text and numbers as groups; dates, TRUE/FALSE and a formula's text are none", () => {
    expect(
      ["'Spring", " plain ", 7.5, new Date(0), true, "=R[0]C[-18]", "'=text", Number.NaN].map(groupText),
    ).toEqual(["Spring", "plain", "7.5", "", "", "", "=text", ""]);
  });
});

const code = (slug: string, dayScans: number, group?: string): DigestCode => ({
  slug,
  dayScans,
  weekScans: dayScans * 7,
  lifetime: dayScans * 100,
  topCountry: "GB",
  topReferrer: "Direct",
  ...(group === undefined ? {} : { group }),
});

const input = (codes: DigestCode[]): DigestInput => ({
  spreadsheetName: "Report",
  spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc/edit",
  day: "2026-11-24",
  notRefreshed: 0,
  alerts: [],
  movers: [],
  codes,
});

const HOSTILE_GROUP = "<!channel> *bold* <users/all>";

describe("the digest's lines per group", () => {
  const codes = [
    code("gate", 300, "Festival"),
    code("stage", 20, "Festival"),
    code("menu", 5, HOSTILE_GROUP),
    code("card", 1),
    code("poster", 0, ""),
  ];

  it("in Slack: each group's day, 7 days and codes, busiest first, the codes with none last; names escaped", () => {
    const { text } = renderForSlack(dailyDigest(input(codes)));
    expect(text.split("\n").slice(1, 6)).toEqual([
      "*326 scans* on 2026-11-24 (UTC) · 2,282 over the 7 days to 2026-11-24 · 32,600 lifetime · 5 codes",
      "By group on 2026-11-24:",
      "• *Festival*: 320 · 7 days 2,240 · 2 codes",
      "• *&lt;!channel&gt; *bold* &lt;users/all&gt;*: 5 · 7 days 35 · 1 code",
      "• (no group): 1 · 7 days 7 · 2 codes",
    ]);
    expect(text.split("\n")[6]).toBe("Top 4 codes on 2026-11-24:");
    expect(slackFormattingOf(text)).toEqual({
      links: ["https://docs.google.com/spreadsheets/d/abc/edit"],
      mentions: [],
    });
  });

  it("in Google Chat: the same lines, the name neutralised", () => {
    const { text } = renderForGoogleChat(dailyDigest(input(codes)));
    expect(text.split("\n").slice(2, 6)).toEqual([
      "By group on 2026-11-24:",
      "• *Festival*: 320 · 7 days 2,240 · 2 codes",
      "• *‹!channel› ∗bold∗ ‹users/all›*: 5 · 7 days 35 · 1 code",
      "• (no group): 1 · 7 days 7 · 2 codes",
    ]);
    expect(formattingOf(text)).toEqual({
      links: ["https://docs.google.com/spreadsheets/d/abc/edit"],
      mentions: [],
    });
  });

  it("has no (no group) line when every code has a group, and ties go to the busier week, then the name", () => {
    const { text } = renderForSlack(
      dailyDigest(
        input([code("a", 4, "Zoo"), { ...code("b", 4, "Bar"), weekScans: 10 }, code("c", 4, "Aardvark")]),
      ),
    );
    expect(text.split("\n").slice(2, 6)).toEqual([
      "By group on 2026-11-24:",
      "• *Aardvark*: 4 · 7 days 28 · 1 code",
      "• *Zoo*: 4 · 7 days 28 · 1 code",
      "• *Bar*: 4 · 7 days 10 · 1 code",
    ]);
  });

  it(`lists the ${MAX_DIGEST_GROUPS} busiest groups and counts the rest`, () => {
    const many = Array.from({ length: MAX_DIGEST_GROUPS + 2 }, (_, i) => code(`c${i}`, 100 - i, `G${i}`));
    const lines = renderForSlack(dailyDigest(input([...many, code("loose", 1)]))).text.split("\n");
    const start = lines.indexOf("By group on 2026-11-24:");
    expect(lines.slice(start + 1, start + 2)).toEqual(["• *G0*: 100 · 7 days 700 · 1 code"]);
    expect(lines.slice(start + MAX_DIGEST_GROUPS, start + MAX_DIGEST_GROUPS + 3)).toEqual([
      "• *G9*: 91 · 7 days 637 · 1 code",
      "• 2 more groups, not listed",
      "• (no group): 1 · 7 days 7 · 1 code",
    ]);
  });

  it("is left out when no code has a group: the digest is as it was before groups", () => {
    const plain = [code("gate", 300), code("menu", 5)];
    const blank = [code("gate", 300, ""), code("menu", 5, "")];
    const before = renderForSlack(dailyDigest(input(plain))).text;
    expect(renderForSlack(dailyDigest(input(blank))).text).toBe(before);
    expect(before).not.toContain("group");
    expect(before.split("\n")[2]).toBe("Top 2 codes on 2026-11-24:");
  });
});
