import { enumName, enumOf } from "./enums.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import {
  type DeveloperMetadataRecord,
  isVisibleToScript,
  METADATA_LOCATION_TYPES,
  METADATA_VISIBILITIES,
  type MetadataVisibility,
} from "./metadata-model.ts";
import type { ServiceMethod, ServiceObject } from "./service-binder.ts";
import {
  documentCapability,
  integerArgument,
  type SpreadsheetObjects,
  signatureMismatch,
} from "./spreadsheet-common.ts";
import { SheetModel } from "./spreadsheet-model.ts";

/**
 * Developer metadata as the script sees it: Sheet/Spreadsheet.addDeveloperMetadata and
 * getDeveloperMetadata, DeveloperMetadata, its location, and DeveloperMetadataFinder. The add-on
 * tags the sheets it owns this way and finds them again after the user renames them.
 */

const VISIBILITY = "DeveloperMetadataVisibility";
const LOCATION_TYPE = "DeveloperMetadataLocationType";

/** SpreadsheetApp.DeveloperMetadataVisibility and .DeveloperMetadataLocationType of this execution. */
export function metadataEnums(env: ServiceEnv): Record<string, object> {
  return {
    [VISIBILITY]: enumOf(env.realm, VISIBILITY, METADATA_VISIBILITIES),
    [LOCATION_TYPE]: enumOf(env.realm, LOCATION_TYPE, METADATA_LOCATION_TYPES),
  };
}

function enumValue(env: ServiceEnv, type: string, name: string): object {
  const names = type === VISIBILITY ? METADATA_VISIBILITIES : METADATA_LOCATION_TYPES;
  return enumOf(env.realm, type, names)[name] as object;
}

/** A String parameter: Apps Script turns numbers and booleans into text, refuses the rest. */
function stringArgument(value: unknown, method: string, args: unknown[]): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw signatureMismatch(method, args);
}

function visibilityArgument(value: unknown, method: string, args: unknown[]): MetadataVisibility {
  const name = enumName(value, VISIBILITY);
  if (name === undefined) throw signatureMismatch(method, args);
  return name as MetadataVisibility;
}

function isLive(env: ServiceEnv, record: DeveloperMetadataRecord): boolean {
  return env.world.spreadsheet.developerMetadata.includes(record);
}

function bindLocation(env: ServiceEnv, objects: SpreadsheetObjects, record: DeveloperMetadataRecord) {
  const sheet = record.sheet;
  return env.bind.object(
    "DeveloperMetadataLocation",
    {
      getLocationType: () => enumValue(env, LOCATION_TYPE, sheet ? "SHEET" : "SPREADSHEET"),
      // Each getter answers only for its own location type, null otherwise.
      getSheet: () => (sheet ? objects.sheet(sheet) : null),
      getSpreadsheet: () => (sheet ? null : objects.spreadsheet()),
      getRow: () => null,
      getColumn: () => null,
    },
    { capability: documentCapability },
  );
}

function bindMetadata(env: ServiceEnv, objects: SpreadsheetObjects, record: DeveloperMetadataRecord) {
  const model = env.world.spreadsheet;
  const write = (change: Parameters<typeof model.updateDeveloperMetadata>[1]) => {
    if (!isLive(env, record)) throw new PlatformError(`No developer metadata with ID ${record.id} exists.`);
    model.updateDeveloperMetadata(record, change);
    return self;
  };
  const self: ServiceObject = env.bind.object(
    "DeveloperMetadata",
    {
      getId: () => record.id,
      getKey: () => record.key,
      getValue: () => record.value,
      getVisibility: () => enumValue(env, VISIBILITY, record.visibility),
      getLocation: () => bindLocation(env, objects, record),
      setKey: (key: unknown) => write({ key: stringArgument(key, "DeveloperMetadata.setKey", [key]) }),
      setValue: (value: unknown) =>
        write({ value: stringArgument(value, "DeveloperMetadata.setValue", [value]) }),
      setVisibility: (visibility: unknown) =>
        write({
          visibility: visibilityArgument(visibility, "DeveloperMetadata.setVisibility", [visibility]),
        }),
      moveToSheet: (sheetObject: unknown) => {
        const sheet = env.bind.stateOf<unknown>(sheetObject);
        if (!(sheet instanceof SheetModel))
          throw signatureMismatch("DeveloperMetadata.moveToSheet", [sheetObject]);
        return write({ sheet });
      },
      moveToSpreadsheet: () => write({ sheet: null }),
      remove: () => {
        if (!isLive(env, record))
          throw new PlatformError(`No developer metadata with ID ${record.id} exists.`);
        model.removeDeveloperMetadata(record);
      },
    },
    { capability: documentCapability, state: record },
  );
  return self;
}

