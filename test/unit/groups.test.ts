// OPENQR_ROLLUP by group: the groups argument and the table, exact cells and messages.
import { describe, expect, it } from "vitest";
import { idGrid } from "../../src/functions/arguments.ts";
import { groupRollupTable, NO_GROUP, parseGroups } from "../../src/functions/groups.ts";
import { scansBody } from "./fixtures.ts";

const utcDates = (days: readonly string[]) => days.map((day) => new Date(`${day}T00:00:00Z`));

describe("parseGroups", () => {
  const ids = idGrid([["a"], [""], ["b"], ["a"], ["c"]]);

  it("is null when groups is left out", () => {
    expect(parseGroups(undefined, ids)).toBeNull();
  });

  it("gives each id the group beside its first appearance, blank as (no group)", () => {
    expect(parseGroups([["North"], ["ignored"], [" South "], ["South"], [""]], ids)).toEqual({
      a: "North",
      b: "South",
      c: NO_GROUP,
    });
  });

  it("takes numbers as names, and a single cell beside a single id", () => {
    expect(parseGroups([[2026], [""], [true], [""], [""]], ids)).toEqual({
      a: "2026",
      b: "TRUE",
      c: NO_GROUP,
    });
    expect(parseGroups("North", idGrid("a"))).toEqual({ a: "North" });
  });

  it("refuses a range of another shape, naming both shapes", () => {
    expect(() => parseGroups([["North"], ["South"]], ids)).toThrow(
      "groups must be the same shape as id (5 rows by 1 column), each code's group beside its id; it is 2 rows by 1 column.",
    );
    expect(() =>
      parseGroups(
        [["North", "South"]],
        idGrid([
          ["a", "b"],
          ["c", "d"],
        ]),
      ),
    ).toThrow(
      "groups must be the same shape as id (2 rows by 2 columns), each code's group beside its id; it is 1 row by 2 columns.",
    );
  });

  it("refuses a date as a group name", () => {
    expect(() => parseGroups(new Date(0), idGrid("a"))).toThrow(
      "groups must hold group names as text; a date is not. Format the group column as plain text.",
    );
  });
});

describe("groupRollupTable", () => {
  const a = scansBody("a", "spring", [
    ["2026-11-24", 1],
    ["2026-11-25", 2],
  ]);
  const b = scansBody("b", "autumn", [
    ["2026-11-24", 10],
    ["2026-11-25", 20],
  ]);
  const c = scansBody("c", "winter", [["2026-11-25", 100]]);

  it("gives Day, then one column per group in first-seen order, the group's codes summed", () => {
    expect(groupRollupTable([a, b, c], ["=South", "North", "=South"], utcDates)).toEqual([
      ["Day", "=South", "North"],
      [new Date("2026-11-24T00:00:00Z"), 1, 10],
      [new Date("2026-11-25T00:00:00Z"), 102, 20],
    ]);
  });

  it("leaves a group's day blank in a range when one of its codes lacks it", () => {
    expect(groupRollupTable([a, b, c], ["x", "y", "x"], utcDates, ["2026-11-24", "2026-11-25"])).toEqual([
      ["Day", "x", "y"],
      [new Date("2026-11-24T00:00:00Z"), "", 10],
      [new Date("2026-11-25T00:00:00Z"), 102, 20],
    ]);
  });
});
