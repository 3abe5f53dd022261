/**
 * An error whose message is written for the spreadsheet user: it says what is wrong and
 * what to do. Anything else that reaches an entry point is a bug and is wrapped.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** The run refused to write the report sheets as they are laid out (columns moved, a newer layout, a sheet in the way). */
export class LayoutRefused extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "LayoutRefused";
  }
}
