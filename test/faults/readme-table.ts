/**
 * The "When things go wrong" tables, generated from the fault suite's rows (each row quotes
 * the texts its test asserts): every row in docs/faults.md, and the ten a user most likely
 * meets in the README. `npx tsx test/faults/readme-table.ts --write` writes both;
 * test/faults/readme-table.test.ts fails when either differs.
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

export const DOC_PATH = "docs/faults.md";

/** The README's rows, by their fault: what a user most likely meets, most likely first. */
export const README_FAULTS: readonly string[] = [
  "OpenQR answers 401 (the key was revoked or rotated)",
  "OpenQR answers 404 for a code (deleted, or another account's id)",
  "OpenQR answers 403 plan_limit_exceeded",
  "OpenQR answers 429 without Retry-After, again and again",
  "OpenQR answers 500, again and again",
  'UrlFetch says "Service invoked too many times" (the 20,000 fetches a day are used)',
  "The add-on needs authorization again (new scopes, access revoked)",
  "1,000 codes, more than one run has time to fetch (6 minutes; here, 6 s per OpenQR round trip)",
  "A column inserted before or among the add-on's columns (or one of them deleted), even if a header was renamed as well",
  "A report sheet deleted between runs",
];

// Markdown would take "<id>" for an HTML tag and hide it, and | * _ for table and emphasis marks.
const cellText = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/[|*_]/g, (mark) => `\\${mark}`)
    .replace(/</g, "&lt;")
    .trim();

const cellsOf = (row: FaultRow) => [row.fault, row.userSees, row.data, row.whatToDo].map(cellText);

/** Every row, as docs/faults.md holds them. */
export function tableRows(): string[][] {
  return ALL_ROWS.map(cellsOf);
}

/** The README's ten, in README_FAULTS' order. */
export function readmeTableRows(): string[][] {
  return README_FAULTS.map((fault) => {
    const row = ALL_ROWS.find((candidate) => candidate.fault === fault);
    if (!row) throw new Error(`README_FAULTS names a fault the suite has no row for: ${fault}`);
    return cellsOf(row);
  });
}

export function markdownTable(rows: string[][] = tableRows()): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(HEADER), line(HEADER.map(() => "---")), ...rows.map(line)].join("\n");
}

/** docs/faults.md: every row the suite drives. */
export function faultsDoc(): string {
  return [
    "# When things go wrong",
    "",
    "<!-- Generated from test/faults by `npx tsx test/faults/readme-table.ts --write`; do not edit by hand. -->",
    "",
    `What the add-on does about each of the ${ALL_ROWS.length} faults the fault suite (\`test/faults/\`) drives, ` +
      "in the words it shows you. Every row is generated from the suite, whose tests assert exactly these " +
      "texts, so the table cannot drift from the behaviour. The README shows the ten you are most likely to meet.",
    "",
    markdownTable(),
    "",
  ].join("\n");
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
    `${readme.slice(0, start + START.length)}\n\n${markdownTable(readmeTableRows())}\n\n${readme.slice(end)}`,
  );
  writeFileSync(new URL(`../../${DOC_PATH}`, import.meta.url), faultsDoc());
  console.log(`Wrote ${README_FAULTS.length} rows into README.md and ${ALL_ROWS.length} into ${DOC_PATH}.`);
}
