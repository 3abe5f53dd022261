// The README's "When things go wrong" table is the fault suite's rows, word for word.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_ROWS, HEADER, readmeRows, tableRows } from "./readme-table.ts";

describe("When things go wrong (README)", () => {
  const rows = readmeRows(readFileSync("README.md", "utf8"));

  it("is generated from the suite: run npx tsx test/faults/readme-table.ts --write after changing a row", () => {
    expect(rows).not.toBeNull();
    expect(rows).toEqual([HEADER, ...tableRows()]);
  });

  it("has at least 20 rows, each fault once, every cell filled", () => {
    expect(ALL_ROWS.length).toBeGreaterThanOrEqual(20);
    const faults = ALL_ROWS.map((row) => row.fault);
    expect(new Set(faults).size).toBe(faults.length);
    for (const row of ALL_ROWS) {
      for (const cell of [row.fault, row.userSees, row.data, row.whatToDo]) expect(cell.trim()).not.toBe("");
    }
  });
});
