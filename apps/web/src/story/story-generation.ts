import { compareLogits, generate, type PretrainedModel } from '@qaxon/pretrained';
import type { Backend } from '@qaxon/tensor';
import type { StoryModels } from './story-models.js';

/**
 * One model's continuation as the page shows it: the text, the token ids, and the speed of
 * prefill and decode (the time the page spent redrawing between tokens left out).
 *
 * @example
 * ```ts
 * const line = (c: PageContinuation) => `${c.decodeTokensPerSecond.toFixed(0)} tokens/s`;
 * ```
 */
export interface PageContinuation {
  readonly text: string;
  readonly tokens: number[];
  readonly prefillTokensPerSecond: number;
  readonly decodeTokensPerSecond: number;
}

/**
 * Both continuations of a prompt and how often int8 ranks float's next token first on the
 * prompt followed by float's continuation.
 *
 * @example
 * ```ts
 * const { float, int8, argmaxAgreement } = await generateBoth(models, backend, 'Once upon a time', 48, {});
 * ```
 */
export interface StoryResult {
  readonly prompt: string;
  readonly float: PageContinuation;
  readonly int8: PageContinuation;
  readonly argmaxAgreement: number;
  readonly positions: number;
}

/** How long the page may compute before it lets the browser draw the tokens so far (ms). */
const FRAME_MS = 30;

/**
 * Continues `prompt` greedily with one model on `backend`, calling `onText` with each
 * token's text as it is picked and letting the browser redraw about every {@link FRAME_MS}.
 *
 * @example
 * ```ts
 * const float = await continueInPage(models.float, backend, 'Once upon a time', 48, (text) => (element.textContent += text));
 * ```
 */
export async function continueInPage(pretrained: PretrainedModel, backend: Backend, prompt: string, maxTokens: number, onText: (text: string) => void): Promise<PageContinuation> {
  let yielded = 0;
  let lastFrame = performance.now();
  const result = await generate({
    pretrained,
    prompt,
    maxTokens,
    backend,
    onToken: async (token) => {
      onText(token.text);
      if (performance.now() - lastFrame < FRAME_MS) return;
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastFrame = performance.now();
      yielded += lastFrame - started;
    },
  });
  const decodeSeconds = result.decodeSeconds - yielded / 1000;
  const steps = Math.max(0, result.tokens.length - 1);
  return {
    text: result.text,
    tokens: [...result.tokens],
    prefillTokensPerSecond: result.prefillSeconds > 0 ? result.promptTokens.length / result.prefillSeconds : 0,
    decodeTokensPerSecond: steps > 0 && decodeSeconds > 0 ? steps / decodeSeconds : 0,
  };
}

/**
 * The float32 continuation, then the int8 one (one after the other, so each speed is its
 * own), streamed through `onText`, and the int8 model's argmax agreement with float.
 *
 * @example
 * ```ts
 * const result = await generateBoth(models, backend, 'Once upon a time', 48, { onText: (weights, text) => console.log(weights, text) });
 * ```
 */
export async function generateBoth(
  models: StoryModels,
  backend: Backend,
  prompt: string,
  maxTokens: number,
  hooks: { onText?: (weights: 'float' | 'int8', text: string) => void },
): Promise<StoryResult> {
  const float = await continueInPage(models.float, backend, prompt, maxTokens, (text) => hooks.onText?.('float', text));
  const int8 = await continueInPage(models.int8, backend, prompt, maxTokens, (text) => hooks.onText?.('int8', text));
  const ids = [...models.float.tokenizer!.encode(prompt), ...float.tokens];
  const comparison = await compareLogits(models.int8, models.float, ids, { backend });
  return { prompt, float, int8, argmaxAgreement: comparison.argmaxAgreement, positions: comparison.positions };
}

/**
 * A few unmeasured tokens with each model, so the first measured generation does not pay
 * for the engine's warm-up (compiling the kernels' JavaScript, first uploads).
 *
 * @example
 * ```ts
 * await warmUp(models, backend);
 * ```
 */
export async function warmUp(models: StoryModels, backend: Backend): Promise<void> {
  for (const pretrained of [models.float, models.int8]) await generate({ pretrained, prompt: 'Once', maxTokens: 4, backend });
}
