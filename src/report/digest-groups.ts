/**
 * The daily digest's lines per group (the Summary's Group column, code-groups.ts): each
 * group's scans on the digest's day and over its 7 days, and how many codes it has. Group
 * names are the user's text, so they are outside text, escaped by each chat's renderer.
 * With no group set, no line: the digest reads as it did before groups.
 */
import { groupThousands } from "../shared/numbers.ts";
import { bold, type Inline, outside } from "./chat-message.ts";
import { NO_GROUP_LABEL } from "./code-groups.ts";

/** More groups than this are summed up in one line, so a digest stays short. */
export const MAX_DIGEST_GROUPS = 10;

/** What a group's line needs of each code. */
export interface GroupedCode {
  /** The code's group; absent (or "") for none. */
  group?: string;
  dayScans: number;
  weekScans: number;
}

interface GroupTotal {
  name: string;
  dayScans: number;
  weekScans: number;
  codes: number;
}

function totalsByGroup(codes: readonly GroupedCode[]): { named: GroupTotal[]; ungrouped: GroupTotal } {
  const byName = new Map<string, GroupTotal>();
  const ungrouped: GroupTotal = { name: "", dayScans: 0, weekScans: 0, codes: 0 };
  for (const code of codes) {
    const name = code.group ?? "";
    let total = name === "" ? ungrouped : byName.get(name);
    if (total === undefined) {
      total = { name, dayScans: 0, weekScans: 0, codes: 0 };
      byName.set(name, total);
    }
    total.dayScans += code.dayScans;
    total.weekScans += code.weekScans;
    total.codes += 1;
  }
  return { named: [...byName.values()], ungrouped };
}

const figures = (total: GroupTotal) =>
  `: ${groupThousands(total.dayScans)} · 7 days ${groupThousands(total.weekScans)} · ` +
  `${groupThousands(total.codes)} ${total.codes === 1 ? "code" : "codes"}`;

/**
 * The lines per group, busiest on the day first (then over the week, then by name), codes with
 * no group last as "(no group)"; none when no code has a group.
 */
export function groupLines(codes: readonly GroupedCode[], day: string): Inline[][] {
  const { named, ungrouped } = totalsByGroup(codes);
  if (named.length === 0) return [];
  named.sort(
    (a, b) =>
      b.dayScans - a.dayScans ||
      b.weekScans - a.weekScans ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const lines: Inline[][] = [[`By group on ${day}:`]];
  for (const total of named.slice(0, MAX_DIGEST_GROUPS))
    lines.push(["• ", bold(outside(total.name)), figures(total)]);
  const left = named.length - MAX_DIGEST_GROUPS;
  if (left > 0) lines.push([`• ${groupThousands(left)} more ${left === 1 ? "group" : "groups"}, not listed`]);
  if (ungrouped.codes > 0) lines.push([`• ${NO_GROUP_LABEL}${figures(ungrouped)}`]);
  return lines;
}
