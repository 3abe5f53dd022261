/** SHA-256 as lower-case hex. Utilities.computeDigest returns Java's signed bytes. */
export function sha256Hex(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  let hex = "";
  for (const byte of bytes) hex += ((byte + 256) % 256).toString(16).padStart(2, "0");
  return hex;
}
