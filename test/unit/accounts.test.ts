// Several OpenQR accounts in one Summary, and the report sheets' layout migration, as pure data.
import { describe, expect, it } from "vitest";
import { accountLabel, uncoveredFate } from "../../src/report/accounts.ts";
import {
  CURRENT_LAYOUT,
  headerAt,
  layoutOfMark,
  planLayoutMigration,
} from "../../src/report/layout-migration.ts";
import type { WritableRow } from "../../src/report/sheet-cells.ts";
import { columnOf } from "../../src/report/summary-rows.ts";
import { STATUS_DELETED, STATUS_UNLISTED } from "../../src/report/summary-status.ts";
import { buildSummary, type SummaryInput } from "../../src/report/summary-table.ts";
import { scansBody } from "./fixtures.ts";

const RUN = new Date("2026-11-25T12:00:00Z");
const day = new Date("2026-11-25T00:00:00Z");
const OURS = "2024-01-02T03:04:05Z";
const THEIRS = "2023-07-08T09:10:11Z";
const at = (name: Parameters<typeof columnOf>[0]) => columnOf(name) - 1;

describe("accountLabel", () => {
  it.each([
    ["2024-01-02T03:04:05Z", "created 2024-01-02 03:04:05 UTC"],
    ["2024-01-02T03:04:05.000Z", "created 2024-01-02 03:04:05 UTC"],
    ["2024-01-02T03:04:05.120Z", "created 2024-01-02 03:04:05.120 UTC"],
    ["2024-01-02T03:04:05+00:00", "created 2024-01-02 03:04:05 UTC"],
    ["2024-01-02T05:04:05+02:00", "created 2024-01-02T05:04:05+02:00"],
    ["last spring", "created last spring"],
  ])("names the account created at %s: %s", (createdAt, label) => {
    expect(accountLabel(createdAt)).toBe(label);
  });
});

describe("uncoveredFate (a code this run did not cover)", () => {
  const ours = accountLabel(OURS);
  const theirs = accountLabel(THEIRS);
  it.each([
    ["another account's row", { account: theirs, deleted: false }, ours, true, "keep"],
    ["another account's row, chosen codes", { account: theirs, deleted: false }, ours, false, "keep"],
    ["this account's row, no longer listed", { account: ours, deleted: false }, ours, true, "deleted"],
    ["this account's row, no longer chosen", { account: ours, deleted: false }, ours, false, "drop"],
    ["a legacy row, not listed", { account: "", deleted: false }, ours, true, "unlisted"],
    ["a legacy row already deleted", { account: "", deleted: true }, ours, true, "keep"],
    ["any row when /v1/me did not say", { account: ours, deleted: false }, null, true, "keep"],
    ["a legacy row when /v1/me did not say", { account: "", deleted: false }, null, true, "keep"],
  ] as const)("%s: %s", (_, row, account, allCodes, fate) => {
    expect(uncoveredFate(row, account, allCodes)).toBe(fate);
  });
});

