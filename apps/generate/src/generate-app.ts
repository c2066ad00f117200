import { basename } from 'node:path';
import { compareLogits, type GeneratedToken, type Gpt2Pretrained, type PretrainedModel } from '@qaxon/pretrained';
import { loadAnyPretrained } from '@qaxon/pretrained/node';
import type { Backend } from '@qaxon/tensor';
import type { GenerateAppOptions } from './args.js';
import { BUNDLED_MODEL_NAME, BUNDLED_MODEL_PATH } from './bundled-model.js';
import { continuePrompt, type Continuation } from './continuation.js';
import { startBackend } from './start-backend.js';

/**
 * Share of positions where the int8 model ranks the same next token first as the float
 * model, over the prompt followed by the generated tokens (both models read the same ids).
 *
 * @example
 * ```ts
 * const agreement: ArgmaxAgreement = { share: 1, positions: 45, logitSqnrDb: 42.3 };
 * ```
 */
export interface ArgmaxAgreement {
  /** 0 to 1. */
  readonly share: number;
  readonly positions: number;
  /** Signal-to-quantization-noise ratio of the int8 logits against the float ones (dB). */
  readonly logitSqnrDb: number;
}

/**
 * What one run of the app measured.
 *
 * @example
 * ```ts
 * const result = await runGenerateApp(parseGenerateArguments(['--int8']));
 * console.log(result.bytes, result.continuation.decodeTokensPerSecond);
 * ```
 */
export interface GenerateAppResult {
  /** `stories260K` for the bundled model, else the folder's or file's name. */
  readonly model: string;
  readonly prompt: string;
  /** The weights that generated. */
  readonly weights: 'float32' | 'int8';
  readonly backend: { readonly name: string; readonly reason: string };
  /** Bytes of the whole state: float32, and int8 (null without `--int8`). */
  readonly bytes: { readonly float: number; readonly int8: number | null };
  /** Milliseconds to load (and quantize) the weights that generated. */
  readonly loadMs: number;
  readonly continuation: Continuation;
  /** int8 against float on the prompt and the continuation (null without `--int8`). */
  readonly argmaxAgreement: ArgmaxAgreement | null;
  readonly temperature: number;
  readonly seed: number;
}

/**
 * The name reports give a model path.
 *
 * @example
 * ```ts
 * console.log(modelName('/models/TinyLlama-1.1B')); // TinyLlama-1.1B
 * ```
 */
export function modelName(path: string): string {
  return path === BUNDLED_MODEL_PATH ? BUNDLED_MODEL_NAME : basename(path);
}

/**
 * A checkpoint that can generate: a LLaMA-family model (LLaMA, Qwen2, llama2.c) or GPT-2.
 *
 * @example
 * ```ts
 * const family = (model: GeneratingModel) => model.config.modelType;
 * ```
 */
export type GeneratingModel = PretrainedModel | Gpt2Pretrained;

/**
 * Loads a checkpoint of any family `@qaxon/pretrained` reads (`loadAnyPretrained`),
 * float32 or (`int8`) quantized while loading; a BERT encoder or a checkpoint without a
 * tokenizer is an error saying so.
 *
 * @example
 * ```ts
 * const int8 = await loadModel({ model: BUNDLED_MODEL_PATH, tokenizer: 'tok512.bin' }, true);
 * ```
 */
export async function loadModel(options: Pick<GenerateAppOptions, 'model' | 'tokenizer'>, int8: boolean): Promise<{ pretrained: GeneratingModel; loadMs: number }> {
  const started = performance.now();
  const pretrained = await loadAnyPretrained(options.model, { quantize: int8, ...(options.tokenizer === undefined ? {} : { tokenizer: options.tokenizer }) });
  if (!('decoder' in pretrained)) {
    throw new Error(`${options.model}: expected a model that generates text (LLaMA, Qwen2, GPT-2), got a ${pretrained.config.modelType} encoder, which has no next-token head`);
  }
  if (pretrained.tokenizer === undefined) {
    throw new Error(`${options.model}: expected a tokenizer with the model (a llama2.c tokenizer.bin beside it, or --tokenizer <file>), found none`);
  }
  return { pretrained, loadMs: performance.now() - started };
}

/**
 * How often `candidate` (int8) ranks the same next token first as `reference` (float) on
 * `ids` (`compareLogits` of `@qaxon/pretrained`); null for GPT-2, which `compareLogits`
 * does not take yet.
 *
 * @example
 * ```ts
 * const agreement = await argmaxAgreement(int8, float, [1, 403, 407], backend);
 * ```
 */
export async function argmaxAgreement(candidate: GeneratingModel, reference: GeneratingModel, ids: readonly number[], backend: Backend): Promise<ArgmaxAgreement | null> {
  if (candidate.config.modelType === 'gpt2' || reference.config.modelType === 'gpt2') return null;
  const comparison = await compareLogits(candidate as PretrainedModel, reference as PretrainedModel, ids, { backend });
  return { share: comparison.argmaxAgreement, positions: comparison.positions, logitSqnrDb: comparison.logitError.sqnrDb };
}

/**
 * The app: loads the model (int8 with `--int8`, then the float one too, to compare their
 * logits and count bytes), starts the backend, calls `onStart`, and continues the prompt,
 * calling `onToken` with each token as it comes.
 *
 * @example
 * ```ts
 * const result = await runGenerateApp(parseGenerateArguments(['--max-tokens', '20']), { onToken: (token) => process.stdout.write(token.text) });
 * ```
 */
export async function runGenerateApp(
  options: GenerateAppOptions,
  hooks: { onStart?: () => void; onToken?: (token: GeneratedToken) => unknown } = {},
): Promise<GenerateAppResult> {
  const loaded = await loadModel(options, options.int8);
  const float = options.int8 ? (await loadModel(options, false)).pretrained : loaded.pretrained;
  const started = await startBackend(options.backend);
  try {
    hooks.onStart?.();
    const continuation = await continuePrompt(loaded.pretrained, {
      prompt: options.prompt,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      seed: options.seed,
      backend: started.backend,
      ...(hooks.onToken === undefined ? {} : { onToken: hooks.onToken }),
    });
    const agreement = options.int8 ? await argmaxAgreement(loaded.pretrained, float, [...continuation.promptTokens, ...continuation.tokens], started.backend) : null;
    return {
      model: modelName(options.model),
      prompt: options.prompt,
      weights: options.int8 ? 'int8' : 'float32',
      backend: { name: started.name, reason: started.reason },
      bytes: { float: float.state.byteSize(), int8: options.int8 ? loaded.pretrained.state.byteSize() : null },
      loadMs: loaded.loadMs,
      continuation,
      argmaxAgreement: agreement,
      temperature: options.temperature,
      seed: options.seed,
    };
  } finally {
    started.dispose();
  }
}
