/**
 * The README's "When things go wrong" table, generated from the fault suite's rows (each row
 * quotes the texts its test asserts). `npx tsx test/faults/readme-table.ts --write` puts it
 * into the README; test/faults/readme-table.test.ts fails when the two differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DATA_AND_EDIT_ROWS } from "./data-rows.ts";
import { FAULT_ROWS, type FaultRow } from "./table.ts";

export const START =
  "<!-- fault-table:start (generated from test/faults: npx tsx test/faults/readme-table.ts --write) -->";
export const END = "<!-- fault-table:end -->";
export const HEADER = ["When this happens", "You see", "Your data", "What to do"];

export const ALL_ROWS: FaultRow[] = [...FAULT_ROWS, ...DATA_AND_EDIT_ROWS];

const cellText = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/[|*_]/g, (mark) => `\\${mark}`)
    .trim();

export function tableRows(): string[][] {
  return ALL_ROWS.map((row) => [row.fault, row.userSees, row.data, row.whatToDo].map(cellText));
}

export function markdownTable(): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(HEADER), line(HEADER.map(() => "---")), ...tableRows().map(line)].join("\n");
}

/** The table's rows as the README holds them (formatting aside), or null without markers. */
export function readmeRows(readme: string): string[][] | null {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return null;
  return readme
    .slice(start + START.length, end)
    .split("\n")
    .filter((line) => line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^:?-+:?$/.test(cell)));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  const path = new URL("../../README.md", import.meta.url);
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  writeFileSync(
    path,
    `${readme.slice(0, start + START.length)}\n\n${markdownTable()}\n\n${readme.slice(end)}`,
  );
  console.log(`Wrote ${ALL_ROWS.length} rows into README.md.`);
}
