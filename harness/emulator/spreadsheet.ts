import type { GridArea } from "./a1.ts";
import { developerMetadataMethods, metadataEnums } from "./developer-metadata.ts";
import type { ServiceEnv } from "./env.ts";
import { bindRange } from "./range.ts";
import type { ServiceObject } from "./service-binder.ts";
import { createUser } from "./session.ts";
import { bindSheet, rangeOnSheet } from "./sheet.ts";
import { documentCapability, type SpreadsheetObjects, signatureMismatch } from "./spreadsheet-common.ts";
import type { SheetModel } from "./spreadsheet-model.ts";
import { textFinderMethod } from "./text-finder.ts";
import { getUi } from "./ui.ts";

/** Wires the three kinds of objects together (a Range leads to its Sheet, a Sheet to its Spreadsheet). */
export function spreadsheetObjects(env: ServiceEnv): SpreadsheetObjects {
  const objects: SpreadsheetObjects = {
    spreadsheet: () => bindSpreadsheet(env, objects),
    sheet: (sheet: SheetModel) => bindSheet(env, objects, sheet),
    range: (sheet: SheetModel, area: GridArea) => bindRange(env, objects, sheet, area),
  };
  return objects;
}

/** Spreadsheet: the one document the add-on is bound to. */
function bindSpreadsheet(env: ServiceEnv, objects: SpreadsheetObjects): ServiceObject {
  const { bind, realm, world } = env;
  const model = world.spreadsheet;
  const self = bind.object(
    "Spreadsheet",
    {
      getId: () => model.id,
      getName: () => model.name,
      rename: (name: unknown) => {
        model.name = String(name);
      },
      getUrl: () => model.url,
      getOwner: () => createUser(env, model.owner),
      getSpreadsheetTimeZone: () => model.timeZone,
      setSpreadsheetTimeZone: (timeZone: unknown) => {
        model.setSpreadsheetTimeZone(String(timeZone));
      },
      getSpreadsheetLocale: () => model.locale,
      getSheets: () => realm.arrayOf(model.sheets.map((sheet) => objects.sheet(sheet))),
      getNumSheets: () => model.sheets.length,
      getSheetByName: (name: unknown) => {
        const sheet = model.sheetByName(String(name));
        return sheet ? objects.sheet(sheet) : null;
      },
      getSheetById: (id: unknown) => {
        const sheet = model.sheets.find((candidate) => candidate.sheetId === id);
        return sheet ? objects.sheet(sheet) : null;
      },
      getActiveSheet: () => objects.sheet(model.activeSheet),
      setActiveSheet: (sheetObject: unknown) => {
        const sheet = bind.stateOf<SheetModel>(sheetObject);
        if (!sheet) throw signatureMismatch("Spreadsheet.setActiveSheet", [sheetObject]);
        model.activeSheet = sheet;
        return objects.sheet(sheet);
      },
      getRange: (a1Notation: unknown) => rangeOnSheet(env, objects, model.activeSheet, [String(a1Notation)]),
      insertSheet: (...args: unknown[]) => {
        const name = typeof args[0] === "string" ? args[0] : undefined;
        const index =
          typeof args[0] === "number" ? args[0] : typeof args[1] === "number" ? args[1] : undefined;
        const sheet = model.addSheet(name, index);
        model.activeSheet = sheet;
        return objects.sheet(sheet);
      },
      deleteSheet: (sheetObject: unknown) => {
        const sheet = bind.stateOf<SheetModel>(sheetObject);
        if (!sheet) throw signatureMismatch("Spreadsheet.deleteSheet", [sheetObject]);
        model.removeSheet(sheet);
      },
      toast: (message: unknown, title?: unknown, timeoutSeconds?: unknown) => {
        world.ui.toasts.push({
          message: String(message),
          title: title === undefined ? "" : String(title),
          timeoutSeconds: timeoutSeconds === undefined ? 5 : Number(timeoutSeconds),
        });
      },
      ...developerMetadataMethods(env, objects, null, () => self),
      ...textFinderMethod(env, objects, { sheet: null }),
    },
    { capability: documentCapability, state: model },
  );
  return self;
}

/** The `source` of a trigger event: the active spreadsheet, without a (counted) service call. */
export function spreadsheetForEvent(env: ServiceEnv): ServiceObject {
  return spreadsheetObjects(env).spreadsheet();
}

export function createSpreadsheetApp(env: ServiceEnv) {
  const { bind, world, execution } = env;
  const objects = spreadsheetObjects(env);
  const model = world.spreadsheet;

  const activeSpreadsheet = () => {
    // Optionally model a trigger finding no active spreadsheet (docs/apps-script-gaps.md: handle null).
    if (execution.spec.kind === "trigger" && !world.settings.activeSpreadsheetInTriggers) return null;
    return objects.spreadsheet();
  };

  const app = bind.object(
    "SpreadsheetApp",
    {
      getActiveSpreadsheet: activeSpreadsheet,
      getActive: activeSpreadsheet,
      getActiveSheet: () => objects.sheet(model.activeSheet),
      getUi: () => getUi(env),
      // Applies the pending changes: formulas changed so far wait to be calculated.
      flush: () => model.settleCalculation(),
    },
    { capability: (method) => (method === "getUi" ? "menu" : "document-read") },
  );
  // Enum objects, not strings (see enums.ts), so they are set as they are rather than copied in.
  return Object.assign(app, metadataEnums(env));
}
