import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generate } from './generate.js';
import { HuggingFaceTokenizer } from './hugging-face-tokenizer.js';
import { loadAnyPretrained } from './node.js';
import type { Gpt2Pretrained } from './pretrained-families.js';
import { tinyFolder } from './test-support/tiny-fixtures.js';
import { byteLevelAlphabet, byteLevelBpeTokenizerJson, wordPieceTokenizerJson } from './test-support/tokenizer-json.js';

describe('Hugging Face tokenizer.json (through @huggingface/tokenizers)', () => {
  const bert = HuggingFaceTokenizer.fromJson(wordPieceTokenizerJson(), { config: { cls_token: '[CLS]', sep_token: '[SEP]' } });
  const bpe = HuggingFaceTokenizer.fromJson(byteLevelBpeTokenizerJson(), { config: { bos_token: '<|endoftext|>', eos_token: { content: '<|endoftext|>' } } });

  test('WordPiece: BOS/EOS are [CLS]/[SEP] from tokenizer_config.json; encode lowercases and splits pieces; decode skips special tokens', () => {
    expect([bert.bosId, bert.eosId, bert.vocabSize]).toEqual([2, 3, 16]);
    expect(bert.encode('Once upon a times, there was a girl.', { eos: true })).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 6, 12, 15, 3]);
    expect(bert.encode('played zebra', { bos: false })).toEqual([13, 14, 1]);
    expect(bert.decode([2, 4, 5, 6, 7, 8, 9, 3])).toBe('once upon a times,');
    expect(() => bert.decode([16])).toThrow('HuggingFaceTokenizer: expected a token id from 0 to 15, got 16 at index 0');
  });

  test('byte-level BPE: merges apply in order, bytes of multi-byte characters round-trip, tokenBytes are exact bytes for streaming', () => {
    const ids = bpe.encode('the cat é', { bos: false });
    // Byte tokens' ids are the byte values: 't', 'he' (merge 2; not 'Ġthe': no space before), ' ', 'c', 'a', 't', ' ', then é's two UTF-8 bytes.
    expect(ids).toEqual([0x74, 257, 0x20, 0x63, 0x61, 0x74, 0x20, 0xc3, 0xa9]);
    expect(byteLevelAlphabet()[0x20]).toBe('Ġ');
    expect(bpe.encode(' the a', { bos: true, eos: true })).toEqual([260, 258, 259, 260]);
    expect(bpe.decode(ids)).toBe('the cat é');
    const streamed = new TextDecoder();
    let text = '';
    ids.forEach((id, index) => (text += streamed.decode(bpe.tokenBytes(id, ids[index - 1]), { stream: true })));
    expect(text + streamed.decode()).toBe('the cat é');
    expect(bpe.tokenBytes(260, undefined)).toEqual(new Uint8Array(0));
  });

  test('errors: not a tokenizer.json, no special tokens to be found, more ids than the model', () => {
    expect(() => HuggingFaceTokenizer.fromJson([], { name: 'x.json' })).toThrow('x.json: expected a tokenizer.json object with a model, got []');
    expect(() => HuggingFaceTokenizer.fromJson(wordPieceTokenizerJson())).toThrow(/tokenizer\.json: expected the beginning-of-sequence token in tokenizer_config\.json \(bos_token or cls_token\)/);
    expect(() => HuggingFaceTokenizer.fromJson(wordPieceTokenizerJson(), { bosId: 2, eosId: 3, vocabSize: 8 })).toThrow("tokenizer.json: expected token ids below the model's vocab_size 8, the tokenizer has ids up to 15");
  });

  test('a checkpoint folder with tokenizer.json and tokenizer_config.json loads with it, and generate takes a text prompt', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qaxon-tokenizer-json-'));
    for (const file of ['config.json', 'model.safetensors']) copyFileSync(join(tinyFolder('tiny-gpt2'), file), join(folder, file));
    writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(wordPieceTokenizerJson()));
    writeFileSync(join(folder, 'tokenizer_config.json'), JSON.stringify({ cls_token: '[CLS]', sep_token: '[SEP]' }));
    const pretrained = (await loadAnyPretrained(folder)) as Gpt2Pretrained;
    expect(pretrained.tokenizer).toBeInstanceOf(HuggingFaceTokenizer);
    const result = await generate({ pretrained, prompt: 'Once upon a time', maxTokens: 5, stopTokens: [] });
    expect(result.tokens).toHaveLength(5);
    expect(result.text).toBe(pretrained.tokenizer!.decode([...pretrained.tokenizer!.encode('Once upon a time'), ...result.tokens]).slice('once upon a time'.length));
  });
});
