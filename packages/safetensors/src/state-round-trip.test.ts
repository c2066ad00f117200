import { ModelState } from '@qaxon/graph';
import { QTensor, Tensor, randomNormal, tensor, zeros } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors, writeSafetensors, type LoadReport } from './index.js';

const bytesOf = (t: Tensor): number[] => [...new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)];

/** Exact equality of two states: same parameters, same kinds, same bytes, same frozen set. */
function expectIdentical(actual: ModelState, expected: ModelState): void {
  const list = (state: ModelState) => [...state.parameters()].map(([layer, param]) => [layer, param]);
  expect(list(actual).sort()).toEqual(list(expected).sort());
  for (const [layer, param, value] of expected.parameters()) {
    const loaded = actual.get(layer, param)!;
    if (value instanceof QTensor) {
      expect(loaded).toBeInstanceOf(QTensor);
      const q = loaded as QTensor;
      expect(q.shape).toEqual(value.shape);
      expect(bytesOf(q.value)).toEqual(bytesOf(value.value));
      expect(bytesOf(q.scale)).toEqual(bytesOf(value.scale));
      expect(bytesOf(q.zeroPoint)).toEqual(bytesOf(value.zeroPoint));
    } else {
      expect(loaded).toBeInstanceOf(Tensor);
      expect((loaded as Tensor).dtype).toBe(value.dtype);
      expect(loaded.shape).toEqual(value.shape);
      expect(bytesOf(loaded as Tensor)).toEqual(bytesOf(value as Tensor));
    }
    expect(actual.isFrozen(layer, param)).toBe(expected.isFrozen(layer, param));
  }
  expect(actual.frozenParameters().map((key) => key.join('/')).sort()).toEqual(expected.frozenParameters().map((key) => key.join('/')).sort());
}

const floatState = ModelState.empty()
  .set('dense_0', 'kernel', randomNormal([5, 4], { seed: 1 }))
  .set('dense_0', 'bias', tensor([0.1, -0.2, Number.NaN, -0]))
  .set('dense_1', 'kernel', randomNormal([4, 3], { seed: 2 }))
  .set('dense_1', 'bias', zeros([3]))
  .set('counter', 'steps', tensor([7], { dtype: 's32' }));

const quantizedState = ModelState.empty()
  .set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([5, 4], { seed: 1 })))
  .set('dense_0', 'bias', tensor([0.1, -0.2, 0.3, -0.4]))
  .set('dense_1', 'kernel', randomNormal([4, 3], { seed: 2 }))
  .set('dense_1', 'bias', zeros([3]))
  .freeze(([layer]) => layer === 'dense_0');

