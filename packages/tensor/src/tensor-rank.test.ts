// The rank type parameter of Tensor: checked by `tsc --noEmit` (the package's typecheck,
// expectTypeOf and @ts-expect-error) and at run time by vitest (the values match the types).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { add } from './elementwise.js';
import { tensor, zeros } from './create.js';
import { Tensor, type NestedArray, type NestedArrayFor } from './tensor.js';
import type { RankOfValues } from './create.js';

describe('Tensor rank type', () => {
  it('follows the nesting of the values given to tensor()', () => {
    const scalar = tensor(3.5);
    const vector = tensor([1, 2, 3]);
    const matrix = tensor([[1, 2], [3, 4]]);
    const cube = tensor([[[1], [2]]]);
    expectTypeOf(scalar).toEqualTypeOf<Tensor<'f32', 0>>();
    expectTypeOf(vector).toEqualTypeOf<Tensor<'f32', 1>>();
    expectTypeOf(matrix).toEqualTypeOf<Tensor<'f32', 2>>();
    expectTypeOf(cube.rank).toEqualTypeOf<3>();
    expect([scalar.rank, vector.rank, matrix.rank, cube.rank]).toEqual([0, 1, 2, 3]);
  });

  it('types toArray() so that indexing compiles under strict (the issue: y.toArray()[0])', () => {
    const matrix = tensor([[1, 2], [3, 4]]);
    const row = matrix.toArray()[0];
    expectTypeOf(row).toEqualTypeOf<number[] | undefined>();
    expect(row).toEqual([1, 2]);
    expectTypeOf(tensor(2).toArray()).toEqualTypeOf<number>();
    expectTypeOf(tensor(new Int8Array([1]), { dtype: 's8' })).toEqualTypeOf<Tensor<'s8', 1>>();
  });

  it('takes a literal shape option as the rank', () => {
    const square = tensor([1, 2, 3, 4], { shape: [2, 2] });
    expectTypeOf(square).toEqualTypeOf<Tensor<'f32', 2>>();
    expect(square.toArray()[1]).toEqual([3, 4]);
    const shape: readonly number[] = [4];
    expectTypeOf(tensor([1, 2, 3, 4], { shape })).toEqualTypeOf<Tensor<'f32'>>();
  });

  it('is number (not known statically) for operation results, new Tensor and widened values', () => {
    const matrix = tensor([[1, 2], [3, 4]]);
    const y = add(matrix, 1);
    expectTypeOf(y).toEqualTypeOf<Tensor<'f32', number>>();
    expectTypeOf(y.toArray()).toEqualTypeOf<NestedArray>();
    // @ts-expect-error NestedArray may be a number: give the rank you expect instead.
    void y.toArray()[0];
    expectTypeOf(y.toArray(2)[0]).toEqualTypeOf<number[] | undefined>();
    expectTypeOf(new Tensor(new Float32Array(2), [2], 'f32')).toEqualTypeOf<Tensor<'f32'>>();
    expectTypeOf(zeros([2, 2])).toEqualTypeOf<Tensor<'f32'>>();
    const values: NestedArray[] = [[1]];
    expectTypeOf(tensor(values)).toEqualTypeOf<Tensor<'f32'>>();
  });

  it('lets a tensor of known rank stand where any rank is expected, not the other way', () => {
    const matrix = tensor([[1, 2], [3, 4]]);
    const anyRank: Tensor<'f32'> = matrix;
    expectTypeOf(matrix).toExtend<Tensor<'f32'>>();
    expectTypeOf(matrix).toExtend<Tensor>();
    // @ts-expect-error a Tensor<'f32'> of unknown rank is not known to be rank 2.
    const rank2: Tensor<'f32', 2> = anyRank;
    expect(rank2.rank).toBe(2);
  });

  it('maps ranks to nested arrays', () => {
    expectTypeOf<NestedArrayFor<1>>().toEqualTypeOf<number[]>();
    expectTypeOf<NestedArrayFor<7>>().toEqualTypeOf<NestedArray>();
    expectTypeOf<RankOfValues<Float32Array>>().toEqualTypeOf<1>();
    expectTypeOf<RankOfValues<readonly (readonly number[])[]>>().toEqualTypeOf<2>();
    expectTypeOf<RankOfValues<NestedArray[]>>().toEqualTypeOf<number>();
  });
});
