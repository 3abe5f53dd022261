import { invalidArgument, PlatformError } from "./errors.ts";
import type { SheetModel } from "./spreadsheet-model.ts";

/**
 * Developer metadata as the document stores it: key/value tags on the spreadsheet or on a sheet,
 * kept by the SpreadsheetModel so tests can seed and inspect them. They follow their sheet
 * through renames (they hold the SheetModel, not its name) and go when it is deleted.
 */

export const METADATA_VISIBILITIES = ["DOCUMENT", "PROJECT"] as const;
export type MetadataVisibility = (typeof METADATA_VISIBILITIES)[number];

/** ROW and COLUMN exist as constants; only SPREADSHEET and SHEET locations are modelled. */
export const METADATA_LOCATION_TYPES = ["SPREADSHEET", "SHEET", "ROW", "COLUMN"] as const;

/** "Each spreadsheet and each sheet can hold 30,000 characters of developer metadata" (keys and values). */
export const METADATA_CHARACTERS_PER_LOCATION = 30_000;

export interface DeveloperMetadataRecord {
  readonly id: number;
  key: string;
  value: string | null;
  visibility: MetadataVisibility;
  /** The sheet it is attached to; null for the spreadsheet itself. */
  sheet: SheetModel | null;
  /**
   * The Apps Script project that wrote it; undefined means this script. PROJECT-visible metadata
   * of another project is invisible to the script (DOCUMENT-visible metadata is seen by everyone).
   */
  project?: string;
}

/** What a test (or addDeveloperMetadata) supplies; the id is assigned by the model. */
export interface MetadataSeed {
  key: string;
  value?: string | null;
  visibility?: MetadataVisibility;
  project?: string;
}

export function checkMetadataKey(key: string): void {
  if (key === "") throw invalidArgument("key");
}

function charactersOf(record: { key: string; value: string | null }): number {
  return record.key.length + (record.value ?? "").length;
}

/** Throws when the location would hold more than the documented 30,000 characters. */
export function checkMetadataStorage(
  atLocation: readonly DeveloperMetadataRecord[],
  next: { key: string; value: string | null },
  replacing?: DeveloperMetadataRecord,
): void {
  const used = atLocation
    .filter((record) => record !== replacing)
    .reduce((sum, record) => sum + charactersOf(record), 0);
  if (used + charactersOf(next) > METADATA_CHARACTERS_PER_LOCATION) {
    throw new PlatformError(
      `You have exceeded the developer metadata storage limit of ${METADATA_CHARACTERS_PER_LOCATION} characters for this location.`,
    );
  }
}

/** Whether the script (this project) can see a record at all. */
export function isVisibleToScript(record: DeveloperMetadataRecord): boolean {
  return record.visibility === "DOCUMENT" || record.project === undefined;
}