describe('toSafetensors / fromSafetensors', () => {
  it('round-trips a float state exactly (NaN and -0 included)', () => {
    expectIdentical(fromSafetensors(toSafetensors(floatState)), floatState);
  });

  it('round-trips a quantized state exactly, frozen set included', () => {
    const back = fromSafetensors(toSafetensors(quantizedState));
    expectIdentical(back, quantizedState);
    expect(back.isFrozen('dense_0', 'bias')).toBe(true);
    expect(back.isFrozen('dense_1', 'kernel')).toBe(false);
  });

  it('stores QTensor parts as I8/F32/I8 tensors and describes the state in metadata', () => {
    const { tensors, metadata } = readSafetensors(toSafetensors(quantizedState, { metadata: { source: 'test' } }));
    expect(Object.keys(tensors).sort()).toEqual([
      'dense_0.bias',
      'dense_0.kernel.scale',
      'dense_0.kernel.value',
      'dense_0.kernel.zero_point',
      'dense_1.bias',
      'dense_1.kernel',
    ]);
    expect(tensors['dense_0.kernel.value']!.dtype).toBe('s8');
    expect(tensors['dense_0.kernel.scale']!.dtype).toBe('f32');
    expect(tensors['dense_0.kernel.zero_point']!.dtype).toBe('s8');
    expect({ ...metadata }).toEqual({
      'qaxon.format': '1',
      'qaxon.parameters': '{"dense_0":{"kernel":"qtensor","bias":"tensor"},"dense_1":{"kernel":"tensor","bias":"tensor"}}',
      'qaxon.frozen': '[["dense_0","kernel"],["dense_0","bias"]]',
      source: 'test',
    });
  });

  it('loads int8 parts as views of the file (no float32 copy) and aligned float data in place', () => {
    const bytes = toSafetensors(quantizedState);
    const kernel = fromSafetensors(bytes).get('dense_0', 'kernel') as QTensor;
    expect(kernel.value.data).toBeInstanceOf(Int8Array);
    expect(kernel.value.data.buffer).toBe(bytes.buffer);
    expect(kernel.scale.data.buffer).toBe(bytes.buffer);
    expect((fromSafetensors(bytes).get('dense_1', 'kernel') as Tensor).data.buffer).toBe(bytes.buffer);
  });

  it('round-trips layer and parameter names containing dots unambiguously', () => {
    const state = ModelState.empty()
      .set('encoder.block.0', 'kernel', QTensor.fromTensor(randomNormal([3, 2], { seed: 4 })))
      .set('encoder.block', '0.kernel', tensor([[1, 2]]))
      .set('a', 'b.c', tensor([1]))
      .set('a.b', 'd', tensor([2]))
      .set('', 'odd', tensor([3]))
      .set('x', '', tensor([4]))
      .freeze(([layer, param]) => layer === 'a' && param === 'b.c');
    const back = fromSafetensors(toSafetensors(state));
    expectIdentical(back, state);
    expect(back.layers().sort()).toEqual(['', 'a', 'a.b', 'encoder.block', 'encoder.block.0', 'x']);
  });

  it('refuses states whose names would coincide in the file, naming both parameters', () => {
    const clash = ModelState.empty().set('a.b', 'c', tensor([1])).set('a', 'b.c', tensor([2]));
    expect(() => toSafetensors(clash)).toThrow(/layer "a" parameter "b.c" and layer "a.b" parameter "c": both would be saved as tensor "a.b.c"/);
    const partClash = ModelState.empty().set('x', 'k', QTensor.fromTensor(tensor([[1]]))).set('x.k', 'value', tensor([1]));
    expect(() => toSafetensors(partClash)).toThrow(SafetensorsError);
  });

  it('refuses reserved metadata keys and non-states', () => {
    expect(() => toSafetensors(floatState, { metadata: { 'qaxon.format': '2' } })).toThrow(/"qaxon.format" is reserved/);
    expect(() => toSafetensors({} as never)).toThrow(/expected a ModelState/);
  });
});

