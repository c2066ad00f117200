import { PretrainedError } from './errors.js';
import type { EncodeOptions, Tokenizer } from './tokenizer.js';

const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;
const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
};

/**
 * llama2.c's tokenizer (`tokenizer.bin`, `tok512.bin`): SentencePiece BPE pieces with
 * scores, read from its binary format (int32 `max_token_length`, then per id: float32
 * score, int32 length, the piece's bytes). Encoding follows `run.c`'s `encode`: a
 * dummy-prefix space, each UTF-8 character looked up as a piece or else spelled as
 * byte-fallback tokens (`<0x00>`.. at id byte + 3), then repeatedly the adjacent pair whose
 * merged piece has the highest score is merged (leftmost on ties). Decoding follows its
 * `decode`: pieces `<0xHH>` are raw bytes, and the space a piece starts with is dropped
 * right after BOS. BOS is 1 and EOS 2 unless given.
 *
 * @example
 * ```ts
 * import { Llama2cTokenizer } from '@qaxon/pretrained';
 * declare const bytes: Uint8Array; // the contents of tok512.bin
 * const tokenizer = Llama2cTokenizer.fromBytes(bytes, { vocabSize: 512 });
 * console.log(tokenizer.decode(tokenizer.encode('Once upon a time'))); // 'Once upon a time'
 * ```
 */
