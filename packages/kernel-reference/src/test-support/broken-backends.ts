/**
 * Test-only backends that are wrong in one specific way, to prove the conformance suite
 * catches each mistake. Not shipped (excluded from the build).
 */
import { Tensor, type Backend, type DenseBias, type QTensor } from '@qaxon/tensor';
import { quantizedDenseS8 } from '../impl/quantized-dense-s8.js';
import { referenceBackend } from '../reference-backend.js';
import { validateDenseInputs } from '../validate-dense-inputs.js';

/** The reference with one change to each kernel's result (or behaviour). */
function wrapReference(name: string, change: { dense?: Backend['dense']; quantizedDense?: Backend['quantizedDense'] }): Backend {
  return {
    name,
    dense: change.dense ?? ((x, kernel, bias) => referenceBackend.dense(x, kernel, bias)),
    quantizedDense: change.quantizedDense ?? ((x, kernel, bias) => referenceBackend.quantizedDense(x, kernel, bias)),
  };
}

/** Moves one float32 value by `ulps` units in the last place. */
export function addUlps(value: number, ulps: number): number {
  const buffer = new Float32Array([value]);
  const bits = new Int32Array(buffer.buffer);
  bits[0] = bits[0]! + (value < 0 ? -ulps : ulps);
  return buffer[0]!;
}

/** quantizedDense that forgets the per-column scale (uses 1). */
export const ignoresScale = wrapReference('ignores the scale', {
  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias) {
    const { rows, inner, units, outputShape } = validateDenseInputs('quantizedDense', x, kernel, bias);
    const ones = new Float32Array(units).fill(1);
    const data = quantizedDenseS8(x.data, rows, inner, kernel.value.data, ones, undefined, units, bias instanceof Tensor ? bias.data : bias);
    return new Tensor(data, outputShape, 'f32');
  },
});

/** Both kernels drop the bias. */
export const ignoresBias = wrapReference('ignores the bias', {
  dense: (x, kernel) => referenceBackend.dense(x, kernel),
  quantizedDense: (x, kernel) => referenceBackend.quantizedDense(x, kernel),
});

/** Both kernels are 1000 ULPs off on the output at flat index `at` (when there is one). */
export function offByUlps(at: number, ulps = 1000): Backend {
  const nudge = (y: Tensor<'f32'>): Tensor<'f32'> => {
    if (at < y.data.length) y.data[at] = addUlps(y.data[at]!, ulps);
    return y;
  };
  return wrapReference(`${ulps} ULPs off at flat index ${at}`, {
    dense: (x, kernel, bias) => nudge(referenceBackend.dense(x, kernel, bias)),
    quantizedDense: (x, kernel, bias) => nudge(referenceBackend.quantizedDense(x, kernel, bias)),
  });
}

/** quantizedDense that ignores nonzero zero points. */
export const ignoresZeroPoints = wrapReference('ignores zero points', {
  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias) {
    const { rows, inner, units, outputShape } = validateDenseInputs('quantizedDense', x, kernel, bias);
    const data = quantizedDenseS8(x.data, rows, inner, kernel.value.data, kernel.scale.data, undefined, units, bias instanceof Tensor ? bias.data : bias);
    return new Tensor(data, outputShape, 'f32');
  },
});

/** Skips validation: returns zeros of a guessed shape instead of throwing. */
export const neverThrows = wrapReference('never throws', {
  dense: () => new Tensor(new Float32Array(20), [2, 10], 'f32'),
  quantizedDense: async () => new Tensor(new Float32Array(20), [2, 10], 'f32'),
});

/** Loses the leading axes of a rank-3 x (returns [rows, units]). */
export const flattensLeadingAxes = wrapReference('flattens leading axes', {
  dense(x, kernel, bias) {
    const y = referenceBackend.dense(x, kernel, bias);
    const units = y.shape[y.shape.length - 1]!;
    return new Tensor(y.data, [y.data.length / units, units], 'f32');
  },
});

/** Writes into its input x (and otherwise computes the right answer). */
export const mutatesInput = wrapReference('mutates x', {
  quantizedDense(x, kernel, bias) {
    const y = referenceBackend.quantizedDense(x, kernel, bias);
    if (x.data.length > 0) x.data[0] = 0;
    return y;
  },
});

/** Returns NaN for the last output (e.g. an uninitialized GPU texel). */
export const nanAtEnd = wrapReference('NaN in the last output', {
  dense(x, kernel, bias) {
    const y = referenceBackend.dense(x, kernel, bias);
    if (y.data.length > 0) y.data[y.data.length - 1] = Number.NaN;
    return y;
  },
});

/** Rejects every call with a plain Error (e.g. a failed GPU compile). */
export const rejectsEverything = wrapReference('rejects everything', {
  dense: async () => {
    throw new Error('shader compile failed');
  },
});

/** dense that drops the last term of every reduction (a lost tile remainder). */
export const dropsLastTerm = wrapReference('drops the last term', {
  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias) {
    const { rows, inner, units, outputShape } = validateDenseInputs('dense', x, kernel, bias);
    const out = new Float32Array(rows * units);
    for (let m = 0; m < rows; m++) {
      for (let n = 0; n < units; n++) {
        let sum = bias === undefined ? 0 : typeof bias === 'number' ? bias : bias.data[n]!;
        for (let k = 0; k < inner - 1; k++) sum += x.data[m * inner + k]! * kernel.data[k * units + n]!;
        out[m * units + n] = sum;
      }
    }
    return new Tensor(out, outputShape, 'f32');
  },
});
