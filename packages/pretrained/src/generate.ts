import { build, type BuiltModel, type ModelState } from '@qaxon/graph';
import { Prng, type Backend, type Tensor } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';
import { cacheNames } from './llama-graph.js';
import type { Gpt2Pretrained } from './pretrained-families.js';
import type { PretrainedModel } from './pretrained-model.js';
import { checkSamplingOptions, sampleToken, type SamplingOptions } from './sampling.js';
import { sequenceInputs } from './sequence-inputs.js';

/**
 * A token as `generate` streams it: its id, its place among the generated tokens, and the
 * text it completes (empty while a character is split across tokens).
 *
 * @example
 * ```ts
 * import type { GeneratedToken } from '@qaxon/pretrained';
 * const print = (token: GeneratedToken) => process.stdout.write(token.text);
 * ```
 */
export interface GeneratedToken {
  /** The token id. */
  readonly id: number;
  /** 0 for the first generated token. */
  readonly index: number;
  /** The text this token adds (decoded as a stream). */
  readonly text: string;
}

/**
 * Options of {@link generate}: the model, the prompt, how to pick tokens
 * ({@link SamplingOptions}) and when to stop.
 *
 * @example
 * ```ts
 * import type { GenerateOptions, PretrainedModel } from '@qaxon/pretrained';
 * declare const pretrained: PretrainedModel;
 * const options: GenerateOptions = { pretrained, prompt: 'Once upon a time', maxTokens: 50, temperature: 0.8, topP: 0.9, seed: 7 };
 * ```
 */
export interface GenerateOptions extends SamplingOptions {
  /** What `loadPretrained` returned (float or quantized). */
  pretrained: PretrainedModel | Gpt2Pretrained;
  /** Text (encoded with the model's tokenizer, BOS first) or token ids. */
  prompt: string | readonly number[];
  /** Most tokens to generate (default 64); generation also stops at the model's `maxPositions`. */
  maxTokens?: number;
  /** Backend to run on (default: the reference backend). */
  backend?: Backend;
  /** Seed of the sampling generator (`Prng` of `@qaxon/tensor`, default 0). */
  seed?: number;
  /** Tokens that end generation (not included in the result; default: the EOS token, when known). */
  stopTokens?: readonly number[];
  /** Called with each generated token as soon as it is picked (awaited). */
  onToken?: (token: GeneratedToken) => unknown;
}

/**
 * What {@link generate} returns.
 *
 * @example
 * ```ts
 * import type { GenerateResult } from '@qaxon/pretrained';
 * const speed = (result: GenerateResult) => `${result.tokensPerSecond.toFixed(1)} tokens/s`;
 * ```
 */
export interface GenerateResult {
  /** The prompt's token ids. */
  readonly promptTokens: readonly number[];
  /** The generated token ids (without a stop token). */
  readonly tokens: readonly number[];
  /** The generated text (empty without a tokenizer). */
  readonly text: string;
  /** Why generation ended. */
  readonly stoppedBy: 'stopToken' | 'maxTokens' | 'maxPositions';
  /** Seconds spent on the prompt (one pass over all its tokens, picking the first new token). */
  readonly prefillSeconds: number;
  /** Seconds spent on the decode steps (one token each, with the KV cache). */
  readonly decodeSeconds: number;
  /** Decode steps per second (the prompt excluded). */
  readonly tokensPerSecond: number;
}

