import { QTensor, ones, randomNormal, tensor, zeros } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { ModelState, ParameterError } from './index.js';

describe('ModelState', () => {
  const base = ModelState.empty()
    .set('dense_0', 'kernel', ones([4, 3]))
    .set('dense_0', 'bias', zeros([3]))
    .set('dense_1', 'kernel', ones([3, 2]));

  it('stores parameters by layer and name, reachable as data[layer][param] and get()', () => {
    expect(base.data['dense_0']!['kernel']!.shape).toEqual([4, 3]);
    expect(base.get('dense_1', 'kernel')!.shape).toEqual([3, 2]);
    expect(base.get('dense_1', 'bias')).toBeUndefined();
    expect(base.get('nope', 'kernel')).toBeUndefined();
    expect(base.has('dense_0', 'bias')).toBe(true);
    expect(base.layers()).toEqual(['dense_0', 'dense_1']);
    expect([...base].map(([layer, parameter]) => `${layer}.${parameter}`)).toEqual(['dense_0.kernel', 'dense_0.bias', 'dense_1.kernel']);
  });

  it('is immutable: set, freeze and unfreeze return new states', () => {
    const changed = base.set('dense_0', 'bias', ones([3]));
    expect((base.get('dense_0', 'bias') as ReturnType<typeof zeros>).byteSize).toBe(12);
    expect([...(base.get('dense_0', 'bias') as ReturnType<typeof zeros>).data]).toEqual([0, 0, 0]);
    expect([...(changed.get('dense_0', 'bias') as ReturnType<typeof ones>).data]).toEqual([1, 1, 1]);
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.data)).toBe(true);
    expect(Object.isFrozen(base.data['dense_0'])).toBe(true);
    const frozen = base.freeze();
    expect(base.isFrozen('dense_0', 'kernel')).toBe(false);
    expect(frozen.isFrozen('dense_0', 'kernel')).toBe(true);
  });

  it('freezes and unfreezes by a predicate over [layer, param], and lists frozen parameters', () => {
    const frozen = base.freeze(([layer]) => layer === 'dense_0');
    expect(frozen.frozenParameters()).toEqual([
      ['dense_0', 'kernel'],
      ['dense_0', 'bias'],
    ]);
    expect(frozen.isFrozen('dense_1', 'kernel')).toBe(false);
    const partly = frozen.unfreeze(([, parameter]) => parameter === 'bias');
    expect(partly.frozenParameters()).toEqual([['dense_0', 'kernel']]);
    expect(partly.set('dense_0', 'kernel', ones([4, 3])).isFrozen('dense_0', 'kernel')).toBe(true);
    expect(base.freeze().unfreeze().frozenParameters()).toEqual([]);
  });

  it('counts parameters and the bytes actually held, QTensors by their parts', () => {
    expect(base.parameterCount()).toBe(12 + 3 + 6);
    expect(base.byteSize()).toBe(4 * (12 + 3 + 6));
    const w = randomNormal([4, 3], { seed: 1 });
    const quantized = base.set('dense_0', 'kernel', QTensor.fromTensor(w));
    expect(quantized.parameterCount()).toBe(12 + 3 + 6);
    expect(quantized.byteSize()).toBe(12 + 4 * 3 + 3 + 4 * 3 + 4 * 6);
    expect(String(quantized.freeze(([l, p]) => l === 'dense_0' && p === 'kernel'))).toBe(
      'ModelState { dense_0.kernel: QTensor<s8>[4][3] (frozen), dense_0.bias: f32[3], dense_1.kernel: f32[3][2] }',
    );
    expect(String(ModelState.empty())).toBe('ModelState {}');
  });

  it('builds from data with frozen keys, and refuses bad values and unknown frozen keys', () => {
    const state = ModelState.fromData({ a: { w: tensor([1, 2]) } }, { frozen: [['a', 'w']] });
    expect(state.isFrozen('a', 'w')).toBe(true);
    expect(() => ModelState.fromData({ a: { w: [1, 2] as never } })).toThrow(ParameterError);
    expect(() => ModelState.fromData({ a: { w: [1, 2] as never } })).toThrow("expected 'a.w' to be a Tensor, a QTensor or a backend Handle, got an array of length 2");
    expect(() => ModelState.fromData({ a: { w: tensor([1]) } }, { frozen: [['a', 'v']] })).toThrow("cannot freeze 'a.v'");
    expect(() => base.set('x', 'y', 3 as never)).toThrow(ParameterError);
  });

  it('keeps layer and parameter names apart in frozen keys (no separator collisions)', () => {
    const state = ModelState.empty().set('a.b', 'c', ones([1])).set('a', 'b.c', ones([1])).freeze(([layer]) => layer === 'a');
    expect(state.isFrozen('a', 'b.c')).toBe(true);
    expect(state.isFrozen('a.b', 'c')).toBe(false);
  });
});

describe('ModelState with unusual names', () => {
  it("keeps a layer or parameter named '__proto__' as an ordinary entry", () => {
    const value = ones([2]);
    const viaData = ModelState.fromData({ ['__proto__']: { ['__proto__']: value } } as never, { frozen: [['__proto__', '__proto__']] });
    expect(viaData.get('__proto__', '__proto__')).toBe(value);
    expect(viaData.layers()).toEqual(['__proto__']);
    expect(viaData.isFrozen('__proto__', '__proto__')).toBe(true);
    const viaSet = ModelState.empty().set('__proto__', 'kernel', value).set('dense_0', '__proto__', value);
    expect(viaSet.get('__proto__', 'kernel')).toBe(value);
    expect(viaSet.get('dense_0', '__proto__')).toBe(value);
    expect(viaSet.parameterCount()).toBe(4);
    expect(ModelState.empty().get('__proto__', 'toString')).toBeUndefined();
  });
});
