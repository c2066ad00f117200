/**
 * Options of {@link Tokenizer.encode}.
 *
 * @example
 * ```ts
 * import type { EncodeOptions } from '@qaxon/pretrained';
 * const options: EncodeOptions = { bos: true, eos: false };
 * ```
 */
export interface EncodeOptions {
  /** Start with the beginning-of-sequence token (default true). */
  bos?: boolean;
  /** End with the end-of-sequence token (default false). */
  eos?: boolean;
}

/**
 * Text to token ids and back, with the model's special tokens.
 *
 * @example
 * ```ts
 * import type { Tokenizer } from '@qaxon/pretrained';
 * const roundTrip = (tokenizer: Tokenizer, text: string) => tokenizer.decode(tokenizer.encode(text));
 * ```
 */
export interface Tokenizer {
  /** Number of token ids. */
  readonly vocabSize: number;
  /** Beginning-of-sequence id. */
  readonly bosId: number;
  /** End-of-sequence id. */
  readonly eosId: number;
  /** The token ids of `text` (with BOS first unless `bos: false`). */
  encode(text: string, options?: EncodeOptions): number[];
  /** The text of `ids` (special tokens leave no text). */
  decode(ids: readonly number[]): string;
  /**
   * The bytes token `id` adds to the text when it follows `previous` (for streaming: feed
   * them to a `TextDecoder` with `stream: true`, as a token may end inside a character).
   */
  tokenBytes(id: number, previous: number | undefined): Uint8Array;
}
