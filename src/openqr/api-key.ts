/**
 * What an OpenQR API key looks like, and how it may be shown: never whole.
 * Accepts both published shapes: `oqr_live_yourkey` and `oqr_` + 10-120 letters/digits.
 */
import { UserError } from "../shared/user-error.ts";

const KEY_PATTERN = /^oqr_[A-Za-z0-9_]+$/;
const MIN_LENGTH = 10;
const MAX_LENGTH = 200;

export const KEY_SHAPE_HELP =
  "An OpenQR API key starts with oqr_ followed by letters, digits or underscores (10-200 characters in all, no spaces). Copy it from openqr.uk › API keys.";

/** Returns the trimmed key, or throws a message saying what a key looks like. */
export function normalizeApiKey(input: unknown): string {
  if (typeof input !== "string" || input.trim() === "") {
    throw new UserError(`No API key given. ${KEY_SHAPE_HELP}`);
  }
  const key = input.trim();
  if (key.length < MIN_LENGTH || key.length > MAX_LENGTH || !KEY_PATTERN.test(key)) {
    throw new UserError(`That is not an OpenQR API key. ${KEY_SHAPE_HELP}`);
  }
  return key;
}

/** `oqr_…a1b2`: enough to recognise a key, useless to anyone who sees it. */
export function keyHint(key: string): string {
  return `oqr_…${key.slice(-4)}`;
}

/** Removes every occurrence of the key from a text (defence in depth for platform messages). */
export function redactKey(text: string, key: string | null): string {
  return key ? text.split(key).join("[API key]") : text;
}
