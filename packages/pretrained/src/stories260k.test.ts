import { createWasmBackend, type WasmBackend } from '@qaxon/kernel-wasm';
import { QTensor } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareLogits } from './compare-logits.js';
import { generate, type GenerateResult } from './generate.js';
import { loadPretrained } from './node.js';
import type { PretrainedModel } from './pretrained-model.js';
import { GREEDY_TEXT, STORIES_BIN, STORIES_FOLDER } from './test-support/fixtures.js';

const PROMPT = 'Once upon a time';

/**
 * Checks a greedy run against llama2.c's: the prompt's text followed by each generated
 * token's text must stay a prefix of greedy.txt, token after token, until it is all of it.
 */
function expectLlama2cGreedy(pretrained: PretrainedModel, result: GenerateResult): void {
  const tokenizer = pretrained.tokenizer!;
  let text = tokenizer.decode(result.promptTokens);
  expect(GREEDY_TEXT.startsWith(text)).toBe(true);
  for (const [index, id] of result.tokens.entries()) {
    if (text.length >= GREEDY_TEXT.length) break;
    text = tokenizer.decode([...result.promptTokens, ...result.tokens.slice(0, index + 1)]);
    if (!GREEDY_TEXT.startsWith(text)) {
      throw new Error(`generated token ${index} (id ${id}, ${JSON.stringify(tokenizer.decode([id]))}) leaves greedy.txt: ${JSON.stringify(text.slice(-40))}`);
    }
  }
  expect(text).toBe(GREEDY_TEXT);
}

describe('stories260K', () => {
  let fromFolder: PretrainedModel;
  let fromBin: PretrainedModel;
  let wasm: WasmBackend;

  beforeAll(async () => {
    fromFolder = await loadPretrained(STORIES_FOLDER, { tokenizer: 'tok512.bin' });
    fromBin = await loadPretrained(STORIES_BIN, { tokenizer: 'tok512.bin' });
    wasm = await createWasmBackend();
  });
  afterAll(() => wasm.dispose());

  test('the Hugging Face folder and the llama2.c .bin describe the same model', () => {
    const { interleavedRope: hfRope, ...hf } = fromFolder.config;
    const { interleavedRope: binRope, ...bin } = fromBin.config;
    expect({ hfRope, binRope }).toEqual({ hfRope: false, binRope: true });
    expect({ ...bin, maxPositions: hf.maxPositions }).toEqual(hf);
    expect(fromFolder.config).toMatchObject({ hiddenSize: 64, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, tiedEmbeddings: true });
    expect(fromFolder.state.layers().sort()).toEqual(fromBin.state.layers().sort());
    // Norms and v/o/MLP kernels are the same numbers; q/k differ only by llama2.c's RoPE row order.
    expect(fromFolder.state.get('model.layers.2.mlp.down_proj', 'kernel')).toEqual(fromBin.state.get('model.layers.2.mlp.down_proj', 'kernel'));
  });

  const cases: [string, string, () => PretrainedModel, () => WasmBackend | undefined][] = [
    ['Hugging Face folder', 'reference', () => fromFolder, () => undefined],
    ['llama2.c .bin', 'reference', () => fromBin, () => undefined],
    ['Hugging Face folder', 'WASM', () => fromFolder, () => wasm],
    ['llama2.c .bin', 'WASM', () => fromBin, () => wasm],
  ];
  test.each(cases)('greedy from "Once upon a time" (%s, %s backend) is greedy.txt token for token', async (_source, _backend, pretrained, backend) => {
    const streamed: string[] = [];
    const result = await generate({
      pretrained: pretrained(),
      prompt: PROMPT,
      maxTokens: 60,
      ...(backend() === undefined ? {} : { backend: backend()! }),
      onToken: (token) => streamed.push(token.text),
    });
    expect(result.promptTokens[0]).toBe(1);
    expect(streamed.join('')).toBe(result.text);
    expect(result.stoppedBy).toBe('maxTokens');
    expect(result.tokensPerSecond).toBeGreaterThan(0);
    expectLlama2cGreedy(pretrained(), result);
  });

  test('quantize: true reads int8 kernels and reports their bytes, the logit error and argmax agreement', async () => {
    const int8 = await loadPretrained(STORIES_FOLDER, { tokenizer: 'tok512.bin', quantize: true });
    const report = int8.quantization!;
    expect(report.quantizedLayers).toHaveLength(5 * 7 + 1);
    expect(report.quantizedLayers).toContain('lm_head');
    expect(int8.state.get('model.layers.0.self_attn.q_proj', 'kernel')).toBeInstanceOf(QTensor);
    expect(int8.state.get('model.embed_tokens', 'kernel')).not.toBeInstanceOf(QTensor);
    // int8 values plus one f32 scale and one s8 zero point per output column.
    const kernelColumns = 5 * (64 + 32 + 32 + 64 + 172 + 172 + 64) + 512;
    const kernelWeights = 5 * (64 * 64 * 2 + 64 * 32 * 2 + 64 * 172 * 3) + 64 * 512;
    expect(report.int8Bytes).toBe(kernelWeights + 5 * kernelColumns);
    expect(report.floatKernelBytes).toBe(4 * kernelWeights);
    expect(report.stateBytes).toBe(int8.state.byteSize());
    expect(report.stateBytes).toBeLessThan(report.floatStateBytes / 2);

    const ids = fromFolder.tokenizer!.encode(GREEDY_TEXT);
    const comparison = await compareLogits(int8, fromFolder, GREEDY_TEXT);
    expect(comparison.positions).toBe(ids.length);
    expect(comparison.logitError.maxAbsError).toBeGreaterThan(0);
    expect(comparison.logitError.sqnrDb).toBeGreaterThan(20);
    expect(comparison.argmaxAgreement).toBeGreaterThan(0.8);
    console.log(
      `stories260K int8: ${report.int8Bytes} int8 kernel bytes (float ${report.floatKernelBytes}); state ${report.stateBytes} bytes (float ${report.floatStateBytes}); ` +
        `logits max |err| ${comparison.logitError.maxAbsError.toFixed(4)}, mean ${comparison.logitError.meanAbsError.toFixed(4)}, SQNR ${comparison.logitError.sqnrDb.toFixed(1)} dB; ` +
        `argmax unchanged at ${(100 * comparison.argmaxAgreement).toFixed(1)}% of ${comparison.positions} positions`,
    );
    // The float model against itself: no error at all.
    expect(await compareLogits(fromFolder, fromBin, ids.slice(0, 12))).toMatchObject({ argmaxAgreement: 1, positions: 12 });
    expect((await compareLogits(fromFolder, fromFolder, ids.slice(0, 12))).logitError.maxAbsError).toBe(0);
    const quantizedRun = await generate({ pretrained: int8, prompt: PROMPT, maxTokens: 20, backend: wasm });
    expect(quantizedRun.tokens).toHaveLength(20);
  });
});
