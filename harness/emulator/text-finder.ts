/**
 * TextFinder (Spreadsheet/Sheet/Range.createTextFinder): finds cells by their text. Options:
 * matchCase (default: case-insensitive), matchEntireCell (default: partial), useRegularExpression
 * (JavaScript syntax here; the platform's is RE2), ignoreDiacritics (recorded, not modelled)
 * and matchFormulaText. Formulas are not computed here, so a formula cell has no displayed
 * value to match: it matches only by its formula text, with matchFormulaText(true). Plain
 * cells match by their displayed value either way (the reference does not say that
 * matchFormulaText(true) skips them, so the worse case is assumed: a caller must check what
 * it found). findAll lists one-cell ranges, sheet by sheet in tab order, row by row.
 */
import type { GridArea } from "./a1.ts";
import { displayValue } from "./display.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import type { ServiceObject } from "./service-binder.ts";
import { type SpreadsheetObjects, signatureMismatch } from "./spreadsheet-common.ts";
import type { SheetModel } from "./spreadsheet-model.ts";

/** Where a finder searches: every sheet, one sheet, or a rectangle of one. */
export type SearchScope = { sheet: SheetModel | null; area?: GridArea };

interface FinderOptions {
  matchCase: boolean;
  matchEntireCell: boolean;
  matchFormulaText: boolean;
  useRegularExpression: boolean;
  ignoreDiacritics: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function matcher(findText: string, options: FinderOptions): (text: string) => boolean {
  const source = options.useRegularExpression ? findText : escapeRegExp(findText);
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.matchEntireCell ? `^(?:${source})$` : source, options.matchCase ? "" : "i");
  } catch {
    throw new PlatformError(`Invalid regular expression: ${findText}`);
  }
  return (text) => pattern.test(text);
}

/** The `createTextFinder` method for a Spreadsheet (scope.sheet null), a Sheet or a Range. */
export function textFinderMethod(env: ServiceEnv, objects: SpreadsheetObjects, scope: SearchScope) {
  return {
    createTextFinder: (findText: unknown) => {
      const owner = scope.sheet === null ? "Spreadsheet" : scope.area ? "Range" : "Sheet";
      if (typeof findText !== "string") throw signatureMismatch(`${owner}.createTextFinder`, [findText]);
      if (findText === "") throw new PlatformError("Invalid argument: findText");
      return bindTextFinder(env, objects, scope, findText);
    },
  };
}

function bindTextFinder(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  scope: SearchScope,
  findText: string,
): ServiceObject {
  const { bind, realm, world } = env;
  const model = world.spreadsheet;
  const options: FinderOptions = {
    matchCase: false,
    matchEntireCell: false,
    matchFormulaText: false,
    useRegularExpression: false,
    ignoreDiacritics: false,
  };
  let cursor = -1;
  const option = (name: keyof FinderOptions) => (value: unknown) => {
    if (typeof value !== "boolean") throw signatureMismatch(`TextFinder.${name}`, [value]);
    options[name] = value;
    return self;
  };
  const matches = (): Array<{ sheet: SheetModel; row: number; column: number }> => {
    const test = matcher(findText, options);
    const found: Array<{ sheet: SheetModel; row: number; column: number }> = [];
    const sheets = scope.sheet === null ? model.sheets : [scope.sheet];
    for (const sheet of sheets) {
      const area = scope.area ?? {
        row: 1,
        column: 1,
        numRows: sheet.lastRow(),
        numColumns: sheet.lastColumn(),
      };
      for (let r = 0; r < area.numRows; r++) {
        for (let c = 0; c < area.numColumns; c++) {
          const row = area.row + r;
          const column = area.column + c;
          const cell = sheet.cell(row, column);
          let text: string;
          if (cell.formula !== "") {
            // No computed result to show: a formula cell is found by its text or not at all.
            if (!options.matchFormulaText) continue;
            text = cell.formula;
          } else {
            if (cell.value === "") continue;
            text = displayValue(cell.value, cell.format, model.timeZone);
          }
          if (test(text)) found.push({ sheet, row, column });
        }
      }
    }
    return found;
  };
  const rangeOf = (match: { sheet: SheetModel; row: number; column: number }) =>
    objects.range(match.sheet, { row: match.row, column: match.column, numRows: 1, numColumns: 1 });

  const self = bind.object(
    "TextFinder",
    {
      matchCase: option("matchCase"),
      matchEntireCell: option("matchEntireCell"),
      matchFormulaText: option("matchFormulaText"),
      useRegularExpression: option("useRegularExpression"),
      ignoreDiacritics: option("ignoreDiacritics"),
      findAll: () => realm.arrayOf(matches().map(rangeOf)),
      findNext: () => {
        const found = matches();
        if (cursor + 1 >= found.length) return null;
        cursor += 1;
        return rangeOf(found[cursor]!);
      },
    },
    { capability: "document-read" },
  );
  return self;
}
