import type { Prng } from '@qaxon/tensor';
import { MAX_HEADER_BYTES } from '../header-length.js';
import { MAX_HEADER_ENTRIES } from '../header-scan.js';
import { concatBytes, u64 } from './build-file.js';

/** Number of size classes {@link hostileHeader} knows. */
export const HOSTILE_CLASSES = 9;

/**
 * One hostile rewrite of a valid file's header, by size class: what a header within the
 * 100 MB limit can do to a reader (many entries, long arrays, huge empty shapes, long
 * names, deep nesting, lying lengths). `huge` allows the classes past the limits (100,001
 * entries), which cost up to a second each: the caller asks for them a few times only.
 * `sizeClass` forces one of the {@link HOSTILE_CLASSES} classes (random when omitted).
 */
export function hostileHeader(file: Uint8Array, random: Prng, huge: boolean, sizeClass?: number): { bytes: Uint8Array; how: string } {
  const pick = (n: number) => random.nextUint32() % Math.max(n, 1);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  const data = file.subarray(8 + headerLength);
  const names = Object.keys(header).filter((name) => name !== '__metadata__');
  const victim = names[pick(names.length)]!;
  const withHeader = (text: string, how: string, rest: Uint8Array = data) => {
    const json = new TextEncoder().encode(text);
    return { bytes: concatBytes(u64(json.length), json, rest), how };
  };
  const body = JSON.stringify(header).slice(1, -1);
  const manyEntries = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(',');
  const counts = huge ? [MAX_HEADER_ENTRIES + 1] : [1, 10, 100, 1000];
  switch (sizeClass ?? pick(HOSTILE_CLASSES)) {
    case 0: {
      const count = counts[pick(counts.length)]!;
      const zeros = manyEntries(count, (i) => `"z${i}":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}`);
      return withHeader(`{${body},${zeros}}`, `${count} zero-size entries`);
    }
    case 1: {
      const count = counts[pick(counts.length)]!;
      header['__metadata__'] = Object.fromEntries(Array.from({ length: count }, (_, i) => [`m${i}`, 'v']));
      return withHeader(JSON.stringify(header), `${count} metadata entries`);
    }
    case 2: {
      const length = [63, 64, 65, 1000, huge ? 1_000_000 : 5000][pick(5)]!;
      header[victim] = { ...(header[victim] as object), shape: new Array(length).fill(1) };
      return withHeader(JSON.stringify(header), `shape of ${length} axes for ${victim}`);
    }
    case 3: {
      const shapes = [[2e7, 0], [2 ** 32, 0], huge ? [2 ** 20, 0] : [1000, 0], [2 ** 20 + 1, 0], [0, 2e7], [Number.MAX_SAFE_INTEGER, 0], [2 ** 30, 2 ** 30, 2 ** 30]];
      const shape = shapes[pick(shapes.length)]!;
      header[`empty${pick(10)}`] = { dtype: 'F32', shape, data_offsets: [0, 0] };
      return withHeader(JSON.stringify(header), `shape [${shape.join(', ')}]`);
    }
    case 4: {
      const length = [100, 10_000, huge ? 10_000_000 : 100_000][pick(3)]!;
      header['k'.repeat(length)] = { dtype: 'F32', shape: [0], data_offsets: [0, 0] };
      return withHeader(JSON.stringify(header), `a key of ${length} characters`);
    }
    case 5: {
      const depth = [3, 4, 100, huge ? 1_000_000 : 10_000][pick(4)]!;
      return withHeader(`{${body},"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`, `nesting ${depth} deep`);
    }
    case 6: {
      const declared = [MAX_HEADER_BYTES, MAX_HEADER_BYTES + 1, headerLength + 1, 2 ** 53][pick(4)]!;
      const bytes = file.slice();
      new DataView(bytes.buffer).setBigUint64(0, BigInt(declared), true);
      return { bytes, how: `header length ${declared} on a ${file.length}-byte file` };
    }
    case 7: {
      const padding = [1000, huge ? 50_000_000 : 100_000][pick(2)]!;
      return withHeader(`{${body}}${' '.repeat(padding)}`, `${padding} bytes of trailing spaces`);
    }
    default: {
      const offsets = [[0, 2 ** 53], [2 ** 53 - 1, 2 ** 53 - 1], [-1, 0], [0.5, 4]][pick(4)]!;
      header[victim] = { ...(header[victim] as object), data_offsets: offsets };
      return withHeader(JSON.stringify(header), `data_offsets [${offsets.join(', ')}] for ${victim}`);
    }
  }
}
