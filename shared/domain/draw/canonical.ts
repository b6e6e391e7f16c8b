/**
 * Canonical JSON and SHA-256 helpers: the draw record's digests must be reproducible by anyone,
 * on any machine, from the record alone, so key order and number formatting are fixed here.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (UTF-16 code unit order), no whitespace, `undefined` members dropped.
 * Non-finite numbers are rejected because JSON cannot carry them faithfully.
 * `memo` holds texts already computed for sub-objects (the inputs inside a record), read only.
 */
export function canonicalJson(value: unknown, memo?: WeakMap<object, string>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object' && memo?.get(value) === undefined) {
    const keys = new Set<string>();
    if (collectKeys(value, keys, memo)) return JSON.stringify(value, [...keys].sort());
  }
  return canonicalSlow(value, memo);
}

/**
 * Fast path: when a value holds only plain objects, arrays, strings, booleans, null and finite
 * numbers (and nothing already in `memo`), the native serializer with the sorted list of every key
 * met anywhere as its property list writes exactly the canonical text: the list fixes the key
 * order at every depth, restricted to each object's own keys, and strings and numbers are written
 * by the same JSON.stringify as below. Anything else (class instances, functions, non-finite
 * numbers, `__proto__` keys, memo hits) takes the general path, which also keeps its errors.
 */
const MAX_FAST_KEYS = 8;

function collectKeys(value: object, keys: Set<string>, memo: WeakMap<object, string> | undefined): boolean {
  if (memo?.get(value) !== undefined) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!plainMember(value[i], keys, memo)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const obj = value as Record<string, unknown>;
  const own = Object.keys(obj);
  for (let i = 0; i < own.length; i++) {
    const k = own[i] as string;
    if (k === '__proto__') return false;
    keys.add(k);
    // The native serializer looks up every listed key on every object: past a few keys, serialize
    // level by level instead (each member again tries this path with its own, smaller key list).
    if (keys.size > MAX_FAST_KEYS || !plainMember(obj[k], keys, memo)) return false;
  }
  return true;
}

function plainMember(v: unknown, keys: Set<string>, memo: WeakMap<object, string> | undefined): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || collectKeys(v, keys, memo);
    default:
      return false;
  }
}

function canonicalSlow(value: unknown, memo?: WeakMap<object, string>): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      const known = memo?.get(value);
      if (known !== undefined) return known;
      // String concatenation (V8 ropes) is much lighter on the GC than arrays of fragments.
      let text: string;
      if (Array.isArray(value)) {
        text = '[';
        for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalJson(value[i], memo);
        return `${text}]`;
      }
      const obj = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, the order canonical JSON needs.
      const keys = Object.keys(obj).sort();
      text = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        text += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v, memo)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Pre-computed canonical texts for the given sub-objects, to pass as `memo`. */
export function canonicalMemo(...values: object[]): WeakMap<object, string> {
  const memo = new WeakMap<object, string>();
  for (const v of values) memo.set(v, canonicalJson(v, memo));
  return memo;
}

/** SHA-256 over the canonical JSON of a value. */
export function digestOf(value: unknown, memo?: WeakMap<object, string>): string {
  return sha256Hex(canonicalJson(value, memo));
}
