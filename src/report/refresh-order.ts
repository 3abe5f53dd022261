/**
 * Which codes a run fetches first. A run that reaches its time limit leaves the rest for
 * the next one, so the order is stalest first: never refreshed, then the oldest refresh.
 * With one trigger per user per file, this is how a fleet too big for one run is covered.
 */
export function stalestFirst(
  codeIds: readonly string[],
  refreshedAt: Readonly<Record<string, number | null>>,
): string[] {
  return codeIds
    .filter((id, index) => codeIds.indexOf(id) === index)
    .map((id, index) => ({ id, index, at: refreshedAt[id] ?? Number.NEGATIVE_INFINITY }))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at < b.at ? -1 : 1))
    .map((entry) => entry.id);
}
