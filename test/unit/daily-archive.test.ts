// The Daily archive's pure merge: upserts by (day, code), keeps everything else, sorted by day then slug.
import { describe, expect, it } from "vitest";
import { planBlockWrite } from "../../src/report/block-write.ts";
import { fleetTotals, mergeDaily } from "../../src/report/daily-archive.ts";
import type { WritableRow } from "../../src/report/sheet-cells.ts";

const date = (day: string) => new Date(`${day}T08:00:00Z`); // midnight in Los Angeles (PST)
const datesFor = (...days: string[]) => Object.fromEntries(days.map((day) => [day, date(day)]));
const header: WritableRow = ["'Day", "'Code ID", "'Slug", "'Scans"];
const row = (day: string, id: string, slug: string, n: number | string): WritableRow => [
  date(day),
  `'${id}`,
  `'${slug}`,
  n,
];

describe("mergeDaily", () => {
  it("writes a new sheet: header, then rows by day then slug, text kept literal", () => {
    const archive = mergeDaily(
      [],
      [
        {
          codeId: "b2",
          slug: "zeta",
          daily: [
            { day: "2026-11-24", n: 3 },
            { day: "2026-11-25", n: 1 },
          ],
        },
        {
          codeId: "007",
          slug: '=HYPERLINK("x")',
          daily: [
            { day: "2026-11-24", n: 5 },
            { day: "2026-11-25", n: 0 },
          ],
        },
      ],
      datesFor("2026-11-24", "2026-11-25"),
    );
    expect(archive.table).toEqual([
      header,
      row("2026-11-24", "007", '=HYPERLINK("x")', 5),
      row("2026-11-24", "b2", "zeta", 3),
      row("2026-11-25", "007", '=HYPERLINK("x")', 0),
      row("2026-11-25", "b2", "zeta", 1),
    ]);
  });

  it("updates existing (day, code) rows, adds new days, keeps older days and other codes' rows", () => {
    const existing = [
      header,
      row("2026-11-20", "a1", "alpha", 7),
      row("2026-11-24", "a1", "alpha", 2),
      row("2026-11-24", "gone", "deleted-code", 9),
    ];
    const archive = mergeDaily(
      existing,
      [
        {
          codeId: "a1",
          slug: "alpha",
          daily: [
            { day: "2026-11-24", n: 4 },
            { day: "2026-11-25", n: 6 },
          ],
        },
      ],
      datesFor("2026-11-24", "2026-11-25"),
    );
    expect(archive.table).toEqual([
      header,
      row("2026-11-20", "a1", "alpha", 7),
      row("2026-11-24", "a1", "alpha", 4),
      row("2026-11-24", "gone", "deleted-code", 9),
      row("2026-11-25", "a1", "alpha", 6),
    ]);
    // Only the changed row and the new one are written: from row 2 of the table to the end.
    const block = planBlockWrite(existing, archive.table, archive.width);
    expect(block?.start).toBe(2);
    expect(block?.rows).toHaveLength(3);
  });

  it("restores order after a user's sort and drops duplicate and blank rows, carrying the user's own columns", () => {
    // A user's formula comes as R1C1 (=D4*2 in row 4 reads =R[0]C[-1]*2): the same text reads
    // its own row wherever the row lands, where the A1 text would keep reading row 4.
    const existing: WritableRow[] = [
      [...header, "'Note", "'Double"],
      [...row("2026-11-25", "a1", "alpha", 6), "'launch day", "=R[0]C[-2]*2"],
      ["", "", "", "", "", ""],
      [...row("2026-11-24", "a1", "alpha", 4), "=R2C4+R[0]C[-1]", "=R[0]C[-2]*2"],
      [...row("2026-11-24", "a1", "alpha", 4), "'copy", ""],
    ];
    const archive = mergeDaily(existing, [], {});
    expect(archive.table).toEqual([
      [...header, "'Note", "'Double"],
      [...row("2026-11-24", "a1", "alpha", 4), "=R2C4+R[0]C[-1]", "=R[0]C[-2]*2"],
      [...row("2026-11-25", "a1", "alpha", 6), "'launch day", "=R[0]C[-2]*2"],
    ]);
    // The table shrank by two rows: the block blanks them. The Double column is the same
    // formula in every row as R1C1, so only the rows that changed are in the block.
    const block = planBlockWrite(existing, archive.table, archive.width);
    expect(block?.start).toBe(1);
    expect(block?.column).toBe(0);
    expect(block?.rows).toEqual([
      [...row("2026-11-24", "a1", "alpha", 4), "=R2C4+R[0]C[-1]", "=R[0]C[-2]*2"],
      [...row("2026-11-25", "a1", "alpha", 6), "'launch day", "=R[0]C[-2]*2"],
      ["", "", "", "", "", ""],
      ["", "", "", "", "", ""],
    ]);
  });

  it("keeps a row it cannot read (a typed note) and a typed value outside the window", () => {
    const existing: WritableRow[] = [
      header,
      ["'my notes", "", "", ""],
      row("2026-10-01", "a1", "alpha", "'lots"),
    ];
    const archive = mergeDaily(existing, [], {});
    expect(archive.table).toEqual(existing);
    expect(planBlockWrite(existing, archive.table, archive.width)).toBeNull();
  });

  it("sums the fleet per day over the codes in scope, a day it has no row for unknown (null), not 0", () => {
    const archive = mergeDaily(
      [header, row("2026-11-24", "gone", "deleted", 100)],
      [
        {
          codeId: "a",
          slug: "a",
          daily: [
            { day: "2026-11-24", n: 1 },
            { day: "2026-11-25", n: 2 },
          ],
        },
        {
          codeId: "b",
          slug: "b",
          daily: [
            { day: "2026-11-24", n: 10 },
            { day: "2026-11-25", n: 20 },
          ],
        },
      ],
      datesFor("2026-11-24", "2026-11-25"),
    );
    expect(
      fleetTotals(archive.entries, ["2026-11-23", "2026-11-24", "2026-11-25"], new Set(["a", "b"])),
    ).toEqual([null, 11, 22]);
  });
});

describe("a big archive", () => {
  it("merges 200,000 rows without running out of stack, and writes only the changed cells", () => {
    const existing: WritableRow[] = [header];
    for (let i = 0; i < 200_000; i++)
      existing.push([
        new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 100) * 86_400_000 + 8 * 3_600_000),
        `'c${i % 100}`,
        `'s${i % 100}`,
        i % 7,
      ]);
    const archive = mergeDaily(existing, [], {});
    expect(archive.table).toHaveLength(200_001);
    // Merging its own output changes nothing; one new count is one cell to write.
    expect(planBlockWrite(archive.table, mergeDaily(archive.table, [], {}).table, archive.width)).toBeNull();
    const changed = archive.table.slice();
    changed[150_000] = [...changed[150_000]!.slice(0, 3), 999];
    expect(planBlockWrite(archive.table, changed, archive.width)).toEqual({
      start: 150_000,
      column: 3,
      rows: [[999]],
    });
  });
});