/**
 * Generates text with a KV cache: one pass over the prompt (`decoder.prefill`), then one
 * token per step (`decoder.step`, fed the cache of the previous step), picking each token
 * greedily or by sampling with a seeded `Prng`, until a stop token (EOS by default),
 * `maxTokens` or the model's longest sequence. The weights are placed on the backend once
 * for the whole generation and released at the end. `onToken` streams the tokens.
 *
 * @example
 * ```ts
 * import { generate } from '@qaxon/pretrained';
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * const pretrained = await loadPretrained('fixtures/stories260K', { tokenizer: 'tok512.bin' });
 * const result = await generate({ pretrained, prompt: 'Once upon a time', maxTokens: 30, onToken: (token) => process.stdout.write(token.text) });
 * console.log(result.tokensPerSecond);
 * ```
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { pretrained } = options;
  const { config, tokenizer } = pretrained;
  const promptTokens = promptIds(options);
  const maxTokens = options.maxTokens ?? 64;
  if (!Number.isSafeInteger(maxTokens) || maxTokens < 0) throw new PretrainedError(`generate: expected maxTokens to be a non-negative integer, got ${String(maxTokens)}`);
  checkSamplingOptions(options, config.vocabSize);
  if (promptTokens.length >= config.maxPositions) {
    throw new PretrainedError(`generate: the prompt has ${promptTokens.length} tokens; expected fewer than the model's ${config.maxPositions} positions`);
  }
  const stopTokens = new Set(options.stopTokens ?? (config.eosTokenId === undefined ? [] : [config.eosTokenId]));
  const prng = new Prng(options.seed ?? 0);
  const buildOptions = options.backend === undefined ? {} : { backend: options.backend };
  const prefill = build(pretrained.decoder.prefill, buildOptions);
  const step = build(pretrained.decoder.step, buildOptions);
  const decoder = new TextDecoder();
  const tokens: number[] = [];
  let text = '';
  let stoppedBy: GenerateResult['stoppedBy'] = 'maxTokens';
  try {
    const state = await prefill.place(pretrained.state);
    const started = performance.now();
    let outputs = maxTokens === 0 ? undefined : await prefill.predict(state, sequenceInputs([promptTokens]));
    let next = outputs === undefined ? -1 : sampleToken(lastRow(outputs['logits']!), options, prng);
    const prefillSeconds = (performance.now() - started) / 1000;
    const decodeStarted = performance.now();
    let position = promptTokens.length;
    while (outputs !== undefined) {
      if (stopTokens.has(next)) {
        stoppedBy = 'stopToken';
        break;
      }
      const previous = tokens.length === 0 ? promptTokens[promptTokens.length - 1] : tokens[tokens.length - 1];
      tokens.push(next);
      const piece = tokenizer === undefined ? '' : decoder.decode(tokenizer.tokenBytes(next, previous), { stream: true });
      text += piece;
      await options.onToken?.({ id: next, index: tokens.length - 1, text: piece });
      if (tokens.length >= maxTokens) break;
      if (position >= config.maxPositions) {
        stoppedBy = 'maxPositions';
        break;
      }
      outputs = await runStep(step, state, outputs, next, position, config.layers);
      next = sampleToken(lastRow(outputs['logits']!), options, prng);
      position += 1;
    }
    const decodeSeconds = (performance.now() - decodeStarted) / 1000;
    const steps = Math.max(0, tokens.length - 1);
    text += decoder.decode();
    return Object.freeze({
      promptTokens: Object.freeze([...promptTokens]),
      tokens: Object.freeze(tokens),
      text,
      stoppedBy,
      prefillSeconds,
      decodeSeconds,
      tokensPerSecond: steps === 0 || decodeSeconds === 0 ? 0 : steps / decodeSeconds,
    });
  } finally {
    step.dispose();
    prefill.dispose();
  }
}

function promptIds(options: GenerateOptions): number[] {
  const { prompt, pretrained } = options;
  if (typeof prompt === 'string') {
    if (pretrained.tokenizer === undefined) throw new PretrainedError('generate: a text prompt needs a tokenizer, and this model was loaded without one (pass options.tokenizer to loadPretrained, or token ids)');
    return pretrained.tokenizer.encode(prompt);
  }
  if (!Array.isArray(prompt) || prompt.length === 0) throw new PretrainedError(`generate: expected a prompt as text or a non-empty array of token ids, got ${JSON.stringify(prompt)?.slice(0, 80)}`);
  prompt.forEach((id: unknown, index) => {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || id >= pretrained.config.vocabSize) {
      throw new PretrainedError(`generate: expected token ids from 0 to ${pretrained.config.vocabSize - 1}, got ${String(id)} at index ${index} of the prompt`);
    }
  });
  return [...(prompt as number[])];
}

async function runStep(step: BuiltModel<Record<string, Tensor>>, state: ModelState, previous: Record<string, Tensor>, token: number, position: number, layers: number): Promise<Record<string, Tensor>> {
  const inputs: Record<string, Tensor> = { ...sequenceInputs([[token]], position) };
  for (let layer = 0; layer < layers; layer++) {
    const names = cacheNames(layer);
    inputs[names.pastKey] = previous[names.presentKey]!;
    inputs[names.pastValue] = previous[names.presentValue]!;
  }
  return step.predict(state, inputs);
}

/** The logits of the last position of the first sequence: `logits[0, tokens - 1, :]`. */
function lastRow(logits: Tensor): Float32Array {
  const [, tokens, vocab] = logits.shape as [number, number, number];
  return (logits.data as Float32Array).subarray((tokens - 1) * vocab, tokens * vocab);
}
