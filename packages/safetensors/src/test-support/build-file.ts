/**
 * Builds safetensors files byte by byte for tests, independently of the writer under test.
 */

/** Concatenates byte arrays. */
export function concatBytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((part) => (part instanceof Uint8Array ? part : Uint8Array.from(part)));
  const out = new Uint8Array(arrays.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of arrays) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The 8-byte little-endian u64 encoding of `value`. */
export function u64(value: number | bigint): number[] {
  let rest = BigInt(value);
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return out;
}

/** A file from a header given as text (not padded) and raw data bytes. */
export function fileFromHeader(header: string, data: Uint8Array | number[] = []): Uint8Array {
  const json = new TextEncoder().encode(header);
  return concatBytes(u64(json.length), json, data);
}

/** Little-endian bytes of float32 values. */
export function f32Bytes(...values: number[]): number[] {
  return [...new Uint8Array(new Float32Array(values).buffer)];
}

/** A one-tensor header entry. */
export function entry(dtype: string, shape: number[], begin: number, end: number): string {
  return JSON.stringify({ dtype, shape, data_offsets: [begin, end] });
}
