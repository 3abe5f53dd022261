// What real Sheets does that an emulator must be told about (see docs/release-checks.md):
// text encoding, plain-text cells, a file where the add-on is not enabled yet, when formulas run
// again. dist/ in the emulator, which takes the stricter answer where the platform is unsettled.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADD_ON_MARK, readFailure } from "../../src/shared/add-on-failure.ts";
import type { ServerFunctions } from "../../src/shared/settings.ts";
import { BREAKDOWN, createRefreshWorld, DAILY, SUMMARY } from "./refresh-world.ts";
import { createTestWorld, EDITOR, OWNER } from "./world.ts";

const DAY_MS = 86_400_000;
/** The README as read: without bold marks and line breaks. */
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8")
  .replace(/\*\*/g, "")
  .replace(/\s+/g, " ");
const BUNDLE = readFileSync(new URL("../../dist/Code.js", import.meta.url), "utf8");

describe("text encoding: response bodies are read as UTF-8", () => {
  const SLUG = "café-東京-😀";
  const REFERRERS = { "微信 WeChat": 3, "👍 t.me/канал": 2 };

  it("keeps emoji and non-Latin slugs and referrers exactly, in formulas and in the report sheets", () => {
    // Without a charset the emulator decodes as ISO-8859-1 (the platform's default is not documented).
    const world = createRefreshWorld();
    const { id } = world.api.addCode({
      slug: SLUG,
      created_at: "2026-10-01T00:00:00Z",
      profile: { meanDaily: 60, referrerWeights: REFERRERS },
    });
    world.saveSettings({ codes: [id] });

    const codes = world.cells("OPENQR_CODES");
    expect(codes.find((row) => row[0] === id)?.[1]).toBe(SLUG);
    const referrers = world.cells("OPENQR_BREAKDOWN", id, "referrer", 30).slice(1);
    expect(referrers.map((row) => row[0]).sort()).toEqual(Object.keys(REFERRERS).sort());

    expect(world.refreshNow()).toMatchObject({ ok: true, refreshed: 1, failed: 0 });
    const slugs = new Set(
      world.gas.spreadsheet
        .sheetValues(DAILY)
        .slice(1)
        .map((row) => row[2]),
    );
    expect([...slugs]).toEqual([SLUG]);
    const breakdown = world.gas.spreadsheet.sheetValues(BREAKDOWN).filter((row) => row[2] === "referrer");
    expect(breakdown.map((row) => row[3]).sort()).toEqual(Object.keys(REFERRERS).sort());
    expect(world.gas.spreadsheet.sheetValues(SUMMARY)[1]!.slice(0, 2)).toEqual([id, SLUG]);
  });
});

describe("plain-text cells: a user formats the add-on's text columns as plain text (@)", () => {
  /** Text that typed input would turn into a number, a formula or a boolean. */
  const TRICKY_SLUG = "007";
  const FORMULA_SLUG = "=1+1";

  function formatAsPlainText(world: ReturnType<typeof createRefreshWorld>, sheet: string, columns: number[]) {
    const model = world.sheet(sheet);
    for (let row = 1; row <= model.maxRows; row++)
      for (const column of columns) model.write(row, column, { format: "@" });
  }

  // Unverified on the platform: whether an apostrophe written into an "@" cell is stored.
  it.each(["kept", "dropped"] as const)(
    "reads back exactly the text it wrote when an apostrophe in an @ cell is %s",
    (apostrophe) => {
      const world = createRefreshWorld({ codeCount: 3 });
      world.gas.spreadsheet.plainTextApostrophe = apostrophe;
      const tricky = world.api.addCode({ slug: TRICKY_SLUG, created_at: "2026-10-01T00:00:00Z" }).id;
      const formula = world.api.addCode({ slug: FORMULA_SLUG, created_at: "2026-10-01T00:00:00Z" }).id;
      world.saveSettings({ codes: "all" });
      expect(world.refreshNow()).toMatchObject({ ok: true, failed: 0 });

      // The user's formats: every text column of the three sheets, and a column of their own.
      formatAsPlainText(world, DAILY, [2, 3, 5]);
      formatAsPlainText(world, BREAKDOWN, [1, 2, 3, 4]);
      formatAsPlainText(world, SUMMARY, [1, 2, 3, 4, 10, 13, 14, 15, 18]);
      world.sheet(DAILY).write(2, 5, { value: "mine" });
      // A new day: new rows in every sheet, written into the plain-text cells.
      world.gas.clock.advance(DAY_MS);
      expect(world.refreshNow()).toMatchObject({ ok: true, failed: 0 });

      const slugOf = Object.fromEntries(world.api.codes.map((code) => [code.id, code.slug]));
      const daily = world.gas.spreadsheet.sheetValues(DAILY).slice(1);
      expect(daily.length).toBeGreaterThanOrEqual(5 * 8);
      for (const row of daily) expect(row[2], String(row[1])).toBe(slugOf[row[1] as string]);
      expect(daily.some((row) => row[1] === tricky && row[2] === "007")).toBe(true);
      expect(daily.some((row) => row[1] === formula && row[2] === "=1+1")).toBe(true);
      expect(
        world.gas.spreadsheet
          .sheetFormulas(DAILY)
          .flat()
          .filter((f) => f !== ""),
      ).toEqual([]);

      const text = (rows: unknown[][]) => rows.flat().filter((cell) => typeof cell === "string") as string[];
      const written = [
        ...text(world.gas.spreadsheet.sheetValues(BREAKDOWN)),
        ...text(world.gas.spreadsheet.sheetValues(SUMMARY)),
        ...text(daily),
      ];
      expect(written.filter((cell) => cell.startsWith("'"))).toEqual([]);
      const summary = world.gas.spreadsheet.sheetValues(SUMMARY);
      expect(summary.find((row) => row[0] === tricky)?.slice(0, 2)).toEqual([tricky, "007"]);
      expect(summary.find((row) => row[0] === formula)?.at(17)).toBe("ok");

      // The add-on's text cells carry its own format now; the user's column keeps theirs.
      const formats = world.gas.spreadsheet.sheetFormats(DAILY);
      expect(formats.at(-1)!.slice(1, 3)).toEqual(["General", "General"]);
      expect(world.sheet(DAILY).cell(2, 5)).toMatchObject({ value: "mine", format: "@" });
    },
  );
});

