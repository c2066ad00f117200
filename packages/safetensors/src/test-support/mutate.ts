import type { Prng } from '@qaxon/tensor';

/** One random mutation of a valid file: what a corrupted download or a hostile file looks like. */
export function mutate(file: Uint8Array, random: Prng): { bytes: Uint8Array; how: string } {
  const pick = (n: number) => random.nextUint32() % Math.max(n, 1);
  const headerEnd = Math.min(file.length, 8 + (file[0]! | (file[1]! << 8) | (file[2]! << 16)));
  const bytes = file.slice();
  switch (pick(8)) {
    case 0: {
      const at = pick(bytes.length);
      bytes[at] = bytes[at]! ^ (1 << pick(8));
      return { bytes, how: `flip a bit of byte ${at}` };
    }
    case 1: {
      // Mostly inside the header, where parsing happens.
      const count = 1 + pick(4);
      for (let i = 0; i < count; i++) bytes[pick(headerEnd)] = pick(256);
      return { bytes, how: `set ${count} header bytes` };
    }
    case 2: {
      const at = 8 + pick(headerEnd - 8);
      const interesting = ['"', '{', '}', '[', ']', ',', ':', '-', '0', '9', '\\', ' ', 'e', '.'];
      bytes[at] = interesting[pick(interesting.length)]!.charCodeAt(0);
      return { bytes, how: `set JSON punctuation at ${at}` };
    }
    case 3: {
      const length = pick(file.length);
      return { bytes: file.slice(0, length), how: `truncate to ${length}` };
    }
    case 4: {
      const edits = [0, 1, -1, 7, -8, 2 ** 20, 100_000_001, 2 ** 32, -(2 ** 31)];
      const delta = edits[pick(edits.length)]!;
      const value = (BigInt(headerEnd - 8) + BigInt(delta)) & 0xffffffffffffffffn;
      const view = new DataView(bytes.buffer);
      view.setBigUint64(0, value, true);
      return { bytes, how: `header length ${value}` };
    }
    case 5: {
      const at = pick(bytes.length);
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes.subarray(0, at));
      out[at] = pick(256);
      out.set(bytes.subarray(at), at + 1);
      return { bytes: out, how: `insert a byte at ${at}` };
    }
    case 6: {
      const at = pick(bytes.length);
      return { bytes: new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]), how: `delete byte ${at}` };
    }
    default: {
      // A digit in the header changed: offsets and shapes that lie.
      const digits: number[] = [];
      for (let i = 8; i < headerEnd; i++) if (bytes[i]! >= 0x30 && bytes[i]! <= 0x39) digits.push(i);
      if (digits.length === 0) return { bytes, how: 'no digit to change' };
      const at = digits[pick(digits.length)]!;
      bytes[at] = 0x30 + pick(10);
      return { bytes, how: `change digit at ${at}` };
    }
  }
}
