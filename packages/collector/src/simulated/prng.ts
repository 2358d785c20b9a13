/** A seeded pseudo-random source: `next()` returns [0, 1). */
export interface Rng {
  next(): number;
}

/** mulberry32: tiny, fast, and good enough for plausible noise; the same seed gives the same run. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
}

/** Uniform in [min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** Roughly normal noise (sum of uniforms), mean 0, standard deviation `sd`. */
export function noise(rng: Rng, sd: number): number {
  return (rng.next() + rng.next() + rng.next() - 1.5) * 2 * sd;
}

/** `length` lowercase hex digits. */
export function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rng.next() * 16).toString(16);
  return out;
}
