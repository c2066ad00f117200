import type { Prng } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';

/**
 * How the next token is picked from the logits: greedily (`temperature` 0, the default:
 * the first highest logit, as llama2.c's `argmax`), or sampled from
 * `softmax(logits / temperature)` restricted to the `topK` most likely tokens and then to
 * the smallest set whose probability reaches `topP` (nucleus sampling).
 *
 * @example
 * ```ts
 * import type { SamplingOptions } from '@qaxon/pretrained';
 * const creative: SamplingOptions = { temperature: 0.8, topK: 40, topP: 0.9 };
 * ```
 */
export interface SamplingOptions {
  /** 0 (default): greedy. Otherwise the softmax temperature (> 0). */
  temperature?: number;
  /** Keep only the `topK` most likely tokens (default: all). */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability is at least `topP` (default 1: all). */
  topP?: number;
}

/** Checks sampling options, naming the bad one. @internal */
export function checkSamplingOptions(options: SamplingOptions, vocabSize: number): void {
  const { temperature = 0, topK, topP = 1 } = options;
  if (!(typeof temperature === 'number' && temperature >= 0 && Number.isFinite(temperature))) {
    throw new PretrainedError(`generate: expected temperature to be a finite number >= 0 (0: greedy), got ${String(temperature)}`);
  }
  if (topK !== undefined && !(Number.isSafeInteger(topK) && topK >= 1)) throw new PretrainedError(`generate: expected topK to be an integer >= 1 (at most the vocabulary, ${vocabSize}), got ${String(topK)}`);
  if (!(typeof topP === 'number' && topP > 0 && topP <= 1)) throw new PretrainedError(`generate: expected topP in (0, 1], got ${String(topP)}`);
}

/**
 * Picks a token from `logits` (one row, `vocab` entries) as {@link SamplingOptions} say,
 * drawing from `prng` when sampling.
 *
 * @example
 * ```ts
 * import { Prng } from '@qaxon/tensor';
 * import { sampleToken } from '@qaxon/pretrained';
 * console.log(sampleToken(Float32Array.of(0.1, 3, 2), {}, new Prng(1))); // 1
 * ```
 */
export function sampleToken(logits: ArrayLike<number>, options: SamplingOptions, prng: Prng): number {
  const temperature = options.temperature ?? 0;
  if (temperature === 0) return argMaxOf(logits);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  const candidates: { id: number; p: number }[] = [];
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = Math.exp((logits[i]! - max) / temperature);
    candidates.push({ id: i, p });
    total += p;
  }
  // Most likely first; ties by id, so the order (and the draw) is deterministic.
  candidates.sort((a, b) => b.p - a.p || a.id - b.id);
  let kept = Math.min(options.topK ?? candidates.length, candidates.length);
  const topP = options.topP ?? 1;
  if (topP < 1) {
    let cumulative = 0;
    for (let i = 0; i < kept; i++) {
      cumulative += candidates[i]!.p / total;
      if (cumulative >= topP) {
        kept = i + 1;
        break;
      }
    }
  }
  let keptTotal = 0;
  for (let i = 0; i < kept; i++) keptTotal += candidates[i]!.p;
  let draw = prng.nextFloat() * keptTotal;
  for (let i = 0; i < kept; i++) {
    draw -= candidates[i]!.p;
    if (draw < 0) return candidates[i]!.id;
  }
  return candidates[kept - 1]!.id;
}

function argMaxOf(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
