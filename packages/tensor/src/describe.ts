/**
 * Short descriptions of values and names for error messages. A message stays short
 * whatever it describes: a typed array of 15 million elements is "a Float32Array of
 * 15,680,000 elements", never its elements or indices.
 *
 * @module
 */

const MAX_STRING_SHOWN = 80;

/**
 * A short description of any value for error messages: numbers and short strings as
 * written (long strings cut, with their length), arrays and typed arrays by class and
 * length, other objects by class.
 *
 * @example
 * ```ts
 * import { describeValue } from '@qaxon/tensor';
 * console.log(describeValue(new Float32Array(15_680_000))); // "a Float32Array of 15,680,000 elements"
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_STRING_SHOWN) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, MAX_STRING_SHOWN))}... (a string of ${formatCount(value.length)} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `an array of length ${formatCount(value.length)}`;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    const article = /^[AEIO]/.test(name) ? 'an' : 'a';
    if (value instanceof DataView) return `${article} ${name} of ${formatCount(value.byteLength)} bytes`;
    return `${article} ${name} of ${formatCount((value as unknown as ArrayLike<unknown>).length)} elements`;
  }
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${formatCount(value.byteLength)} bytes`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/**
 * Lists names for a message, quoted, showing at most `shown` of them and counting the
 * rest ("'a', 'b', 'c' and 12 more"), so a record with a million keys still gives a
 * one-line message.
 *
 * @example
 * ```ts
 * import { listNames } from '@qaxon/tensor';
 * console.log(listNames(['a', 'b', 'c', 'd'], 2)); // "'a', 'b' and 2 more"
 * ```
 */
export function listNames(names: readonly string[], shown = 5): string {
  const quoted = names.slice(0, shown).map((name) => describeName(name));
  const rest = names.length - quoted.length;
  return rest > 0 ? `${quoted.join(', ')} and ${formatCount(rest)} more` : quoted.join(', ');
}

/** A name quoted for a message, cut when very long. */
function describeName(name: string): string {
  return name.length <= MAX_STRING_SHOWN ? `'${name}'` : `'${name.slice(0, MAX_STRING_SHOWN)}...' (${formatCount(name.length)} characters)`;
}

/**
 * A count with thousands separators, e.g. `15,680,000`.
 *
 * @example
 * ```ts
 * import { formatCount } from '@qaxon/tensor';
 * console.log(formatCount(15_680_000)); // "15,680,000"
 * ```
 */
export function formatCount(count: number): string {
  return Number.isSafeInteger(count) ? count.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(count);
}