interface FinderQuery {
  key?: string;
  value?: string;
  id?: number;
  locationType?: string;
  visibility?: MetadataVisibility;
}

/** Every with* narrows the search (a repeated one replaces the earlier); find() runs it. */
function bindFinder(env: ServiceEnv, objects: SpreadsheetObjects, scope: SheetModel | null) {
  const model = env.world.spreadsheet;
  const query: FinderQuery = {};
  const matches = (record: DeveloperMetadataRecord) =>
    isVisibleToScript(record) &&
    (scope === null || record.sheet === scope) &&
    (query.key === undefined || record.key === query.key) &&
    (query.value === undefined || record.value === query.value) &&
    (query.id === undefined || record.id === query.id) &&
    (query.locationType === undefined || (record.sheet ? "SHEET" : "SPREADSHEET") === query.locationType) &&
    (query.visibility === undefined || record.visibility === query.visibility);
  const narrow = (change: FinderQuery) => {
    Object.assign(query, change);
    return self;
  };
  const self: ServiceObject = env.bind.object(
    "DeveloperMetadataFinder",
    {
      withKey: (key: unknown) =>
        narrow({ key: stringArgument(key, "DeveloperMetadataFinder.withKey", [key]) }),
      withValue: (value: unknown) =>
        narrow({ value: stringArgument(value, "DeveloperMetadataFinder.withValue", [value]) }),
      withId: (id: unknown) => narrow({ id: integerArgument(id, "DeveloperMetadataFinder.withId", [id]) }),
      withLocationType: (type: unknown) => {
        const name = enumName(type, LOCATION_TYPE);
        if (name === undefined) throw signatureMismatch("DeveloperMetadataFinder.withLocationType", [type]);
        return narrow({ locationType: name });
      },
      withVisibility: (visibility: unknown) =>
        narrow({
          visibility: visibilityArgument(visibility, "DeveloperMetadataFinder.withVisibility", [visibility]),
        }),
      find: () =>
        env.realm.arrayOf(
          model.developerMetadata.filter(matches).map((record) => bindMetadata(env, objects, record)),
        ),
    },
    { capability: "document-read" },
  );
  return self;
}

/** addDeveloperMetadata(key[, value][, visibility]) with the platform's overloads. */
function parseAdd(
  className: string,
  args: unknown[],
): { key: string; value: string | null; visibility: MetadataVisibility } {
  const method = `${className}.addDeveloperMetadata`;
  if (args.length < 1 || args.length > 3) throw signatureMismatch(method, args);
  const key = stringArgument(args[0], method, args);
  if (args.length === 1) return { key, value: null, visibility: "DOCUMENT" };
  if (args.length === 2) {
    const visibility = enumName(args[1], VISIBILITY);
    if (visibility !== undefined) return { key, value: null, visibility: visibility as MetadataVisibility };
    return { key, value: stringArgument(args[1], method, args), visibility: "DOCUMENT" };
  }
  return {
    key,
    value: stringArgument(args[1], method, args),
    visibility: visibilityArgument(args[2], method, args),
  };
}

/** The developer metadata methods of a Sheet (location: that sheet) or the Spreadsheet (location: null). */
export function developerMetadataMethods(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  location: SheetModel | null,
  owner: () => ServiceObject,
): Record<string, ServiceMethod> {
  const model = env.world.spreadsheet;
  const className = location ? "Sheet" : "Spreadsheet";
  return {
    addDeveloperMetadata: (...args: unknown[]) => {
      model.addDeveloperMetadata(location, parseAdd(className, args));
      return owner();
    },
    getDeveloperMetadata: () =>
      env.realm.arrayOf(
        model
          .metadataOf(location)
          .filter(isVisibleToScript)
          .map((record) => bindMetadata(env, objects, record)),
      ),
    // Sheet scope: that sheet's metadata; Spreadsheet scope: every location's.
    createDeveloperMetadataFinder: () => bindFinder(env, objects, location),
  };
}
