/** Hand-written tokenizer.json files for tests. */

const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

/** A BERT-style WordPiece tokenizer with 16 ids: [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, then words and pieces. */
export function wordPieceTokenizerJson(): Record<string, unknown> {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'once', 'upon', 'a', 'time', '##s', ',', 'there', 'was', 'girl', 'play', '##ed', '.'];
  return {
    version: '1.0',
    added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]')],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((token, id) => [token, id])) },
  };
}

/** GPT-2's byte-level alphabet: the character standing for each byte. */
export function byteLevelAlphabet(): string[] {
  let next = 256;
  return Array.from({ length: 256 }, (_, byte) => {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    return String.fromCharCode(printable ? byte : next++);
  });
}

/** A GPT-2-style byte-level BPE: the 256 bytes (ids 0-255), merges to 'Ġt', 'he', 'Ġthe', 'Ġa' (256-259), '<|endoftext|>' 260. */
export function byteLevelBpeTokenizerJson(): Record<string, unknown> {
  const alphabet = byteLevelAlphabet();
  const merged = ['Ġt', 'he', 'Ġthe', 'Ġa'];
  const vocab = Object.fromEntries([...alphabet, ...merged].map((token, id) => [token, id]));
  return {
    version: '1.0',
    added_tokens: [special(260, '<|endoftext|>')],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges: ['Ġ t', 'h e', 'Ġt he', 'Ġ a'] },
  };
}
