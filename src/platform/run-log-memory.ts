/**
 * The run log's sheet id, remembered in the document's properties so a run finds the log
 * with one call instead of a metadata search (sheet ids are never reused and survive renames).
 */
import { parseStored, runLogIdSchema } from "../settings/stored.ts";
import { documentProperties } from "./document-services.ts";

const RUN_LOG_ID = "openqr.runLogSheetId";

export function readRunLogId(): number | null {
  return parseStored(documentProperties().getProperty(RUN_LOG_ID), runLogIdSchema);
}

export function writeRunLogId(sheetId: number): void {
  documentProperties().setProperty(RUN_LOG_ID, JSON.stringify(sheetId));
}
