import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Llama2cTokenizer } from './llama2c-tokenizer.js';
import { GREEDY_TEXT, STORIES_FOLDER } from './test-support/fixtures.js';

/** A llama2.c tokenizer file: <unk>, <s>, </s>, the 256 byte pieces, then `pieces` with their scores. */
function tokenizerFile(pieces: readonly [string, number][]): Uint8Array {
  const all: [string, number][] = [['<unk>', 0], ['<s>', 0], ['</s>', 0]];
  for (let byte = 0; byte < 256; byte++) all.push([`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, 0]);
  all.push(...pieces);
  const encoded = all.map(([piece, score]) => [new TextEncoder().encode(piece), score] as const);
  const bytes = new Uint8Array(4 + encoded.reduce((total, [piece]) => total + 8 + piece.length, 0));
  const view = new DataView(bytes.buffer);
  view.setInt32(0, Math.max(...encoded.map(([piece]) => piece.length)), true);
  let offset = 4;
  for (const [piece, score] of encoded) {
    view.setFloat32(offset, score, true);
    view.setInt32(offset + 4, piece.length, true);
    bytes.set(piece, offset + 8);
    offset += 8 + piece.length;
  }
  return bytes;
}

const stories = Llama2cTokenizer.fromBytes(readFileSync(join(STORIES_FOLDER, 'tok512.bin')), { vocabSize: 512 });

describe('Llama2cTokenizer', () => {
  test('merges the adjacent pair of highest score first (leftmost on ties), after a dummy-prefix space', () => {
    const base = 259;
    const [space, a, b, ab, spaceA, ba] = [base, base + 1, base + 2, base + 3, base + 4, base + 5];
    const pieces = (scores: { ab: number; spaceA: number; ba: number }) =>
      Llama2cTokenizer.fromBytes(tokenizerFile([[' ', -10], ['a', -10], ['b', -10], ['ab', scores.ab], [' a', scores.spaceA], ['ba', scores.ba]]));
    // "aba" starts as [' ', 'a', 'b', 'a'].
    expect(pieces({ ab: -1, spaceA: -2, ba: -3 }).encode('aba', { bos: false })).toEqual([space, ab, a]);
    expect(pieces({ ab: -3, spaceA: -2, ba: -1 }).encode('aba', { bos: false })).toEqual([spaceA, ba]);
    expect(pieces({ ab: -3, spaceA: -1, ba: -2 }).encode('aba', { bos: false })).toEqual([spaceA, ba]);
    // Ties: the leftmost pair wins (' a' before 'ab').
    expect(pieces({ ab: -1, spaceA: -1, ba: -5 }).encode('ab', { bos: false })).toEqual([spaceA, b]);
    expect(pieces({ ab: -1, spaceA: -2, ba: -3 }).encode('', { bos: true, eos: true })).toEqual([1, 2]);
  });

  test('characters without a piece fall back to their UTF-8 bytes (id = byte + 3), and decode back', () => {
    const tokenizer = Llama2cTokenizer.fromBytes(tokenizerFile([[' ', -10], ['a', -10]]));
    expect(tokenizer.encode('aé', { bos: false })).toEqual([259, 260, 0xc3 + 3, 0xa9 + 3]);
    expect(tokenizer.decode(tokenizer.encode('aé'))).toBe('aé');
  });

  test('stories260K: BOS first, EOS on request, decode drops the space after BOS, and text round-trips', () => {
    const ids = stories.encode('Once upon a time');
    expect(ids[0]).toBe(stories.bosId);
    expect(stories.piece(ids[1]!).startsWith(' ')).toBe(true);
    expect(stories.decode(ids)).toBe('Once upon a time');
    expect(stories.encode('Once upon a time', { bos: false, eos: true })).toEqual([...ids.slice(1), stories.eosId]);
    expect(stories.decode(stories.encode(GREEDY_TEXT))).toBe(GREEDY_TEXT);
  });

  test('stories260K: any text round-trips and no mergeable pair is left', () => {
    const pieces = new Set(Array.from({ length: stories.vocabSize }, (_, id) => stories.piece(id)));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const ids = stories.encode(text);
        expect(stories.decode(ids)).toBe(text);
        for (let i = 1; i + 1 < ids.length; i++) {
          const merged = stories.piece(ids[i]!) + stories.piece(ids[i + 1]!);
          const isByte = /^<0x/.test(stories.piece(ids[i]!)) || /^<0x/.test(stories.piece(ids[i + 1]!));
          if (!isByte) expect(pieces.has(merged), `pieces ${ids[i]} and ${ids[i + 1]} merge into '${merged}'`).toBe(false);
        }
      }),
      { seed: 24, numRuns: 200 },
    );
  });

  test('tokenBytes streams the text token by token', () => {
    const ids = stories.encode('Once upon a time, there was a café');
    const decoder = new TextDecoder();
    let text = '';
    ids.forEach((id, i) => (text += decoder.decode(stories.tokenBytes(id, ids[i - 1]), { stream: true })));
    expect(text + decoder.decode()).toBe('Once upon a time, there was a café');
    expect(() => stories.decode([512])).toThrow('Llama2cTokenizer: expected a token id from 0 to 511, got 512');
  });
});
