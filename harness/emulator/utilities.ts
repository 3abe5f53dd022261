import { createHash, createHmac, randomUUID } from "node:crypto";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { formatSimpleDate } from "./simple-date-format.ts";
import { isDateValue, timeOf } from "./values.ts";

export const MAX_SLEEP_MS = 300_000;

const DIGESTS: Record<string, string> = {
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};

const MACS: Record<string, string> = {
  HMAC_MD5: "md5",
  HMAC_SHA_1: "sha1",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};

const CHARSETS = { UTF_8: "UTF_8", US_ASCII: "US_ASCII" } as const;

/** Bytes as Apps Script hands them out: Java's signed bytes (-128..127). */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (byte) => (byte > 127 ? byte - 256 : byte));
}

/** US-ASCII as Java encodes it: anything beyond 0x7F becomes "?". */
const asAscii = (text: string) =>
  Array.from(text, (char) => (char.charCodeAt(0) > 0x7f ? "?" : char)).join("");

function encodeText(text: string, charset: unknown): Buffer {
  if (charset === CHARSETS.US_ASCII) return Buffer.from(asAscii(text), "latin1");
  if (charset === undefined || charset === CHARSETS.UTF_8) return Buffer.from(text, "utf8");
  throw new PlatformError("Invalid argument: charset");
}

function decodeText(bytes: Buffer, charset: unknown): string {
  if (charset === CHARSETS.US_ASCII) {
    return Array.from(bytes, (byte) => (byte > 0x7f ? "\ufffd" : String.fromCharCode(byte))).join("");
  }
  return bytes.toString("utf8");
}

/** A string (encoded in the charset) or a byte array from the script. */
export function bytesOf(data: unknown, charset?: unknown): Buffer {
  if (typeof data === "string") return encodeText(data, charset);
  if (Array.isArray(data)) return Buffer.from(data.map((byte) => Number(byte) & 0xff));
  throw new PlatformError("Invalid argument: value");
}

function decodeBase64(encoded: unknown, webSafe: boolean): Buffer {
  const text = String(encoded).replace(/\s+/g, "");
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(text)) throw new PlatformError("Could not decode string.");
  return Buffer.from(webSafe ? text.replace(/-/g, "+").replace(/_/g, "/") : text, "base64");
}

export interface BlobState {
  bytes: Buffer;
  contentType: string | null;
  name: string | null;
}

export function createBlob(env: ServiceEnv, initial: BlobState) {
  const state = { ...initial };
  const self = env.bind.object(
    "Blob",
    {
      getBytes: () => env.realm.copyIn(toSignedBytes(state.bytes)),
      getDataAsString: (charset?: unknown) => decodeText(state.bytes, charset),
      getContentType: () => state.contentType,
      setContentType: (contentType: unknown) => {
        state.contentType = contentType === null ? null : String(contentType);
        return self;
      },
      getName: () => state.name,
      setName: (name: unknown) => {
        state.name = String(name);
        return self;
      },
      setDataFromString: (text: unknown, charset?: unknown) => {
        state.bytes = encodeText(String(text), charset);
        return self;
      },
      copyBlob: () => createBlob(env, { ...state, bytes: Buffer.from(state.bytes) }),
      isGoogleType: () => false,
    },
    { state },
  );
  return self;
}

export function createUtilities(env: ServiceEnv) {
  const { realm, execution } = env;
  const signed = (bytes: Buffer) => realm.copyIn(toSignedBytes(bytes));
  return env.bind.object(
    "Utilities",
    {
      sleep: (milliseconds: unknown) => {
        const ms = Number(milliseconds);
        if (!Number.isFinite(ms) || ms > MAX_SLEEP_MS)
          throw new PlatformError("Invalid argument: milliseconds");
        execution.spend(Math.max(0, ms));
      },
      computeDigest: (algorithm: unknown, value: unknown, charset?: unknown) => {
        const name = DIGESTS[String(algorithm)];
        if (!name) throw new PlatformError("Invalid argument: algorithm");
        return signed(createHash(name).update(bytesOf(value, charset)).digest());
      },
      computeHmacSignature: (algorithm: unknown, value: unknown, key: unknown, charset?: unknown) => {
        const name = MACS[String(algorithm)];
        if (!name) throw new PlatformError("Invalid argument: algorithm");
        return signed(createHmac(name, bytesOf(key, charset)).update(bytesOf(value, charset)).digest());
      },
      computeHmacSha256Signature: (value: unknown, key: unknown, charset?: unknown) =>
        signed(createHmac("sha256", bytesOf(key, charset)).update(bytesOf(value, charset)).digest()),
      base64Encode: (data: unknown, charset?: unknown) => bytesOf(data, charset).toString("base64"),
      // Apps Script's web-safe variant keeps the "=" padding.
      base64EncodeWebSafe: (data: unknown, charset?: unknown) =>
        bytesOf(data, charset).toString("base64").replace(/\+/g, "-").replace(/\//g, "_"),
      base64Decode: (encoded: unknown) => signed(decodeBase64(encoded, false)),
      base64DecodeWebSafe: (encoded: unknown) => signed(decodeBase64(encoded, true)),
      newBlob: (data: unknown, contentType?: unknown, name?: unknown) =>
        createBlob(env, {
          bytes: data === undefined ? Buffer.alloc(0) : bytesOf(data),
          contentType: contentType === undefined ? null : String(contentType),
          name: name === undefined ? null : String(name),
        }),
      formatDate: (date: unknown, timeZone: unknown, pattern: unknown) => {
        if (!isDateValue(date)) throw new PlatformError("Invalid argument: date");
        return formatSimpleDate(timeOf(date), String(timeZone), String(pattern));
      },
      getUuid: () => randomUUID(),
    },
    {
      constants: {
        DigestAlgorithm: Object.fromEntries(Object.keys(DIGESTS).map((key) => [key, key])),
        MacAlgorithm: Object.fromEntries(Object.keys(MACS).map((key) => [key, key])),
        Charset: CHARSETS,
      },
    },
  );
}
