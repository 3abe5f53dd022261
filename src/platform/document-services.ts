/**
 * The services that belong to the spreadsheet, null-checked here and nowhere else. Apps
 * Script documents that getDocumentProperties(), getDocumentLock() and getDocumentCache()
 * return null outside a document (@types/google-apps-script declares them non-null), and
 * no page says whether an add-on's clock trigger gets the document at all
 * (docs/apps-script-gaps.md). A missing one becomes a clear failure, not a TypeError.
 */
import { ADDON_NAME } from "../shared/addon-menu.ts";
import { UserError } from "../shared/user-error.ts";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;
type Lock = GoogleAppsScript.Lock.Lock;
type Cache = GoogleAppsScript.Cache.Cache;

/** This run has no spreadsheet behind a document service: nothing of the file can be read or changed. */
export class DocumentUnavailable extends UserError {
  constructor(readonly service: string) {
    super(
      `Apps Script gave this run no ${service} (it ran outside the spreadsheet), so nothing was changed. Open the spreadsheet and try again from Extensions › ${ADDON_NAME}.`,
    );
    this.name = "DocumentUnavailable";
  }
}

/** The spreadsheet the add-on runs in, or null (a trigger may run without it). */
export function activeSpreadsheetOrNull(): Spreadsheet | null {
  return (SpreadsheetApp.getActiveSpreadsheet() as Spreadsheet | null) ?? null;
}

export function activeSpreadsheet(): Spreadsheet {
  const spreadsheet = activeSpreadsheetOrNull();
  if (spreadsheet === null) throw new DocumentUnavailable("active spreadsheet");
  return spreadsheet;
}

/** The file's properties (shared by its editors), or null outside a document. */
export function documentPropertiesOrNull(): Properties | null {
  return (PropertiesService.getDocumentProperties() as Properties | null) ?? null;
}

export function documentProperties(): Properties {
  const store = documentPropertiesOrNull();
  if (store === null) throw new DocumentUnavailable("document properties");
  return store;
}

export function documentLockOrNull(): Lock | null {
  return (LockService.getDocumentLock() as Lock | null) ?? null;
}

export function documentLock(): Lock {
  const lock = documentLockOrNull();
  if (lock === null) throw new DocumentUnavailable("document lock");
  return lock;
}

/** The file's cache, or null outside a document: callers then cache nothing (a cache may drop anything anyway). */
export function documentCacheOrNull(): Cache | null {
  return (CacheService.getDocumentCache() as Cache | null) ?? null;
}

export interface OpenDocument {
  spreadsheet: Spreadsheet;
  lock: Lock;
}

/** The spreadsheet with its lock, or null when the run lacks the lock or the file's properties. */
export function openDocument(spreadsheet: Spreadsheet): OpenDocument | null {
  const lock = documentLockOrNull();
  return lock === null || documentPropertiesOrNull() === null ? null : { spreadsheet, lock };
}
