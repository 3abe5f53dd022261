/**
 * OPENQR_ROLLUP by group: `groups` is a range the shape of the ids (such as the Summary's
 * Group column beside its Code ID column) holding each code's group name. A code counts once,
 * in the group beside its first appearance; groups are columns in first-seen order.
 */
import type { ScansResponse } from "../openqr/schema.ts";
import type { Cell } from "../shared/cell.ts";
import type { DayToDate } from "../shared/days.ts";
import { ArgumentError, isBlank } from "./arguments.ts";
import { sumsByDay, type Table, unionOfDays } from "./tables.ts";

/** The column of codes whose group cell is blank. */
export const NO_GROUP = "(no group)";

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === "[object Date]";

function gridOf(input: unknown): unknown[][] {
  const rows = Array.isArray(input) ? input : [[input]];
  return rows.map((row: unknown) => (Array.isArray(row) ? row : [row]));
}

const shapeOf = (grid: ReadonlyArray<ReadonlyArray<unknown>>): string => {
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  return `${rows} ${rows === 1 ? "row" : "rows"} by ${columns} ${columns === 1 ? "column" : "columns"}`;
};

function groupName(value: unknown): string {
  if (isBlank(value)) return NO_GROUP;
  if (isDate(value) || Array.isArray(value)) {
    throw new ArgumentError(
      "groups must hold group names as text; a date is not. Format the group column as plain text.",
    );
  }
  // As the cell shows it: TRUE, not true.
  const name = typeof value === "boolean" ? String(value).toUpperCase() : String(value).trim();
  return name === "" ? NO_GROUP : name;
}

/**
 * Each id's group (its first appearance's), from a groups argument the same shape as the ids'
 * grid; null when `groups` was left out.
 */
export function parseGroups(
  input: unknown,
  idGrid: ReadonlyArray<ReadonlyArray<string | null>>,
): Record<string, string> | null {
  if (input === undefined) return null;
  const groups = gridOf(input);
  const sameShape =
    groups.length === idGrid.length && groups.every((row, r) => row.length === idGrid[r]!.length);
  if (!sameShape) {
    throw new ArgumentError(
      `groups must be the same shape as id (${shapeOf(idGrid)}), each code's group beside its id; it is ${shapeOf(groups)}.`,
    );
  }
  const groupOf: Record<string, string> = {};
  idGrid.forEach((row, r) => {
    row.forEach((id, c) => {
      if (id !== null && groupOf[id] === undefined) groupOf[id] = groupName(groups[r]![c]);
    });
  });
  return groupOf;
}

/**
 * Day, then one column per group (headed by its name, as text): the day's scans summed over
 * the group's codes. Days as in `rollupTable`: a range's days, blank where a code lacks one.
 */
export function groupRollupTable(
  responses: readonly ScansResponse[],
  /** Each response's group, in the responses' order. */
  groups: readonly string[],
  dayToDate: DayToDate,
  range: readonly string[] | null = null,
): Table {
  const names: string[] = [];
  const members: Record<string, ScansResponse[]> = {};
  responses.forEach((response, index) => {
    const name = groups[index] ?? NO_GROUP;
    if (members[name] === undefined) {
      names.push(name);
      members[name] = [];
    }
    members[name]!.push(response);
  });
  const days = range ?? unionOfDays(responses);
  const sums = names.map((name) => sumsByDay(members[name]!, days, range !== null));
  const dates = dayToDate(days);
  return [["Day", ...names], ...days.map((_, row): Cell[] => [dates[row]!, ...sums.map((sum) => sum[row]!)])];
}
