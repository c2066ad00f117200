import fc from 'fast-check';
import { Tensor, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsError, writeSafetensors } from './index.js';
import { f32Bytes } from './test-support/build-file.js';

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('writeSafetensors: the layout of the specification', () => {
  it('writes u64 length, JSON header and raw little-endian data, checked byte by byte', () => {
    const bytes = writeSafetensors({ 'attn.0': tensor([0, 1, 2, 3, 4, 5], { shape: [1, 2, 3] }) });
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    expect(header.length).toBe(64); // already a multiple of 8: no padding
    expect([...bytes]).toEqual([64, 0, 0, 0, 0, 0, 0, 0, ...ascii(header), ...f32Bytes(0, 1, 2, 3, 4, 5)]);
  });

  it('pads the header with spaces to a multiple of 8 so float data is aligned', () => {
    const bytes = writeSafetensors({ attn0: tensor([0, 1, 2, 3, 4, 5], { shape: [1, 1, 2, 3] }) });
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}';
    expect(header.length).toBe(65);
    expect([...bytes]).toEqual([72, 0, 0, 0, 0, 0, 0, 0, ...ascii(header), ...ascii('       '), ...f32Bytes(0, 1, 2, 3, 4, 5)]);
  });

  it('writes an empty file and metadata like the reference', () => {
    expect([...writeSafetensors({})]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, ...ascii('{}      ')]);
    const withMetadata = writeSafetensors({}, { framework: 'pt' });
    expect([...withMetadata]).toEqual([40, 0, 0, 0, 0, 0, 0, 0, ...ascii('{"__metadata__":{"framework":"pt"}}     ')]);
  });

  it('orders tensors by element size then name, each aligned to its element size', () => {
    const bytes = writeSafetensors({
      q: tensor([1, -2, 3], { dtype: 's8' }),
      b: tensor([0.5]),
      a: tensor([7, 8], { dtype: 's32' }),
      c: tensor([-1], { dtype: 's8' }),
    });
    const length = bytes[0]! | (bytes[1]! << 8);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<string, { data_offsets: number[] }>;
    expect(Object.keys(header)).toEqual(['a', 'b', 'c', 'q']);
    expect(header.a!.data_offsets).toEqual([0, 8]);
    expect(header.b!.data_offsets).toEqual([8, 12]);
    expect(header.c!.data_offsets).toEqual([12, 13]);
    expect(header.q!.data_offsets).toEqual([13, 16]);
    expect(length % 8).toBe(0);
    const read = readSafetensors(bytes).tensors;
    expect(read.a!.data.buffer).toBe(bytes.buffer); // aligned: a view, not a copy
    expect(read.b!.data.buffer).toBe(bytes.buffer);
    expect(read.q!.toArray()).toEqual([1, -2, 3]);
  });

  it('writes from tensor views inside larger buffers', () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    const view = new Tensor(backing.subarray(1, 3), [2], 'f32');
    expect([...readSafetensors(writeSafetensors({ v: view })).tensors.v!.data]).toEqual([1, 2]);
  });

  it('refuses what it cannot write', () => {
    expect(() => writeSafetensors({ __metadata__: tensor([1]) })).toThrow(/"__metadata__" is reserved/);
    expect(() => writeSafetensors({ w: [1, 2] as never })).toThrow(/expected tensor "w" to be a Tensor, got an array/);
    expect(() => writeSafetensors({}, { k: 1 as never })).toThrow(/metadata value "k" to be a string, got number/);
    expect(() => writeSafetensors(null as never)).toThrow(SafetensorsError);
  });
});

describe('writeSafetensors / readSafetensors round trip', () => {
  const dtypeArb = fc.constantFrom('f32' as const, 's8' as const, 's32' as const);
  const tensorArb = fc
    .tuple(dtypeArb, fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }), fc.integer())
    .map(([dtype, shape, seed]) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const raw = new Uint8Array(size * (dtype === 's8' ? 1 : 4)).map((_, i) => (seed * 31 + i * 17) & 0xff);
      const data = dtype === 'f32' ? new Float32Array(raw.buffer) : dtype === 's8' ? new Int8Array(raw.buffer) : new Int32Array(raw.buffer);
      return new Tensor(data as never, shape, dtype);
    });

  it('is exact, bit for bit (NaN payloads included), for any names, dtypes and shapes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((s) => s !== '__metadata__'), tensorArb, { maxKeys: 6 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), (tensors, metadata) => {
        const back = readSafetensors(writeSafetensors(tensors, metadata));
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, original] of Object.entries(tensors)) {
          const loaded = back.tensors[name]!;
          expect(loaded.dtype).toBe(original.dtype);
          expect(loaded.shape).toEqual(original.shape);
          const bytesOf = (t: Tensor) => [...new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)];
          expect(bytesOf(loaded)).toEqual(bytesOf(original));
        }
        expect({ ...back.metadata }).toEqual({ ...metadata });
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
