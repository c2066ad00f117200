import { Tokenizer as TokenizersJs } from '@huggingface/tokenizers';
import { PretrainedError } from './errors.js';
import type { EncodeOptions, Tokenizer } from './tokenizer.js';

/**
 * Options of {@link HuggingFaceTokenizer.fromJson}.
 *
 * @example
 * ```ts
 * import type { HuggingFaceTokenizerOptions } from '@qaxon/pretrained';
 * const options: HuggingFaceTokenizerOptions = { bosId: 1, eosId: 2, name: 'tokenizer.json' };
 * ```
 */
export interface HuggingFaceTokenizerOptions {
  /** `tokenizer_config.json` (parsed): its `bos_token` / `eos_token` (or `cls_token` / `sep_token`) name the special tokens. */
  config?: unknown;
  /** Beginning-of-sequence id when the tokenizer files name none (the model's `bos_token_id`). */
  bosId?: number;
  /** End-of-sequence id when the tokenizer files name none (the model's `eos_token_id`). */
  eosId?: number;
  /** The model's vocabulary size: the tokenizer's ids must lie below it. */
  vocabSize?: number;
  /** File name for messages. */
  name?: string;
}

// GPT-2's byte-level alphabet: printable Latin-1 bytes stand for themselves, the others for 256, 257, ...
const BYTE_OF_CHARACTER = (() => {
  const map = new Map<string, number>();
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    map.set(String.fromCharCode(printable ? byte : next++), byte);
  }
  return map;
})();

/**
 * A Hugging Face `tokenizer.json` (BPE, WordPiece, Unigram, ... with their normalizers,
 * pre-tokenizers and decoders) behind qaxon's {@link Tokenizer}, through the
 * `@huggingface/tokenizers` library. `encode` encodes without the tokenizer's own
 * template and puts BOS first / EOS last as asked (for BERT, BOS and EOS are `[CLS]` and
 * `[SEP]`); `decode` skips special tokens; `tokenBytes` gives a token's exact bytes for
 * byte-level tokenizers (GPT-2, Qwen2, LLaMA 3) and byte-fallback pieces (`<0xE2>`), else
 * the text it adds after `previous`. `vocabSize` is the model's when given (ids the
 * tokenizer lacks, as in padded embeddings, decode to nothing).
 *
 * @example
 * ```ts
 * import { HuggingFaceTokenizer } from '@qaxon/pretrained';
 * declare const tokenizerJson: unknown;
 * const tokenizer = HuggingFaceTokenizer.fromJson(tokenizerJson, { config: { bos_token: '<s>', eos_token: '</s>' } });
 * const ids = tokenizer.encode('Once upon a time');
 * console.log(tokenizer.decode(ids)); // Once upon a time
 * ```
 */
