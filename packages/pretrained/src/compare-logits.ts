import { build } from '@qaxon/graph';
import { ErrorAccumulator, type ErrorStatistics } from '@qaxon/quantization';
import type { Backend, Tensor } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';
import type { PretrainedModel } from './pretrained-model.js';
import type { Gpt2Pretrained } from './pretrained-families.js';
import { sequenceInputs } from './sequence-inputs.js';

/**
 * How far a (quantized) model's logits are from a reference (float) model's on one
 * sequence: the error statistics over every logit, and the share of positions whose most
 * likely next token (argmax) is the same.
 *
 * @example
 * ```ts
 * import type { LogitComparison } from '@qaxon/pretrained';
 * const line = (c: LogitComparison) => `max |Δ| ${c.logitError.maxAbsError}, argmax kept ${(100 * c.argmaxAgreement).toFixed(1)}%`;
 * ```
 */
export interface LogitComparison {
  /** Max and mean absolute error and SQNR (dB) of the logits against the reference. */
  readonly logitError: ErrorStatistics;
  /** Share (0 to 1) of positions where both models rank the same token first. */
  readonly argmaxAgreement: number;
  /** Positions compared (the sequence's length). */
  readonly positions: number;
}

/**
 * Runs `candidate` and `reference` (e.g. the int8 and the float load of one checkpoint)
 * on the same token ids (or text, encoded with the reference's tokenizer, BOS first) and
 * compares their logits position by position ({@link LogitComparison}).
 *
 * @example
 * ```ts
 * import { compareLogits } from '@qaxon/pretrained';
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * const float = await loadPretrained('fixtures/stories260K', { tokenizer: 'tok512.bin' });
 * const int8 = await loadPretrained('fixtures/stories260K', { tokenizer: 'tok512.bin', quantize: true });
 * const { argmaxAgreement, logitError } = await compareLogits(int8, float, 'Once upon a time, there was a little girl');
 * ```
 */
export async function compareLogits(candidate: PretrainedModel | Gpt2Pretrained, reference: PretrainedModel | Gpt2Pretrained, sequence: string | readonly number[], options: { backend?: Backend } = {}): Promise<LogitComparison> {
  if (typeof sequence === 'string' && reference.tokenizer === undefined) {
    throw new PretrainedError('compareLogits: text needs a tokenizer, and the reference model has none; pass token ids');
  }
  const ids = typeof sequence === 'string' ? reference.tokenizer!.encode(sequence) : sequence;
  if (candidate.config.vocabSize !== reference.config.vocabSize) {
    throw new PretrainedError(`compareLogits: expected models with the same vocabulary, got ${candidate.config.vocabSize} and ${reference.config.vocabSize} tokens`);
  }
  const inputs = sequenceInputs([ids]);
  const buildOptions = options.backend === undefined ? {} : { backend: options.backend };
  const run = async (pretrained: PretrainedModel | Gpt2Pretrained): Promise<Tensor> => {
    const built = build(pretrained.model, buildOptions);
    try {
      return await built.predict(pretrained.state, inputs);
    } finally {
      built.dispose();
    }
  };
  const approx = await run(candidate);
  const exact = await run(reference);
  const errors = new ErrorAccumulator();
  errors.addAll(approx.data, exact.data);
  const vocab = reference.config.vocabSize;
  let agree = 0;
  for (let position = 0; position < ids.length; position++) {
    if (argMax(approx.data, position * vocab, vocab) === argMax(exact.data, position * vocab, vocab)) agree += 1;
  }
  return Object.freeze({ logitError: errors.result(), argmaxAgreement: agree / ids.length, positions: ids.length });
}

function argMax(values: ArrayLike<number>, start: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[start + i]! > values[start + best]!) best = i;
  return best;
}
