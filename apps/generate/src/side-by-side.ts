import type { GeneratedToken } from '@qaxon/pretrained';
import type { BackendChoice } from './args.js';
import { BUNDLED_MODEL_PATH, BUNDLED_TOKENIZER } from './bundled-model.js';
import { continuePrompt, type Continuation } from './continuation.js';
import { argmaxAgreement, loadModel, modelName, type ArgmaxAgreement } from './generate-app.js';
import { startBackend } from './start-backend.js';

/**
 * What to compare: a model, a prompt, how many tokens (greedy, so both continuations are
 * each model's most likely text) and the backend.
 *
 * @example
 * ```ts
 * const request: SideBySideRequest = { model: BUNDLED_MODEL_PATH, tokenizer: 'tok512.bin', prompt: 'Once upon a time', maxTokens: 40, backend: 'best' };
 * ```
 */
export interface SideBySideRequest {
  readonly model: string;
  readonly tokenizer: string | undefined;
  readonly prompt: string;
  readonly maxTokens: number;
  readonly backend: BackendChoice;
}

/**
 * The float and int8 continuations of one prompt, the bytes of both states, and how often
 * int8 ranks float's next token first.
 *
 * @example
 * ```ts
 * const result = await generateSideBySide(MAIN_JOB_GENERATION);
 * console.log(result.float.text === result.int8.text);
 * ```
 */
export interface SideBySide {
  readonly model: string;
  readonly prompt: string;
  readonly backend: { readonly name: string; readonly reason: string };
  readonly bytes: { readonly float: number; readonly int8: number };
  readonly loadMs: { readonly float: number; readonly int8: number };
  readonly float: Continuation;
  readonly int8: Continuation;
  /** int8 against float on the prompt followed by float's continuation (null for GPT-2). */
  readonly argmaxAgreement: ArgmaxAgreement | null;
  /** Generated tokens, from the first, that both continuations share. */
  readonly sameLeadingTokens: number;
}

/**
 * The short generation of the main job (`pnpm demo`): the bundled stories260K, greedy, 48
 * tokens from "Once upon a time", on the backend `createBestBackend()` picks.
 *
 * @example
 * ```ts
 * console.log(MAIN_JOB_GENERATION.maxTokens); // 48
 * ```
 */
export const MAIN_JOB_GENERATION: SideBySideRequest = Object.freeze({
  model: BUNDLED_MODEL_PATH,
  tokenizer: BUNDLED_TOKENIZER,
  prompt: 'Once upon a time',
  maxTokens: 48,
  backend: 'best',
});

/** Tokens each model generates, unmeasured, before the measured runs. */
const WARM_UP_TOKENS = 8;

/**
 * Loads the model twice (float32, and int8 quantized while loading), continues the prompt
 * greedily with each on one backend (after a short unmeasured warm-up run of each), streaming the tokens through `onToken`, and compares
 * the int8 logits with float's on the prompt and float's continuation.
 *
 * @example
 * ```ts
 * const result = await generateSideBySide(MAIN_JOB_GENERATION, { onToken: (weights, token) => process.stdout.write(token.text) });
 * ```
 */
export async function generateSideBySide(
  request: SideBySideRequest,
  hooks: { onToken?: (weights: 'float32' | 'int8', token: GeneratedToken) => unknown } = {},
): Promise<SideBySide> {
  const float = await loadModel(request, false);
  const int8 = await loadModel(request, true);
  const started = await startBackend(request.backend);
  try {
    const run = (weights: 'float32' | 'int8') =>
      continuePrompt(weights === 'int8' ? int8.pretrained : float.pretrained, {
        prompt: request.prompt,
        maxTokens: request.maxTokens,
        temperature: 0,
        seed: 0,
        backend: started.backend,
        ...(hooks.onToken === undefined ? {} : { onToken: (token: GeneratedToken) => hooks.onToken?.(weights, token) }),
      });
    // A few tokens with each first, so neither measured run pays for the JIT's warm-up.
    for (const pretrained of [float.pretrained, int8.pretrained]) await continuePrompt(pretrained, { prompt: request.prompt, maxTokens: WARM_UP_TOKENS, temperature: 0, seed: 0, backend: started.backend });
    const floatContinuation = await run('float32');
    const int8Continuation = await run('int8');
    const agreement = await argmaxAgreement(int8.pretrained, float.pretrained, [...floatContinuation.promptTokens, ...floatContinuation.tokens], started.backend);
    let same = 0;
    while (same < floatContinuation.tokens.length && floatContinuation.tokens[same] === int8Continuation.tokens[same]) same++;
    return {
      model: modelName(request.model),
      prompt: request.prompt,
      backend: { name: started.name, reason: started.reason },
      bytes: { float: float.pretrained.state.byteSize(), int8: int8.pretrained.state.byteSize() },
      loadMs: { float: float.loadMs, int8: int8.loadMs },
      float: floatContinuation,
      int8: int8Continuation,
      argmaxAgreement: agreement,
      sameLeadingTokens: same,
    };
  } finally {
    started.dispose();
  }
}
