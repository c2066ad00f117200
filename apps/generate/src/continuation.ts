import { generate, type GeneratedToken, type Gpt2Pretrained, type PretrainedModel } from '@qaxon/pretrained';
import type { Backend } from '@qaxon/tensor';

/**
 * One continuation of a prompt and how fast it came: prefill (the prompt in one pass) and
 * decode (one token per step with the KV cache), each in tokens per second.
 *
 * @example
 * ```ts
 * const line = (c: Continuation) => `${c.text} (${c.decodeTokensPerSecond.toFixed(0)} tokens/s)`;
 * ```
 */
export interface Continuation {
  /** The generated text (the prompt excluded). */
  readonly text: string;
  /** The prompt's token ids (BOS first). */
  readonly promptTokens: readonly number[];
  /** The generated token ids. */
  readonly tokens: readonly number[];
  /** Why generation ended: EOS, `maxTokens` or the model's longest sequence. */
  readonly stoppedBy: 'stopToken' | 'maxTokens' | 'maxPositions';
  readonly prefillMs: number;
  /** Prompt tokens per second of the prefill pass. */
  readonly prefillTokensPerSecond: number;
  readonly decodeMs: number;
  /** Decode steps per second (the first token, picked by the prefill, not counted). */
  readonly decodeTokensPerSecond: number;
}

/**
 * How to continue a prompt: the prompt, how many tokens, greedy (`temperature` 0) or
 * sampled, the backend, and a callback for each token as it comes.
 *
 * @example
 * ```ts
 * const request: ContinuationRequest = { prompt: 'Once upon a time', maxTokens: 40, temperature: 0, seed: 0 };
 * ```
 */
export interface ContinuationRequest {
  readonly prompt: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly seed: number;
  readonly backend?: Backend;
  readonly onToken?: (token: GeneratedToken) => unknown;
}

/**
 * Continues `request.prompt` with `pretrained` (float or int8) using `generate` of
 * `@qaxon/pretrained`, and reports the speed of prefill and decode.
 *
 * @example
 * ```ts
 * import { loadPretrained } from '@qaxon/pretrained/node';
 * const pretrained = await loadPretrained(BUNDLED_MODEL_PATH, { tokenizer: BUNDLED_TOKENIZER });
 * const { text } = await continuePrompt(pretrained, { prompt: 'Once upon a time', maxTokens: 20, temperature: 0, seed: 0 });
 * ```
 */
export async function continuePrompt(pretrained: PretrainedModel | Gpt2Pretrained, request: ContinuationRequest): Promise<Continuation> {
  const result = await generate({
    pretrained,
    prompt: request.prompt,
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    seed: request.seed,
    ...(request.backend === undefined ? {} : { backend: request.backend }),
    ...(request.onToken === undefined ? {} : { onToken: request.onToken }),
  });
  return {
    text: result.text,
    promptTokens: result.promptTokens,
    tokens: result.tokens,
    stoppedBy: result.stoppedBy,
    prefillMs: result.prefillSeconds * 1000,
    prefillTokensPerSecond: result.prefillSeconds > 0 ? result.promptTokens.length / result.prefillSeconds : 0,
    decodeMs: result.decodeSeconds * 1000,
    decodeTokensPerSecond: result.tokensPerSecond,
  };
}
