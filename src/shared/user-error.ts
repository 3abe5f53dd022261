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
