/**
 * Whether the last run left the report sheets it remembers (by id) at the current layout,
 * so an ordinary run reads no developer metadata for it (a dozen spreadsheet calls).
 */
import { CURRENT_LAYOUT } from "../report/layout-migration.ts";
import type { SheetIds } from "../report/sheet-kinds.ts";

const LAYOUT_MARK = "openqr.reportLayout";

const markOf = (ids: SheetIds) =>
  `${CURRENT_LAYOUT}:${ids.daily},${ids.breakdown},${ids.summary},${ids.monthly}`;

export function isLayoutMarked(ids: SheetIds): boolean {
  return PropertiesService.getDocumentProperties().getProperty(LAYOUT_MARK) === markOf(ids);
}

export function markLayout(ids: SheetIds): void {
  PropertiesService.getDocumentProperties().setProperty(LAYOUT_MARK, markOf(ids));
}