export class Llama2cTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  private readonly pieces: readonly Uint8Array[];
  private readonly scores: Float32Array;
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(pieces: Uint8Array[], scores: Float32Array, bosId: number, eosId: number) {
    this.pieces = pieces;
    this.scores = scores;
    this.vocabSize = pieces.length;
    this.bosId = bosId;
    this.eosId = eosId;
    const ids = new Map<string, number>();
    // run.c sorts the vocabulary and bsearches it: for a duplicated piece that finds any; keep the first.
    pieces.forEach((piece, id) => {
      const key = latin1(piece);
      if (!ids.has(key)) ids.set(key, id);
    });
    this.ids = ids;
  }

  /**
   * Reads a llama2.c tokenizer file. `vocabSize`, when given (the model's), must match the
   * number of pieces in the file; a truncated file is an error naming the piece and byte
   * offset.
   *
   * @example
   * ```ts
   * import { Llama2cTokenizer } from '@qaxon/pretrained';
   * declare const bytes: Uint8Array;
   * const tokenizer = Llama2cTokenizer.fromBytes(bytes, { bosId: 1, eosId: 2, name: 'tok512.bin' });
   * ```
   */
  static fromBytes(bytes: Uint8Array, options: { vocabSize?: number; bosId?: number; eosId?: number; name?: string } = {}): Llama2cTokenizer {
    const where = options.name ?? 'llama2.c tokenizer';
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 4) throw new PretrainedError(`${where}: truncated file: expected at least 4 bytes (int32 max_token_length), got ${bytes.length}`, where);
    const maxLength = view.getInt32(0, true);
    const pieces: Uint8Array[] = [];
    const scores: number[] = [];
    let offset = 4;
    while (offset < bytes.length && (options.vocabSize === undefined || pieces.length < options.vocabSize)) {
      const id = pieces.length;
      if (offset + 8 > bytes.length) throw new PretrainedError(`${where}: truncated file: piece ${id} at byte ${offset} needs 8 bytes (float32 score, int32 length), ${bytes.length - offset} left`, where);
      const score = view.getFloat32(offset, true);
      const length = view.getInt32(offset + 4, true);
      if (length < 0 || length > Math.max(maxLength, 64)) {
        throw new PretrainedError(`${where}: piece ${id} at byte ${offset}: expected a length from 0 to ${Math.max(maxLength, 64)} (max_token_length ${maxLength}), got ${length}`, where);
      }
      if (offset + 8 + length > bytes.length) {
        throw new PretrainedError(`${where}: truncated file: piece ${id} at byte ${offset} needs ${8 + length} bytes (score, length ${length}, bytes), ${bytes.length - offset} left`, where);
      }
      pieces.push(bytes.slice(offset + 8, offset + 8 + length));
      scores.push(score);
      offset += 8 + length;
    }
    if (options.vocabSize !== undefined && pieces.length !== options.vocabSize) {
      throw new PretrainedError(`${where}: expected ${options.vocabSize} pieces (the model's vocab_size), got ${pieces.length}`, where);
    }
    if (offset !== bytes.length) throw new PretrainedError(`${where}: expected the file to end after piece ${pieces.length - 1}, got ${bytes.length - offset} more bytes at byte ${offset}`, where);
    const bosId = options.bosId ?? 1;
    const eosId = options.eosId ?? 2;
    for (const [name, id] of [['bosId', bosId], ['eosId', eosId]] as const) {
      if (!(id >= 0 && id < pieces.length)) throw new PretrainedError(`${where}: expected ${name} within the ${pieces.length} pieces, got ${id}`, where);
    }
    return new Llama2cTokenizer(pieces, Float32Array.from(scores), bosId, eosId);
  }

  /**
   * The piece of token `id` as text (spaces as `' '`, byte pieces as `<0xHH>`).
   *
   * @example
   * ```ts
   * import type { Llama2cTokenizer } from '@qaxon/pretrained';
   * declare const tokenizer: Llama2cTokenizer;
   * console.log(tokenizer.piece(tokenizer.bosId)); // '<s>' (tok512.bin: '\n<s>\n')
   * ```
   */
  piece(id: number): string {
    return new TextDecoder().decode(this.pieceAt(id));
  }

  encode(text: string, options: EncodeOptions = {}): number[] {
    if (typeof text !== 'string') throw new PretrainedError(`Llama2cTokenizer.encode: expected a string, got ${typeof text}`);
    const tokens: number[] = [];
    if (options.bos ?? true) tokens.push(this.bosId);
    if (text.length > 0) {
      const space = this.ids.get(' ');
      if (space !== undefined) tokens.push(space);
      const bytes = new TextEncoder().encode(text);
      let start = 0;
      for (let i = 1; i <= bytes.length; i++) {
        // A character ends before a byte that is not a continuation byte (or after 4 bytes).
        if (i < bytes.length && (bytes[i]! & 0xc0) === 0x80 && i - start < 4) continue;
        const character = bytes.subarray(start, i);
        const id = this.ids.get(latin1(character));
        if (id !== undefined) tokens.push(id);
        else for (const byte of character) tokens.push(byte + 3);
        start = i;
      }
      this.mergePairs(tokens, options.bos ?? true ? 1 : 0);
    }
    if (options.eos ?? false) tokens.push(this.eosId);
    return tokens;
  }

  decode(ids: readonly number[]): string {
    const decoder = new TextDecoder();
    let text = '';
    let previous: number | undefined;
    for (const id of ids) {
      text += decoder.decode(this.tokenBytes(id, previous), { stream: true });
      previous = id;
    }
    return text + decoder.decode();
  }

  tokenBytes(id: number, previous: number | undefined): Uint8Array {
    if (id === this.bosId || id === this.eosId) return new Uint8Array(0);
    let piece = this.pieceAt(id);
    if (previous === this.bosId && piece[0] === 0x20) piece = piece.subarray(1);
    const byte = BYTE_PIECE.exec(latin1(piece));
    return byte === null ? piece : Uint8Array.of(Number.parseInt(byte[1]!, 16));
  }

  private pieceAt(id: number): Uint8Array {
    const piece = this.pieces[id];
    if (!Number.isInteger(id) || piece === undefined) throw new PretrainedError(`Llama2cTokenizer: expected a token id from 0 to ${this.vocabSize - 1}, got ${id}`);
    return piece;
  }

  /** run.c's merge loop: merge the best-scoring adjacent pair until none is a piece. */
  private mergePairs(tokens: number[], from: number): void {
    for (;;) {
      let bestScore = -Infinity;
      let bestId = -1;
      let bestIndex = -1;
      for (let i = from; i < tokens.length - 1; i++) {
        const merged = this.ids.get(latin1(this.pieces[tokens[i]!]!) + latin1(this.pieces[tokens[i + 1]!]!));
        if (merged !== undefined && this.scores[merged]! > bestScore) {
          bestScore = this.scores[merged]!;
          bestId = merged;
          bestIndex = i;
        }
      }
      if (bestIndex < 0) return;
      tokens.splice(bestIndex, 2, bestId);
    }
  }
}