export class HuggingFaceTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  private readonly byteLevel: boolean;
  private readonly specialIds: ReadonlySet<number>;

  private constructor(
    private readonly tokenizer: TokenizersJs,
    json: Record<string, unknown>,
    options: HuggingFaceTokenizerOptions,
  ) {
    const name = options.name ?? 'tokenizer.json';
    const config = (options.config ?? {}) as Record<string, unknown>;
    const vocab = tokenizer.get_vocab(true);
    const tokenizerIds = Math.max(-1, ...vocab.values()) + 1;
    if (options.vocabSize !== undefined && tokenizerIds > options.vocabSize) {
      throw new PretrainedError(`${name}: expected token ids below the model's vocab_size ${options.vocabSize}, the tokenizer has ids up to ${tokenizerIds - 1}`, name);
    }
    // Models often have more ids than their tokenizer (a padded embedding): those decode to nothing.
    this.vocabSize = options.vocabSize ?? tokenizerIds;
    const idOf = (keys: string[], fallback: number | undefined, what: string): number => {
      for (const key of keys) {
        const value = config[key];
        const content = typeof value === 'string' ? value : typeof (value as { content?: unknown } | null)?.content === 'string' ? (value as { content: string }).content : undefined;
        const id = content === undefined ? undefined : tokenizer.token_to_id(content);
        if (id !== undefined) return id;
      }
      if (fallback !== undefined) return fallback;
      throw new PretrainedError(`${name}: expected the ${what} token in tokenizer_config.json (${keys.join(' or ')}) or the model's configuration, found none`, name);
    };
    this.bosId = idOf(['bos_token', 'cls_token'], options.bosId, 'beginning-of-sequence');
    this.eosId = idOf(['eos_token', 'sep_token'], options.eosId, 'end-of-sequence');
    this.byteLevel = JSON.stringify(json['decoder'] ?? null).includes('"ByteLevel"');
    const added = Array.isArray(json['added_tokens']) ? (json['added_tokens'] as { id?: unknown; special?: unknown }[]) : [];
    this.specialIds = new Set([this.bosId, this.eosId, ...added.filter((token) => token.special === true && typeof token.id === 'number').map((token) => token.id as number)]);
  }

  /**
   * A tokenizer from the parsed `tokenizer.json` (and, in `options.config`, the parsed
   * `tokenizer_config.json`). A file the library cannot read is a `PretrainedError`.
   *
   * @example
   * ```ts
   * import { HuggingFaceTokenizer } from '@qaxon/pretrained';
   * declare const json: unknown;
   * const tokenizer = HuggingFaceTokenizer.fromJson(json, { bosId: 1, eosId: 2 });
   * ```
   */
  static fromJson(json: unknown, options: HuggingFaceTokenizerOptions = {}): HuggingFaceTokenizer {
    const name = options.name ?? 'tokenizer.json';
    if (json === null || typeof json !== 'object' || Array.isArray(json) || typeof (json as { model?: unknown }).model !== 'object') {
      throw new PretrainedError(`${name}: expected a tokenizer.json object with a model, got ${JSON.stringify(json)?.slice(0, 80)}`, name);
    }
    let tokenizer: TokenizersJs;
    try {
      tokenizer = new TokenizersJs(json, (options.config ?? {}) as object);
    } catch (error) {
      throw new PretrainedError(`${name}: @huggingface/tokenizers cannot read it: ${(error as Error).message}`, name, { cause: error });
    }
    return new HuggingFaceTokenizer(tokenizer, json as Record<string, unknown>, options);
  }

  encode(text: string, options: EncodeOptions = {}): number[] {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    return [...(options.bos ?? true ? [this.bosId] : []), ...ids, ...(options.eos ?? false ? [this.eosId] : [])];
  }

  decode(ids: readonly number[]): string {
    ids.forEach((id, index) => this.checkId(id, index));
    return this.tokenizer.decode(
      ids.filter((id) => this.tokenizer.id_to_token(id) !== undefined),
      { skip_special_tokens: true },
    );
  }

  tokenBytes(id: number, previous: number | undefined): Uint8Array {
    this.checkId(id, 0);
    const token = this.tokenizer.id_to_token(id);
    if (this.specialIds.has(id) || token === undefined) return new Uint8Array(0);
    const byteFallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(token);
    if (byteFallback !== null) return new Uint8Array([parseInt(byteFallback[1]!, 16)]);
    if (this.byteLevel && [...token].every((character) => BYTE_OF_CHARACTER.has(character))) {
      return Uint8Array.from([...token], (character) => BYTE_OF_CHARACTER.get(character)!);
    }
    const before = previous === undefined || this.specialIds.has(previous) ? '' : this.decode([previous]);
    const both = this.decode(previous === undefined ? [id] : [previous, id]);
    return new TextEncoder().encode(both.startsWith(before) ? both.slice(before.length) : this.decode([id]));
  }

  private checkId(id: number, index: number): void {
    if (!Number.isSafeInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new PretrainedError(`HuggingFaceTokenizer: expected a token id from 0 to ${this.vocabSize - 1}, got ${id} at index ${index}`);
    }
  }
}
