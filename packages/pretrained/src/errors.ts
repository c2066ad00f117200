/**
 * The error `@qaxon/pretrained` throws for a checkpoint, configuration or tokenizer it
 * cannot use: an unsupported `model_type`, a missing or misshapen tensor, a truncated
 * llama2.c file, a bad generation option. The message says what was expected, what was
 * found and where (file, tensor name, byte offset); {@link PretrainedError.source} holds
 * the file or tensor for programs.
 *
 * @example
 * ```ts
 * import { PretrainedError } from '@qaxon/pretrained';
 * const error = new PretrainedError("missing tensor 'lm_head.weight'", 'model.safetensors');
 * console.log(error.name, error.source); // PretrainedError model.safetensors
 * ```
 */
export class PretrainedError extends Error {
  /** The file, folder or tensor the problem concerns, when there is one. */
  readonly source: string | undefined;

  constructor(message: string, source?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PretrainedError';
    this.source = source;
  }
}
