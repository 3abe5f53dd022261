/**
 * Groups of codes: the Summary's `Group` column, which the user fills in (a campaign, a venue,
 * a client) and the add-on never writes. A refresh moves each group with its code's row
 * (summary-table.ts carries whole rows, a formula there as R1C1), and reads the groups from
 * the Summary as it found it, so a group typed since the last run counts in this one.
 */
import { textOf, type WritableCell, type WritableRow } from "./sheet-cells.ts";
import { cellIndex, knownRows } from "./summary-rows.ts";

/** How the digest names the codes with no group (only when some codes have one). */
export const NO_GROUP_LABEL = "(no group)";

/**
 * A Group cell's group: its text trimmed, or a number as the digits it holds ("" for none).
 * A date or TRUE/FALSE names no group; neither does a formula's text (pass values as read).
 */
export function groupText(cell: WritableCell | undefined): string {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell !== "string" || cell.charAt(0) === "=") return "";
  return textOf(cell).trim();
}

/**
 * Each code's group (code id → group text), from the Summary's values as read (header first;
 * a formula's result in place of the formula). Codes with a blank group are left out; of a
 * code listed twice, the first row counts, as it is the one the Summary keeps.
 */
export function groupsByCode(summaryTable: readonly WritableRow[]): ReadonlyMap<string, string> {
  const column = cellIndex("Group");
  const seen = new Set<string>();
  const groups = new Map<string, string>();
  for (const row of knownRows(summaryTable)) {
    if (seen.has(row.codeId)) continue;
    seen.add(row.codeId);
    const group = groupText(row.cells[column]);
    if (group !== "") groups.set(row.codeId, group);
  }
  return groups;
}