describe('fromSafetensors: files from elsewhere and mappings', () => {
  // A PyTorch-style file: nn.Linear(3, 2) weight [out, in] = [2, 3], bias, and an I64 buffer.
  const pytorch = writeSafetensors(
    {
      'fc1.weight': tensor([[1, 2, 3], [4, 5, 6]]),
      'fc1.bias': tensor([0.5, -0.5]),
      'bn.num_batches_tracked': tensor([12], { dtype: 's32' }),
    },
    { format: 'pt' },
  );

  it('splits names at the last dot by default', () => {
    const state = fromSafetensors(pytorch);
    expect(state.get('fc1', 'weight')!.shape).toEqual([2, 3]);
    expect(state.get('bn', 'num_batches_tracked')!.shape).toEqual([1]);
    expect(state.frozenParameters()).toEqual([]);
  });

  it('renames, transposes and skips with a mapping record', () => {
    const state = fromSafetensors(pytorch, {
      mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true }, 'fc1.bias': 'dense_0.bias', 'bn.num_batches_tracked': null },
    });
    expect(state.layers()).toEqual(['dense_0']);
    expect((state.get('dense_0', 'kernel') as Tensor).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect((state.get('dense_0', 'bias') as Tensor).toArray()).toEqual([0.5, -0.5]);
  });

  it('renames with a mapping function and with explicit [layer, param] targets', () => {
    const reports: LoadReport[] = [];
    const state = fromSafetensors(pytorch, {
      mapping: (name) => (name.startsWith('bn.') ? null : name === 'fc1.bias' ? ['encoder.fc1', 'bias'] : undefined),
      unmapped: 'keep',
      onReport: (report) => reports.push(report),
    });
    expect(state.get('encoder.fc1', 'bias')).toBeDefined();
    expect(state.get('fc1', 'weight')).toBeDefined();
    expect(state.has('bn', 'num_batches_tracked')).toBe(false);
    expect(reports).toEqual([{ unmapped: ['fc1.weight'], skipped: ['bn.num_batches_tracked'] }]);
  });

  it('refuses, by default, tensors a mapping leaves out (a typo would leave a parameter missing)', () => {
    const typo = { 'fc1.weight': { to: 'dense_0.kernel', transpose: true }, 'fc1.bias': 'dense_0.bias' };
    expect(() => fromSafetensors(pytorch, { mapping: typo })).toThrow(SafetensorsError);
    expect(() => fromSafetensors(pytorch, { mapping: typo })).toThrow(
      `the mapping does not name 1 tensor of the file: "bn.num_batches_tracked"; map it to a parameter, skip it with null, or pass unmapped: 'keep' to load it under its own name`,
    );
    expect(() => fromSafetensors(pytorch, { mapping: () => undefined })).toThrow(/does not name 3 tensors of the file: .*"fc1.weight"/);
    expect(() => fromSafetensors(pytorch, { mapping: typo, unmapped: 'ignore' as never })).toThrow(/expected unmapped to be 'error' or 'keep', got "ignore"/);
    const reports: LoadReport[] = [];
    const kept = fromSafetensors(pytorch, { mapping: typo, unmapped: 'keep', onReport: (report) => reports.push(report) });
    expect(kept.has('bn', 'num_batches_tracked')).toBe(true);
    expect(reports).toEqual([{ unmapped: ['bn.num_batches_tracked'], skipped: [] }]);
  });

  it('maps parameters of qaxon files by <layer>.<param>, keeping frozen marks', () => {
    const state = fromSafetensors(toSafetensors(quantizedState), { mapping: { 'dense_0.kernel': 'first.kernel' }, unmapped: 'keep' });
    expect(state.get('first', 'kernel')).toBeInstanceOf(QTensor);
    expect(state.isFrozen('first', 'kernel')).toBe(true);
  });

  it('refuses bad mappings with clear errors', () => {
    expect(() => fromSafetensors(pytorch, { mapping: { 'fc3.weight': 'x.y' } })).toThrow(/mapping names "fc3.weight", which is not in the file; the file has/);
    expect(() => fromSafetensors(pytorch, { mapping: { 'fc1.bias': 'nodot' } })).toThrow(/cannot tell layer from parameter in "nodot" \(the mapping target of "fc1.bias"\)/);
    expect(() => fromSafetensors(pytorch, { mapping: { 'fc1.bias': 3 as never } })).toThrow(/expected '<layer>.<param>', \[layer, param\], \{ to, transpose\? \} or null, got 3/);
    expect(() => fromSafetensors(pytorch, { mapping: { 'fc1.bias': { to: 'a.b', transpose: true } } })).toThrow(/transpose needs a rank-2 tensor, found shape \[2\]/);
    expect(() => fromSafetensors(pytorch, { mapping: { 'fc1.bias': 'fc1.weight' } })).toThrow(/"fc1.bias" and "fc1.weight" both load into layer "fc1" parameter "weight"/);
    expect(() => fromSafetensors(toSafetensors(quantizedState), { mapping: { 'dense_0.kernel': { to: 'a.b', transpose: true } } })).toThrow(/cannot transpose a QTensor/);
    expect(() => fromSafetensors(writeSafetensors({ '__proto__.weight': tensor([1]) }))).toThrow(/"__proto__" cannot name a layer or parameter/);
    expect(fromSafetensors(writeSafetensors({ '__proto__.weight': tensor([1]) }), { mapping: { '__proto__.weight': 'p.weight' } }).has('p', 'weight')).toBe(true);
    expect(() => fromSafetensors(writeSafetensors({ weight: tensor([1]) }))).toThrow(/cannot tell layer from parameter in "weight": expected '<layer>.<param>'; pass a mapping/);
  });
});