describe("custom functions in a spreadsheet where the add-on is not enabled yet", () => {
  it("show Unknown function until a menu item is opened there; the menu's first item is the first step, and Help and the README say so", () => {
    const world = createTestWorld();
    world.saveOwnerKey();
    world.gas.settings.enabledInFile = false;
    expect(world.formula("OPENQR_CODES")).toEqual({ ok: false, error: "Unknown function: 'OPENQR_CODES'." });

    world.gas.run("onOpen", [{ authMode: "NONE" }], { user: EDITOR, authMode: "NONE" });
    const first = world.gas.ui.menus[0]!.items.find((item) => item.fn)!;
    expect(first).toEqual({ caption: "Settings…", fn: "showSettings" });
    world.gas.runMenuItem(first.caption, { user: OWNER });
    expect(world.formula("OPENQR_CODES").ok).toBe(true);

    world.gas.runMenuItem("Help", { user: OWNER });
    const help = world.gas.ui.alerts.join("\n");
    const step = `open Extensions › OpenQR › ${first.caption} first`;
    expect(help).toContain(`In a new spreadsheet, ${step}`);
    expect(help).toContain('Until then a formula shows #NAME? ("Unknown function").');
    for (const said of [step, '#NAME?` ("Unknown function")'])
      expect(README.includes(said), `README: ${said}`).toBe(true);
  });
});

describe("when formulas run again", () => {
  it("Help and the README say that editing a formula or a cell it refers to re-runs it, and nothing promises a timed refresh", () => {
    const world = createTestWorld();
    world.call("showHelp");
    const help = world.gas.ui.alerts.join("\n");
    expect(help).toContain(
      "A formula runs again only when you edit it or change a cell it refers to: its numbers do not update by themselves.",
    );
    const rule = "again only when you edit it or change a cell it refers to";
    expect(README.includes(rule), `README: ${rule}`).toBe(true);
    const promises =
      /cached for (5|five) minutes|then recalculate|recalculate later|wait a minute, then recalculate/i;
    for (const [where, text] of [
      ["help", help],
      ["dist/Code.js", BUNDLE],
      ["README.md", README],
    ]) {
      expect(text.match(promises)?.[0] ?? null, where).toBeNull();
    }
  });
});

describe("the sidebar's calls: the add-on's failures carry its mark, the platform's do not", () => {
  /** A way to make each server function the sidebar calls fail in the add-on's own code (null: it cannot). */
  const failing: Record<keyof ServerFunctions, unknown[] | null> = {
    getSettings: null,
    clearApiKey: null,
    saveSettings: ["not settings"],
    estimateSchedule: ["not settings"],
    saveApiKey: ["not-a-key"],
    listCodeChoices: [],
    refreshNow: [],
    refreshFormulas: [],
    openRunLog: [],
  };

  it.each(Object.entries(failing).filter(([, args]) => args !== null))(
    "%s: the message ends with the invisible mark, which the sidebar removes",
    (fn, args) => {
      const world = createTestWorld();
      // No key saved: listing codes and refreshing fail as the add-on's own decisions.
      world.gas.setAuthorizationRequired(["refreshNow", "refreshFormulas", "openRunLog"].includes(fn));
      let message = "";
      try {
        world.gas.runFromSidebar(fn, args!, { user: OWNER });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message.endsWith(ADD_ON_MARK), message).toBe(true);
      const { text, fromAddOn } = readFailure(message);
      expect(fromAddOn).toBe(true);
      expect(text).not.toContain(ADD_ON_MARK);
      expect(text.length).toBeGreaterThan(10);
    },
  );

  it("a call from a browser signed in to two accounts fails before the add-on runs, without the mark", () => {
    const world = createTestWorld();
    world.gas.settings.browserAccounts = 2;
    world.gas.resetCalls();
    expect(() => world.gas.runFromSidebar("getSettings", [], { user: OWNER })).toThrow(
      "Authorization is required to perform that action.",
    );
    expect(world.gas.calls).toEqual({});
    try {
      world.gas.runFromSidebar("getSettings", [], { user: OWNER });
    } catch (error) {
      expect(readFailure((error as Error).message).fromAddOn).toBe(false);
    }
  });
});