describe("buildSummary with two accounts", () => {
  const refreshed = (id: string, slug: string, n: number) => ({
    codeId: id,
    outcome: { kind: "refreshed" as const, response: scansBody(id, slug, [["2026-11-25", n]]) },
  });
  const seen: Array<string[]> = [];
  const input = (existing: WritableRow[], accountCreatedAt: string | null, codes: SummaryInput["codes"]) => ({
    existing,
    codes,
    allCodes: true,
    accountCreatedAt,
    runAt: RUN,
    dayDates: { "2026-11-25": day },
    series: {
      dates: [day],
      totalsOf: (ids: ReadonlySet<string>) => {
        seen.push([...ids].sort());
        return [ids.size];
      },
    },
    insights: {},
  });

  it("keeps the other account's rows exactly, and totals every current code of the sheet", () => {
    const first = buildSummary(input([], OURS, [refreshed("a1", "alpha", 3)])).table;
    const both = buildSummary(input(first, THEIRS, [refreshed("b1", "beta", 4)])).table;
    expect(both[1]).toEqual(first[1]);
    expect(both[2]![at("Account")]).toBe(`'${accountLabel(THEIRS)}`);
    const total = both.find((row) => row[0] === "'Total")!;
    expect(total[1]).toBe("'2 codes");
    expect(total[at("Lifetime")]).toBe(103 + 104);
    expect(total[at("Status")]).toBe("'2 ok, 0 failed; the weeks cover 0 of 2 codes");
    expect(seen.at(-1)).toEqual(["a1", "b1"]);

    // Our account deletes alpha: only our run may say so.
    const theirsAgain = buildSummary(input(both, THEIRS, [refreshed("b1", "beta", 4)])).table;
    expect(theirsAgain[1]).toEqual(first[1]);
    const oursAgain = buildSummary(input(theirsAgain, OURS, [])).table;
    expect(oursAgain[1]![at("Status")]).toBe(`'${STATUS_DELETED}`);
    expect(oursAgain[2]).toEqual(theirsAgain[2]);
    expect(oursAgain.find((row) => row[0] === "'Total")![1]).toBe("'1 code");
    expect(seen.at(-1)).toEqual(["b1"]);
  });

  it("adopts legacy rows it lists, and calls the others unlisted, never deleted", () => {
    const legacy = buildSummary(
      input([], null, [refreshed("a1", "alpha", 3), refreshed("b1", "beta", 4)]),
    ).table;
    expect(legacy[1]![at("Account")]).toBe("");
    const next = buildSummary(input(legacy, OURS, [refreshed("a1", "alpha", 3)])).table;
    expect(next[1]![at("Account")]).toBe(`'${accountLabel(OURS)}`);
    expect(next[2]![at("Status")]).toBe(`'${STATUS_UNLISTED}`);
    expect(next[2]![at("Account")]).toBe("");
    expect(seen.at(-1)).toEqual(["a1"]);
  });
});

describe("planLayoutMigration", () => {
  it("appends Account and Group to a layout-1 Summary, inserting them when the user has columns right of Status", () => {
    expect(CURRENT_LAYOUT).toBe(3);
    expect(headerAt("summary", 1).at(-1)).toBe("Status");
    expect(headerAt("summary", 2).at(-1)).toBe("Account");
    expect(headerAt("summary", 3).at(-1)).toBe("Group");
    const header = { column: 19, names: ["Account", "Group"] };
    expect(planLayoutMigration("summary", 1, { lastColumn: 20, maxColumns: 26 })).toEqual({
      insert: { after: 18, count: 2 },
      header,
    });
    expect(planLayoutMigration("summary", 1, { lastColumn: 18, maxColumns: 26 })).toEqual({
      insert: null,
      header,
    });
    // No room for the columns: the sheet grows.
    expect(planLayoutMigration("summary", 1, { lastColumn: 18, maxColumns: 18 })).toEqual({
      insert: { after: 18, count: 2 },
      header,
    });
    expect(planLayoutMigration("summary", 1, { lastColumn: 16, maxColumns: 16 })).toEqual({
      insert: { after: 16, count: 4 },
      header,
    });
  });

  it("appends Group to a layout-2 Summary, inserting it when the user has columns right of Account", () => {
    const header = { column: 20, names: ["Group"] };
    expect(planLayoutMigration("summary", 2, { lastColumn: 21, maxColumns: 26 })).toEqual({
      insert: { after: 19, count: 1 },
      header,
    });
    expect(planLayoutMigration("summary", 2, { lastColumn: 19, maxColumns: 26 })).toEqual({
      insert: null,
      header,
    });
    expect(planLayoutMigration("summary", 2, { lastColumn: 19, maxColumns: 19 })).toEqual({
      insert: { after: 19, count: 1 },
      header,
    });
  });

  it("changes no column of Daily and Breakdown, nor of a current sheet", () => {
    const none = { insert: null, header: null };
    const size = { lastColumn: 9, maxColumns: 26 };
    for (const layout of [1, 2]) {
      expect(planLayoutMigration("daily", layout, size)).toEqual(none);
      expect(planLayoutMigration("breakdown", layout, size)).toEqual(none);
    }
    expect(planLayoutMigration("summary", 3, { lastColumn: 30, maxColumns: 30 })).toEqual(none);
  });

  it.each([
    [null, 1],
    ["1", 1],
    ["2", 2],
    [" 3 ", 3],
    ["0", null],
    ["two", null],
    ["", null],
  ])("reads the mark %j as layout %j", (mark, layout) => {
    expect(layoutOfMark(mark)).toBe(layout);
  });
});
