/** Small deterministic randomness: every value derives from a string key, never from Math.random. */

/** FNV-1a, 32-bit: turns a key such as "seed|code|day" into a PRNG seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG keyed by its parts, so the same parts always give the same stream. */
export function randomFor(...parts: Array<string | number>): () => number {
  return mulberry32(hashString(parts.join("|")));
}

/** A Poisson-distributed count with the given mean (normal approximation for large means). */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) {
    // Box-Muller; 1 - random() keeps the log argument above zero.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

export function hexId(random: () => number, length = 24): string {
  let id = "";
  for (let i = 0; i < length; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}
