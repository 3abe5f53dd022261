import { describe, expect, it } from "vitest";
import { renderForGoogleChat } from "../../src/report/google-chat-render.ts";
import {
  dueMonth,
  type MonthlyDigestCode,
  monthlyDigest,
  monthName,
} from "../../src/report/monthly-digest.ts";
import { renderForSlack } from "../../src/report/slack-render.ts";

const code = (
  slug: string,
  scans: number | null,
  more: Partial<MonthlyDigestCode> = {},
): MonthlyDigestCode => ({
  slug,
  group: "",
  scans,
  complete: scans !== null,
  previous: null,
  lastYear: null,
  ...more,
});

const base = {
  spreadsheetName: "Campaigns",
  spreadsheetUrl: "https://docs.google.com/spreadsheets/d/abc",
  month: "2026-11",
};
const slackText = (codes: MonthlyDigestCode[]) => renderForSlack(monthlyDigest({ ...base, codes })).text;

describe("months", () => {
  it("names a month", () => {
    expect(monthName("2026-11")).toBe("November 2026");
  });

  it("is due for the month before the spreadsheet's, once that month has ended in UTC too", () => {
    // Los Angeles, 1 December 00:30 local = 08:30 UTC: November has ended everywhere.
    expect(dueMonth("2026-12", "2026-12")).toBe("2026-11");
    // Tokyo, 1 December 00:30 local = 30 November 15:30 UTC: November's last UTC day is not over.
    expect(dueMonth("2026-12", "2026-11")).toBeNull();
    // Later in the month the same month stays due: the stored month says whether it went out.
    expect(dueMonth("2026-12", "2026-12")).toBe("2026-11");
    expect(dueMonth("2027-01", "2027-01")).toBe("2026-12");
  });
});

describe("monthlyDigest", () => {
  it("gives the month's total, its change against the month before and a year before, over the same codes", () => {
    const text = slackText([
      code("menu", 1_200, { previous: 1_000, lastYear: 600 }),
      code("flyer", 800, { previous: 1_000, lastYear: 400 }),
    ]);
    expect(text).toBe(
      [
        "*OpenQR monthly digest: November 2026* · <https://docs.google.com/spreadsheets/d/abc|Campaigns>",
        "*2,000 scans* in November 2026 (UTC days) · 2 codes · ±0% vs October 2026 · +100% vs November 2025",
        "Movers (vs October 2026): *flyer* −20% · *menu* +20%",
        "Top 2 codes in November 2026:",
        "1. *menu*: 1,200 · +20% vs October 2026 · +100% vs November 2025",
        "2. *flyer*: 800 · −20% vs October 2026 · +100% vs November 2025",
      ].join("\n"),
    );
  });

  it("leaves a partly held month out of the changes and says so; a change covers only codes with both months", () => {
    const text = slackText([
      code("menu", 300, { previous: 200 }),
      code("new-code", 90, { complete: false, previous: null }),
      code("gate", 10, { previous: null }),
    ]);
    expect(text.split("\n").slice(1, 3)).toEqual([
      "*400 scans* in November 2026 (UTC days) · 3 codes · +50% vs October 2026 (1 of 3 codes)",
      "_1 code's month is partly held in OpenQR Daily: counted as held, left out of the changes._",
    ]);
  });

  it("says when the archive holds no day of the month, rather than reporting 0", () => {
    expect(slackText([code("menu", null)]).split("\n")[1]).toBe(
      "OpenQR Daily holds no day of November 2026 (UTC days) for these codes, so there is nothing to report.",
    );
  });

  it("totals each group when groups are set, escaping the names for each chat", () => {
    const codes = [
      code("a", 500, { group: "<!channel> *Spring*", previous: 400 }),
      code("b", 100, { group: "<!channel> *Spring*", previous: 100 }),
      code("c", 50, { group: "<users/all>" }),
      code("d", 5),
    ];
    const slack = renderForSlack(monthlyDigest({ ...base, codes })).text.split("\n");
    expect(slack[2]).toBe(
      "Groups: *&lt;!channel&gt; *Spring** 600 (+20%) · *&lt;users/all&gt;* 50 · *(no group)* 5",
    );
    const chat = renderForGoogleChat(monthlyDigest({ ...base, codes })).text.split("\n");
    expect(chat[2]).not.toContain("<users/all>");
    expect(chat[2]).not.toContain("<!channel>");
  });

  it("has no group line when no code has a group", () => {
    expect(slackText([code("a", 5)])).not.toContain("Groups:");
  });
});
