/**
 * Column insertion re-bases formulas, as Sheets does: every A1 reference of the sheet's own
 * (unqualified, or qualified with its own name) at or right of the first inserted column moves
 * right by the number inserted; a range spanning the insertion point grows. String literals
 * and references to other sheets are left alone. (Formulas in other sheets that point at this
 * one are not re-based: a simplification, see README.)
 */

// A string literal, or: an optional sheet prefix, then a cell or cell range, or a column range.
const TOKEN =
  /"(?:[^"]|"")*"|(?<![\w.$])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3})(?![\w(!])/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function sheetOfPrefix(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

export function shiftFormulaColumns(formula: string, sheetName: string, beforeColumn: number, count: number) {
  return formula.replace(
    TOKEN,
    (token: string, prefix: string | undefined, reference: string | undefined) => {
      if (reference === undefined) return token; // a string literal
      if (prefix !== undefined && sheetOfPrefix(prefix) !== sheetName) return token;
      const shifted = reference.replace(
        /(\$?)([A-Z]{1,3})(?=\$?\d|:|$)/g,
        (_, dollar: string, letters: string) => {
          const column = columnNumber(letters);
          return dollar + columnLetters(column >= beforeColumn ? column + count : column);
        },
      );
      return (prefix ?? "") + shifted;
    },
  );
}
