import { describe, expect, it } from 'vitest';
import type { Continuation } from './continuation.js';
import { formatSideBySide, sideBySideJson, twoColumns } from './report.js';
import type { SideBySide } from './side-by-side.js';

const continuation = (text: string, tokens: number[]): Continuation => ({
  text,
  promptTokens: [1, 2, 3],
  tokens,
  stoppedBy: 'maxTokens',
  prefillMs: 10,
  prefillTokensPerSecond: 300,
  decodeMs: 100,
  decodeTokensPerSecond: 150,
});

const result: SideBySide = {
  model: 'stories260K',
  prompt: 'Once',
  backend: { name: 'wasm', reason: 'no GPU' },
  bytes: { float: 1000, int8: 250 },
  loadMs: { float: 5, int8: 6 },
  float: continuation(' upon a time', [4, 5, 6]),
  int8: continuation(' upon a hill', [4, 5, 7]),
  argmaxAgreement: { share: 0.5, positions: 6, logitSqnrDb: Infinity },
  sameLeadingTokens: 2,
};

describe('the side-by-side report', () => {
  it('puts two texts in columns, wrapping at spaces and cutting words longer than a column', () => {
    expect(twoColumns(['a', 'b'], ['one two three', 'abcdefghij'], 7).split('\n')).toEqual(['  a         b', '  -         -', '  one two   abcdefg', '  three     hij']);
  });

  it('the JSON object carries model, bytes, tokens/s of both, the agreement and both texts; an error-free SQNR is null', () => {
    expect(sideBySideJson(result)).toEqual({
      model: 'stories260K',
      prompt: 'Once',
      backend: { name: 'wasm', reason: 'no GPU' },
      bytes: { float: 1000, int8: 250 },
      tokensPerSecond: { float: { prefill: 300, decode: 150 }, int8: { prefill: 300, decode: 150 } },
      argmaxAgreement: { share: 0.5, positions: 6, logitSqnrDb: null },
      generatedTokens: { float: 3, int8: 3 },
      sameLeadingTokens: 2,
      texts: { float: ' upon a time', int8: ' upon a hill' },
    });
    expect(JSON.parse(JSON.stringify(sideBySideJson(result)))).toEqual(sideBySideJson(result));
  });

  it('the text names both continuations, the bytes ratio, both speeds, the agreement and the backend', () => {
    const text = formatSideBySide(result, 20);
    expect(text).toContain('  float32                int8');
    expect(text).toContain('  Once upon a time       Once upon a hill');
    expect(text).toContain('float32 1,000 B, int8 250 B (0.250x)');
    expect(text).toContain('decode    float32 150 tokens/s, int8 150 tokens/s (3 and 3 tokens)');
    expect(text).toContain("at 50.0% of 6 positions (logit SQNR Infinity dB); the first 2 of 3 tokens are the same");
    expect(text).toContain('backend   wasm — no GPU');
  });
});
