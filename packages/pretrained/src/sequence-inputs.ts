import { Tensor } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';

/**
 * The inputs {@link sequenceInputs} makes.
 *
 * @example
 * ```ts
 * import { sequenceInputs, type SequenceInputs } from '@qaxon/pretrained';
 * const inputs: SequenceInputs = sequenceInputs([[1, 403]]);
 * ```
 */
export type SequenceInputs = {
  /** s32 `[batch, tokens]`. */
  input_ids: Tensor<'s32'>;
  /** s32 `[tokens]`. */
  position_ids: Tensor<'s32'>;
};

/**
 * The inputs of a LLaMA graph for token ids `ids` (one row per sequence, all of the same
 * length): `input_ids` (s32 `[batch, tokens]`) and `position_ids` (s32 `[tokens]`,
 * `start, start + 1, ...`; `start` is the cache length when decoding).
 *
 * @example
 * ```ts
 * import { sequenceInputs } from '@qaxon/pretrained';
 * const { input_ids, position_ids } = sequenceInputs([[1, 403]], 5);
 * console.log(input_ids.shape, position_ids.toArray()); // [1, 2] [5, 6]
 * ```
 */
export function sequenceInputs(ids: readonly (readonly number[])[], start = 0): SequenceInputs {
  if (!Array.isArray(ids) || ids.length === 0 || !Array.isArray(ids[0])) {
    throw new PretrainedError(`sequenceInputs: expected token ids as rows ([[1, 403, 407]]), got ${JSON.stringify(ids)?.slice(0, 80)}`);
  }
  const tokens = ids[0].length;
  const data = new Int32Array(ids.length * tokens);
  ids.forEach((row, batch) => {
    if (!Array.isArray(row) || row.length !== tokens) throw new PretrainedError(`sequenceInputs: expected every row to hold ${tokens} ids like row 0, row ${batch} holds ${Array.isArray(row) ? row.length : 'no array'}`);
    row.forEach((id, index) => {
      if (!Number.isSafeInteger(id) || id < 0) throw new PretrainedError(`sequenceInputs: expected non-negative integer ids, got ${id} at [${batch}, ${index}]`);
      data[batch * tokens + index] = id;
    });
  });
  const positions = new Int32Array(tokens);
  for (let i = 0; i < tokens; i++) positions[i] = start + i;
  return { input_ids: new Tensor(data, [ids.length, tokens], 's32'), position_ids: new Tensor(positions, [tokens], 's32') };
}
