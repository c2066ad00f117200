import { describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsError } from './index.js';
import { concatBytes, entry, f32Bytes, fileFromHeader, u64 } from './test-support/build-file.js';

/** Expects `run` to throw a SafetensorsError whose message matches every pattern. */
function expectRefused(run: () => unknown, ...patterns: RegExp[]): SafetensorsError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SafetensorsError);
  for (const pattern of patterns) expect((caught as Error).message).toMatch(pattern);
  return caught as SafetensorsError;
}

describe('readSafetensors: a file built byte by byte', () => {
  // Header written by hand; data offsets chosen so that nothing is aligned by accident.
  const header =
    '{"__metadata__":{"format":"pt"},' +
    '"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
    '"b":{"dtype":"F16","shape":[3],"data_offsets":[8,14]},' +
    '"c":{"dtype":"BF16","shape":[2],"data_offsets":[14,18]},' +
    '"d":{"dtype":"I8","shape":[2,2],"data_offsets":[18,22]},' +
    '"e":{"dtype":"I64","shape":[2],"data_offsets":[22,38]},' +
    '"f":{"dtype":"I32","shape":[],"data_offsets":[38,42]},' +
    '"g":{"dtype":"F32","shape":[0,3],"data_offsets":[42,42]}}';
  const data = [
    ...[0x00, 0x00, 0xc0, 0x3f], // a[0] = 1.5 (0x3fc00000)
    ...[0x00, 0x00, 0x20, 0xc1], // a[1] = -10 (0xc1200000)
    ...[0x00, 0x3c], // b[0] = F16 0x3c00: exponent 15 - 15 = 0, mantissa 0 -> 1
    ...[0x00, 0xc5], // b[1] = F16 0xc500: sign, exponent 17 - 15 = 2, mantissa 256/1024 -> -(1.25 * 4) = -5
    ...[0x01, 0x00], // b[2] = F16 0x0001: subnormal, 1 * 2^-24
    ...[0x49, 0x40], // c[0] = BF16 0x4049 = float32 0x40490000: 2 * (1 + 0x49/128) = 3.140625
    ...[0x00, 0xbf], // c[1] = BF16 0xbf00 = float32 0xbf000000 = -0.5
    ...[0x01, 0xff, 0x7f, 0x80], // d = [[1, -1], [127, -128]]
    ...[0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // e[0] = I64 -3
    ...[0xff, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x00], // e[1] = I64 2^31 - 1
    ...[0x07, 0x00, 0x00, 0x00], // f = I32 7 (a scalar)
  ];
  const bytes = fileFromHeader(header, data);

  it('loads every supported dtype with hand-computed values', () => {
    const { tensors, metadata } = readSafetensors(bytes);
    expect(Object.keys(tensors)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.a!.dtype).toBe('f32');
    expect([...tensors.a!.data]).toEqual([1.5, -10]);
    expect(tensors.b!.dtype).toBe('f32');
    expect([...tensors.b!.data]).toEqual([1, -5, 2 ** -24]);
    expect(tensors.c!.dtype).toBe('f32');
    expect([...tensors.c!.data]).toEqual([3.140625, -0.5]);
    expect(tensors.d!.dtype).toBe('s8');
    expect(tensors.d!.toArray()).toEqual([[1, -1], [127, -128]]);
    expect(tensors.e!.dtype).toBe('s32');
    expect([...tensors.e!.data]).toEqual([-3, 2147483647]);
    expect(tensors.f!.shape).toEqual([]);
    expect(tensors.f!.toArray()).toBe(7);
    expect(tensors.g!.shape).toEqual([0, 3]);
    expect(tensors.g!.size).toBe(0);
  });

  it('views int8 data in place and copies float32 data that is not 4-byte aligned', () => {
    const { tensors } = readSafetensors(bytes);
    const dataStart = 8 + new TextEncoder().encode(header).length;
    expect(tensors.d!.data.buffer).toBe(bytes.buffer);
    expect(tensors.d!.data.byteOffset).toBe(dataStart + 18);
    expect(dataStart % 4).not.toBe(0);
    expect(tensors.a!.data.buffer).not.toBe(bytes.buffer);
  });

  it('views aligned float32 data in place (no copy), also inside a larger buffer', () => {
    const header8 = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'.padEnd(56, ' ');
    const file = fileFromHeader(header8, f32Bytes(0.25, -4));
    const host = new Uint8Array(file.length + 16);
    host.set(file, 16);
    const inner = host.subarray(16);
    const w = readSafetensors(inner).tensors.w!;
    expect(w.data.buffer).toBe(host.buffer);
    expect(w.data.byteOffset).toBe(16 + 64);
    expect([...w.data]).toEqual([0.25, -4]);
    // Misaligned host offset: same values, copied.
    const odd = new Uint8Array(file.length + 1);
    odd.set(file, 1);
    const copied = readSafetensors(odd.subarray(1)).tensors.w!;
    expect(copied.data.buffer).not.toBe(odd.buffer);
    expect([...copied.data]).toEqual([0.25, -4]);
  });

  it('accepts an ArrayBuffer, a file with no tensors, null metadata and names like __proto__', () => {
    expect(Object.keys(readSafetensors(fileFromHeader('{}').buffer).tensors)).toEqual([]);
    expect(readSafetensors(fileFromHeader('{"__metadata__":null}')).metadata).toEqual({});
    const odd = readSafetensors(fileFromHeader(`{"__proto__":${entry('I8', [1], 0, 1)}}`, [5]));
    expect(Object.keys(odd.tensors)).toEqual(['__proto__']);
    expect(odd.tensors['__proto__']!.toArray()).toEqual([5]);
  });
});

describe('readSafetensors: malformed files are refused with SafetensorsError', () => {
  it('refuses files too short to hold the header length', () => {
    const error = expectRefused(() => readSafetensors(new Uint8Array(5)), /truncated file: expected at least 8 bytes/, /found 5/);
    expect(error.byteOffset).toBe(5);
  });

  it('refuses absurd header lengths before reading them', () => {
    expectRefused(() => readSafetensors(concatBytes(u64(2n ** 40n), [0x7b, 0x7d])), /header length 1099511627776 .* larger than the 100000000-byte limit/);
    expectRefused(() => readSafetensors(concatBytes(u64(2n ** 64n - 1n))), /18446744073709551615/);
    expectRefused(() => readSafetensors(concatBytes(u64(100_000_001))), /limit/);
  });

  it('refuses a header length that runs past the end of the file', () => {
    const error = expectRefused(() => readSafetensors(concatBytes(u64(100), [0x7b, 0x7d])), /spans bytes 8..108, but the file has only 10 bytes/);
    expect(error.byteOffset).toBe(0);
  });

  it("refuses headers that do not start with '{'", () => {
    expectRefused(() => readSafetensors(fileFromHeader(' {}')), /start with '\{' \(0x7b\) at byte 8, found byte 0x20/);
    expectRefused(() => readSafetensors(fileFromHeader('[]')), /found byte 0x5b/);
    expectRefused(() => readSafetensors(fileFromHeader('')), /found an empty header/);
    expectRefused(() => readSafetensors(concatBytes(u64(5), [0xef, 0xbb, 0xbf, 0x7b, 0x7d])), /found byte 0xef/); // BOM
  });

  it('refuses invalid UTF-8, naming the byte', () => {
    const file = concatBytes(u64(10), new TextEncoder().encode('{"a'), [0xc0, 0xaf], new TextEncoder().encode('":1}  '));
    const error = expectRefused(() => readSafetensors(file), /valid UTF-8/, /0xc0 at byte 11/);
    expect(error.byteOffset).toBe(11);
  });

  it('refuses invalid JSON and non-object headers', () => {
    expectRefused(() => readSafetensors(fileFromHeader('{"a":1,}')), /valid JSON/);
    expectRefused(() => readSafetensors(fileFromHeader('{} x')), /valid JSON/);
    expectRefused(() => readSafetensors(fileFromHeader('{"a":[[[1]]]}')), /nests deeper than 3 levels at byte 15/);
    expectRefused(() => readSafetensors(fileFromHeader(`{"a":${'['.repeat(100_000)}`)), /nests deeper/);
  });

  it('refuses duplicate keys at every level, escaped spellings included', () => {
    const e = entry('I8', [1], 0, 1);
    const top = expectRefused(() => readSafetensors(fileFromHeader(`{"a":${e},"a":${e}}`, [1])), /duplicate key "a" in the header at byte \d+ \(first seen at byte 9\)/);
    expect(top.tensorName).toBe('a');
    expectRefused(() => readSafetensors(fileFromHeader(`{"a":${e},"\\u0061":${e}}`, [1])), /duplicate key "a"/);
    expectRefused(() => readSafetensors(fileFromHeader('{"__metadata__":{"k":"1","k":"2"}}')), /duplicate key "k"/);
    expectRefused(
      () => readSafetensors(fileFromHeader('{"a":{"dtype":"I8","dtype":"F32","shape":[1],"data_offsets":[0,1]}}', [1])),
      /duplicate key "dtype"/,
    );
  });

  it('refuses bad metadata', () => {
    expectRefused(() => readSafetensors(fileFromHeader('{"__metadata__":{"k":1}}')), /"__metadata__" value "k" .* to be a string, found 1/);
    expectRefused(() => readSafetensors(fileFromHeader('{"__metadata__":["k"]}')), /to be an object of strings, found \["k"\]/);
  });

  it('refuses bad entries, naming the tensor and where its entry is', () => {
    const refuse = (body: string, data: number[], ...patterns: RegExp[]) =>
      expectRefused(() => readSafetensors(fileFromHeader(`{"w":${body}}`, data)), /tensor "w" \(header byte 9\)/, ...patterns);
    const error = refuse('3', [], /expected an object \{"dtype", "shape", "data_offsets"\}, found 3/);
    expect(error.tensorName).toBe('w');
    expect(error.byteOffset).toBe(9);
    refuse('{"shape":[1],"data_offsets":[0,1]}', [1], /"dtype" to be a string, found nothing/);
    for (const dtype of ['F64', 'U8', 'BOOL', 'f32']) {
      refuse(entry(dtype, [1], 0, 1), [1], new RegExp(`unsupported dtype "${dtype}"; supported dtypes: F32, F16, BF16, I8, I32, I64`));
    }
    refuse(entry('I8', [-1], 0, 1), [1], /"shape" axis 0 to be a non-negative integer, found -1/);
    refuse(entry('I8', [1, 1.5], 0, 1), [1], /axis 1 .* found 1.5/);
    refuse('{"dtype":"I8","shape":["1"],"data_offsets":[0,1]}', [1], /found "1"/);
    refuse('{"dtype":"I8","shape":2,"data_offsets":[0,1]}', [1], /"shape" to be an array/);
    refuse('{"dtype":"I8","shape":[1],"data_offsets":[0]}', [1], /"data_offsets" to be \[begin, end\]/);
    refuse('{"dtype":"I8","shape":[1],"data_offsets":[0,1e300]}', [1], /"data_offsets" to be \[begin, end\]/);
    refuse(entry('I8', [1], 1, 0), [1], /begin <= end, found \[1, 0\]/);
    refuse(entry('I8', [2], 0, 2), [1], /data_offsets \[0, 2\] run past the end of the data buffer, which holds 1 bytes/);
    refuse(entry('F32', [2, 3], 0, 8), new Array(8).fill(0), /hold 8 bytes, but dtype F32 x shape \[2, 3\] needs 24 bytes/);
    refuse(entry('F32', [2 ** 30, 2 ** 30, 2 ** 30], 0, 8), new Array(8).fill(0), /more elements than 2\^53 - 1/);
  });

  it('refuses overlaps, holes and uncovered bytes', () => {
    const two = (a: [number, number], b: [number, number], size: number) =>
      readSafetensors(fileFromHeader(`{"x":${entry('I8', [a[1] - a[0]], ...a)},"y":${entry('I8', [b[1] - b[0]], ...b)}}`, new Array(size).fill(0)));
    const overlap = expectRefused(() => two([0, 4], [2, 6], 6), /tensor "y": data_offsets \[2, 6\] overlap tensor "x" \[0, 4\]/);
    expect(overlap.tensorName).toBe('y');
    expectRefused(() => two([0, 4], [0, 4], 4), /overlap/);
    expectRefused(() => two([0, 2], [3, 5], 5), /hole in the data buffer: bytes \[2, 3\) before tensor "y"/);
    expectRefused(() => two([1, 3], [3, 5], 5), /hole .* bytes \[0, 1\) before tensor "x"/);
    expectRefused(() => two([0, 2], [2, 4], 6), /holds 6 bytes but the tensors cover only \[0, 4\)/);
    expectRefused(() => readSafetensors(fileFromHeader('{}', [1, 2])), /cover only \[0, 0\)/);
    // An empty tensor inside another tensor's bytes overlaps it.
    expectRefused(() => two([0, 4], [2, 2], 4), /overlap/);
    expect(() => two([0, 4], [4, 4], 4)).not.toThrow();
  });

  it('refuses I64 values outside the s32 range, naming the element', () => {
    const big = fileFromHeader(`{"n":${entry('I64', [2], 0, 16)}}`, [...u64(1), ...u64(2n ** 31n)]);
    const error = expectRefused(() => readSafetensors(big), /tensor "n": I64 value 2147483648 at element 1 .* does not fit in s32/);
    expect(error.tensorName).toBe('n');
    const low = fileFromHeader(`{"n":${entry('I64', [1], 0, 8)}}`, u64(2n ** 64n - 2n ** 31n - 1n));
    expectRefused(() => readSafetensors(low), /I64 value -2147483649/);
    const fits = fileFromHeader(`{"n":${entry('I64', [1], 0, 8)}}`, u64(2n ** 64n - 2n ** 31n));
    expect([...readSafetensors(fits).tensors.n!.data]).toEqual([-(2 ** 31)]);
  });

  it('refuses input that is not bytes', () => {
    expectRefused(() => readSafetensors('abc' as never), /expected the file as a Uint8Array or ArrayBuffer, got string/);
    expectRefused(() => readSafetensors([1, 2] as never), /got a Array/);
  });
});
