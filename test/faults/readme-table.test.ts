// The "When things go wrong" tables are the fault suite's rows, word for word: all of them in
// docs/faults.md, the ten a user most likely meets in the README.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ALL_ROWS,
  DOC_PATH,
  faultsDoc,
  HEADER,
  README_FAULTS,
  readmeRows,
  readmeTableRows,
} from "./readme-table.ts";

const WRITE = "run npx tsx test/faults/readme-table.ts --write after changing a row";

describe("When things go wrong", () => {
  it(`${DOC_PATH} is generated from the suite: ${WRITE}`, () => {
    expect(readFileSync(DOC_PATH, "utf8")).toBe(faultsDoc());
  });

  it(`the README's ten rows are generated from the suite: ${WRITE}`, () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readmeRows(readme)).toEqual([HEADER, ...readmeTableRows()]);
    expect(readme).toContain(`(${DOC_PATH})`);
  });

  it("the README's ten are distinct rows of the suite", () => {
    expect(README_FAULTS).toHaveLength(10);
    expect(new Set(README_FAULTS).size).toBe(10);
    for (const fault of README_FAULTS) expect(ALL_ROWS.filter((row) => row.fault === fault)).toHaveLength(1);
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
