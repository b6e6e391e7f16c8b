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
