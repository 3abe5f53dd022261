/**
 * Several OpenQR accounts in one Summary. Report settings are the file's, but keys and
 * schedules are each user's, so two editors may refresh the same sheets with keys of two
 * accounts (an agency reporting two clients in one workbook). Each code row records its
 * account in the Account column, and a run judges only its own account's rows: a code is
 * "deleted at OpenQR" only when its own account no longer lists it.
 *
 * OpenQR names no account id; /v1/me's `created_at` is the identity (the same for every key
 * of an account, rotated ones too, and distinct between accounts).
 */
/**
 * The Account cell's text: "created 2024-03-05 06:07:08 UTC" for a UTC ISO instant (a
 * fraction of a second only when it is not zero), else "created " and the text as sent.
 */
export function accountLabel(createdAt: string): string {
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(?:Z|\+00:?00)$/.exec(createdAt);
  if (!iso) return `created ${createdAt}`;
  const fraction = iso[3] !== undefined && /[1-9]/.test(iso[3]) ? iso[3] : "";
  return `created ${iso[1]} ${iso[2]}${fraction} UTC`;
}

/** A row of another account than this run's (never when either is unknown). */
export function belongsElsewhere(rowAccount: string | undefined, runAccount: string | null): boolean {
  return rowAccount !== undefined && rowAccount !== "" && runAccount !== null && rowAccount !== runAccount;
}

/**
 * What a run does to the row of a code it did not cover (not listed, or not chosen): keep
 * it exactly as it was, mark it deleted, mark it unlisted, or drop it (a code no longer
 * chosen). Another account's row is always kept, and with `runAccount` null (/v1/me did not
 * say) nothing is judged deleted.
 */
export function uncoveredFate(
  row: { account: string; deleted: boolean },
  runAccount: string | null,
  allCodes: boolean,
): "keep" | "deleted" | "unlisted" | "drop" {
  if (belongsElsewhere(row.account, runAccount)) return "keep";
  if (!allCodes) return "drop";
  if (runAccount === null || row.deleted) return "keep";
  return row.account === runAccount ? "deleted" : "unlisted";
}
