/**
 * A small seeded PRNG (mulberry32) so sample data is reproducible: same seed, same data.
 * Never Math.random, never the clock. Independent streams are derived from the seed and a
 * label (e.g. an indicator code), so adding an indicator does not reshuffle the others.
 */

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a uniform generator on [0, 1) from a 32-bit state. */
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

export interface SampleRng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform on [min, max). */
  range(min: number, max: number): number;
  /** Integer uniform on [min, max] (both included). */
  int(min: number, max: number): number;
  /** Normal with mean 0 and standard deviation `sd` (Box–Muller). */
  normal(sd: number): number;
  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** A stream for `seed` and the given labels. */
export function sampleRng(seed: number, ...labels: readonly (string | number)[]): SampleRng {
  const next = mulberry32(fnv1a(`${seed >>> 0}|${labels.join('|')}`));
  // Warm up: the first outputs of nearby states are correlated.
  next();
  next();
  const rng: SampleRng = {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (sd) => {
      const u = 1 - next();
      const v = next();
      return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const a = out[i] as T;
        out[i] = out[j] as T;
        out[j] = a;
      }
      return out;
    },
  };
  return rng;
}
