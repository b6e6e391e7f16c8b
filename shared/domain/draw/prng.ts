/**
 * Deterministic, platform-independent randomness for the draw.
 * The seed text is expanded by SHA-256 into 128 bits of state for sfc32 (32-bit integer arithmetic
 * only), and integers in a range are drawn by rejection so that no choice depends on floating point.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, sha256Hex } from './canonical.ts';

export interface Prng {
  /** Next unsigned 32-bit integer. */
  nextU32(): number;
  /** Uniform integer in [0, n) (n ≥ 1), unbiased. */
  int(n: number): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream derived from this one and a label (stable across code changes elsewhere). */
  fork(label: string): Prng;
}

function sfc32(a0: number, b0: number, c0: number, d0: number, seedText: string): Prng {
  let a = a0 >>> 0;
  let b = b0 >>> 0;
  let c = c0 >>> 0;
  let d = d0 >>> 0;
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`prng.int: bad range ${n}`);
    if (n === 1) return 0;
    // Reject the top partial bucket so every residue is equally likely. 2^32 mod n equals
    // (2^32 - n) mod n, computed in unsigned 32-bit integers (a float modulo is much slower).
    const limit = 0x1_0000_0000 - ((-n >>> 0) % n);
    for (;;) {
      const x = nextU32();
      if (x < limit) return x % n;
    }
  };
  const prng: Prng = {
    nextU32,
    int,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
    fork(label: string): Prng {
      return createPrng(`${seedText}\u0000${label}`);
    },
  };
  // Warm up: sfc32 mixes poorly during its first outputs.
  for (let i = 0; i < 12; i++) nextU32();
  return prng;
}

/** A PRNG seeded from arbitrary text (the draw seed). */
export function createPrng(seedText: string): Prng {
  const h = createHash('sha256').update(seedText, 'utf8').digest();
  return sfc32(h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12), seedText);
}

/** Commit–reveal: the hash published when the cycle is created, before any input can be tuned. */
export function commitSecret(secret: string): string {
  return sha256Hex(canonicalJson(['cop-review/seed-commitment', secret]));
}

/** True when the revealed secret matches the commitment published earlier. */
export function checkReveal(secret: string, commitment: string): boolean {
  return commitSecret(secret) === commitment.toLowerCase();
}

/** The draw seed: SHA-256 of the revealed secret and the cycle id (unambiguous encoding). */
export function deriveSeed(secret: string, cycleId: string): string {
  return sha256Hex(canonicalJson(['cop-review/draw-seed', secret, cycleId]));
}

/**
 * The seed of a redraw: the revealed secret, the cycle, the reviewed State and the request's
 * position (1 for its first request, 2 for its second...). Asking again cannot draw again, and
 * anyone holding the record can recompute it.
 */
export function deriveRedrawSeed(
  secret: string,
  cycleId: string,
  reviewed: string,
  position: number,
): string {
  return sha256Hex(canonicalJson(['cop-review/redraw-seed', secret, cycleId, reviewed, position]));
}