describe('fromSafetensors: inconsistent qaxon metadata is refused', () => {
  const q = QTensor.fromTensor(tensor([[1, -2], [3, 4]]));
  const file = (tensors: Record<string, Tensor>, metadata: Record<string, string>) => () => fromSafetensors(writeSafetensors(tensors, metadata));
  const good = { 'qaxon.format': '1', 'qaxon.parameters': '{"d":{"k":"qtensor"}}', 'qaxon.frozen': '[]' };
  const parts = { 'd.k.value': q.value, 'd.k.scale': q.scale, 'd.k.zero_point': q.zeroPoint };

  it('accepts the consistent file', () => {
    expect(file(parts, good)()).toBeInstanceOf(ModelState);
  });

  it('refuses unknown versions and broken layout metadata', () => {
    expect(file(parts, { ...good, 'qaxon.format': '4' })).toThrow(/"qaxon.format" is "4"; this version of @qaxon\/safetensors reads formats "1", "2", "3"/);
    expect(file(parts, { 'qaxon.format': '1' })).toThrow(/"qaxon.parameters" is missing/);
    expect(file(parts, { ...good, 'qaxon.parameters': '{"d":' })).toThrow(/found invalid JSON/);
    expect(file(parts, { ...good, 'qaxon.parameters': '[]' })).toThrow(/expected JSON \{"<layer>"/);
    expect(file(parts, { ...good, 'qaxon.parameters': '{"d":{"k":"int4"}}' })).toThrow(/to be "tensor" or "qtensor", found "int4"/);
    expect(file(parts, { ...good, 'qaxon.frozen': '[["d"]]' })).toThrow(/expected entry 0 to be \["<layer>", "<param>"\]/);
    expect(file(parts, { ...good, 'qaxon.frozen': '[["d","bias"]]' })).toThrow(/freezes \["d","bias"\], which is not a parameter/);
  });

  it('refuses tensors missing from, or not listed in, the layout', () => {
    expect(file({ 'd.k.value': q.value, 'd.k.scale': q.scale }, good)).toThrow(/lists layer "d" parameter "k" \(QTensor zero point\), but the file has no tensor "d.k.zero_point"/);
    expect(file({ ...parts, extra: tensor([1]) }, good)).toThrow(/tensor "extra" is not listed in metadata "qaxon.parameters"/);
    expect(file({ 'a.b.c': tensor([1]) }, { ...good, 'qaxon.parameters': '{"a.b":{"c":"tensor"},"a":{"b.c":"tensor"}}' })).toThrow(/gives tensor "a.b.c" to both/);
  });

  it('refuses QTensor parts of the wrong dtype or shape, naming the part', () => {
    expect(file({ ...parts, 'd.k.value': tensor([[1, 2], [3, 4]]) }, good)).toThrow(/QTensor "d.k": expected tensor "d.k.value" to be I8 of rank 2 \[in, units\], found f32 \[2, 2\]/);
    expect(file({ ...parts, 'd.k.scale': tensor([1, 2, 3]) }, good)).toThrow(/expected tensor "d.k.scale" to be F32 of shape \[2\], found f32 \[3\]/);
    expect(file({ ...parts, 'd.k.zero_point': tensor([0, 0], { dtype: 's32' }) }, good)).toThrow(/"d.k.zero_point" to be I8 of shape \[2\]/);
  });
});
