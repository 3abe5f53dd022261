// Shortening text without splitting an emoji, and telling when a user moved the report sheets' columns.
import { describe, expect, it } from "vitest";
import { parseDays } from "../../src/functions/arguments.ts";
import { flattenOutside } from "../../src/report/chat-message.ts";
import { googleChatText } from "../../src/report/google-chat-render.ts";
import { columnsMovedMessage, dailyRowsShifted, headerMoved } from "../../src/report/own-columns.ts";
import { completedRun } from "../../src/report/run-report.ts";
import { literal, MAX_CELL_CHARS } from "../../src/report/sheet-cells.ts";
import { slackEscape } from "../../src/report/slack-render.ts";
import { clipText, safeSlice } from "../../src/shared/clip.ts";

const EMOJI = "😀";
const lone = (text: string) =>
  text.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g) ?? [];

describe("clipText and safeSlice", () => {
  it("keep text that fits as it is", () => {
    expect(clipText("abc", 3)).toBe("abc");
    expect(safeSlice("abc", 5)).toBe("abc");
    expect(safeSlice("abc", 0)).toBe("");
  });

  it("cut before an emoji rather than through it", () => {
    // a😀b: the cut after 2 code units would keep half of the emoji.
    expect(safeSlice(`a${EMOJI}b`, 2)).toBe("a");
    expect(safeSlice(`a${EMOJI}b`, 3)).toBe(`a${EMOJI}`);
    expect(clipText(EMOJI.repeat(10), 6)).toBe(`${EMOJI.repeat(2)}…`);
    expect(clipText(`a${EMOJI.repeat(10)}`, 6)).toBe(`a${EMOJI.repeat(2)}…`);
  });

  it("leave no half emoji wherever the add-on shortens text", () => {
    for (const text of [EMOJI.repeat(30_000), `a${EMOJI.repeat(30_000)}`]) {
      const cell = literal(text) as string;
      expect(lone(cell)).toEqual([]);
      expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS - 1);
      expect(lone(slackEscape(text))).toEqual([]);
      expect(lone(googleChatText(flattenOutside(text)))).toEqual([]);
      const report = completedRun(
        { finishedAt: 0, trigger: "manual", durationMs: 0 },
        {
          refreshed: 0,
          failures: [{ codeId: text, slug: text, reason: text }],
          skippedForTime: 0,
          notes: [],
        },
        { status: "not-due", why: "" },
      );
      expect(lone(JSON.stringify(report))).toEqual([]);
      expect(() => parseDays(text)).toThrow(/^days must be/);
      try {
        parseDays(text);
      } catch (error) {
        expect(lone((error as Error).message)).toEqual([]);
      }
    }
  });
});

describe("text from outside in a chat message", () => {
  it("drops bidi overrides, embeddings and isolates, so the rest of the line reads as written", () => {
    expect(slackEscape("\u202egnp.exe")).toBe("gnp.exe");
    expect(slackEscape("a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069")).toBe("abcdefgh");
    expect(flattenOutside("\u202egnp.exe")).toBe("gnp.exe");
  });
});

describe("headerMoved and dailyRowsShifted", () => {
  const HEADER = ["Day", "Code ID", "Slug", "Scans"];
  const cells = (names: string[]) => names.map((name) => (name === "" ? "" : `'${name}`));

  it("accept the header as written, renamed, or with the user's columns after it", () => {
    expect(headerMoved(undefined, HEADER)).toBe(false);
    expect(headerMoved(cells(HEADER), HEADER)).toBe(false);
    expect(headerMoved(cells(["Date", "Code", "Slug", "Scans (all)"]), HEADER)).toBe(false);
    expect(headerMoved(cells([...HEADER, "Note", "Day"]), HEADER)).toBe(false);
  });

  it("see a column inserted before or among them, and one of them deleted", () => {
    expect(headerMoved(cells(["", ...HEADER]), HEADER)).toBe(true);
    expect(headerMoved(cells(["Mine", ...HEADER]), HEADER)).toBe(true);
    expect(headerMoved(cells(["Day", "Mine", "Code ID", "Slug", "Scans"]), HEADER)).toBe(true);
    expect(headerMoved(cells(["Day", "Code ID", "Scans"]), HEADER)).toBe(true);
  });

  it("see Daily's rows moved right even when every header was renamed", () => {
    const day = new Date(Date.UTC(2026, 10, 24));
    expect(dailyRowsShifted([])).toBe(false);
    expect(dailyRowsShifted([cells(HEADER), [day, "'abc", "'slug", 3]])).toBe(false);
    // One row typed over by the user does not count as moved columns.
    expect(dailyRowsShifted([cells(HEADER), ["'oops", "", "", ""], [day, 1234, "'slug", 3]])).toBe(false);
    expect(dailyRowsShifted([cells(["", "When"]), ["", day, "'abc", "'slug", 3]])).toBe(true);
  });

  it("name the sheet by its name now and the columns to keep clear", () => {
    expect(columnsMovedMessage("Scans archive", HEADER)).toBe(
      `Columns were inserted or moved among the add-on's columns of "Scans archive" (A to D: Day to Scans), so nothing was changed: move your own columns to the right of column D, then refresh again.`,
    );
  });
});
