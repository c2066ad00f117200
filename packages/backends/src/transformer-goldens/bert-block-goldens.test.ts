import { build, encoderBlock, input, type Model } from '@qaxon/graph';
import { createReferenceBackend } from '@qaxon/kernel-reference';
import type { Backend } from '@qaxon/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { expectF32Golden, expectInt8Golden, predictOutputs, quantizedBlock, type BlockCase } from './test-support/block-goldens.js';
import { GOLDEN_BACKENDS } from './test-support/golden-backends.js';
import { readGoldenFixture } from './test-support/golden-fixture.js';
import { F32_RELATIVE_TOLERANCE, INT8_MIN_SQNR_DB, goldenErrors } from './test-support/golden-errors.js';
import { parameterKeys, stateFromHuggingFace } from './test-support/hugging-face-state.js';

// Issue #19: a BERT encoder layer built with encoderBlock matches PyTorch's
// nn.TransformerEncoderLayer (post-LayerNorm, erf GELU, eps 1e-12, padding mask;
// fixtures/bert-block.*) on every backend: f32 within 1e-4 · max |expected|, int8 after
// quantize with an output SQNR >= 35 dB.

interface BertJson {
  config: { prefix: string; hidden: number; heads: number; intermediate: number; epsilon: number };
  cases: Record<string, { description: string; inputs: Record<string, string>; expected: Record<string, string> }>;
  weights: string[];
}

const fixture = readGoldenFixture<BertJson>('bert-block');
const { config, cases } = fixture.json;
const state = stateFromHuggingFace(fixture, fixture.json.weights);
const INPUT_NAMES: Record<string, string> = { hidden: 'hidden', mask: 'attention_mask' };

function bertModel(options: { mask: boolean }): Model {
  const hidden = input('hidden', { shape: [null, null, config.hidden] });
  const mask = options.mask ? input('attention_mask', { shape: [null, null], dtype: 's32' }) : undefined;
  return encoderBlock(hidden, {
    prefix: config.prefix,
    heads: config.heads,
    intermediate: config.intermediate,
    epsilon: config.epsilon,
    ...(mask === undefined ? {} : { mask }),
  });
}

const model = bertModel({ mask: true });
const int8 = quantizedBlock(model, state);
const goldens: BlockCase[] = Object.entries(cases).map(([name, c]) => ({
  name,
  inputs: Object.fromEntries(Object.entries(c.inputs).map(([key, tensorName]) => [INPUT_NAMES[key]!, fixture.tensor(tensorName)])),
  expected: Object.fromEntries(Object.entries(c.expected).map(([key, tensorName]) => [key, fixture.tensor(tensorName)])),
}));

describe('the BERT fixture', () => {
  it('loads by name: the renamed TransformerEncoderLayer weights are exactly the parameters encoderBlock wants', () => {
    for (const golden of goldens) {
      expect(parameterKeys(build(model).init(golden.inputs, state, { strict: true }))).toEqual(parameterKeys(state));
    }
    expect(parameterKeys(state)).toContain(`${config.prefix}.attention.output.LayerNorm/beta`);
  });

  it('fails without the padding mask (the goldens see the mask)', async () => {
    const golden = goldens[0]!;
    const outputs = await predictOutputs(bertModel({ mask: false }), state, { hidden: golden.inputs.hidden! }, createReferenceBackend());
    expect(goldenErrors(outputs.output!, golden.expected.output!, 'bert without mask').relativeError).toBeGreaterThan(100 * F32_RELATIVE_TOLERANCE);
  });
});

for (const golden of GOLDEN_BACKENDS) {
  if (golden.unavailable !== undefined) {
    describe(golden.name, () => it.skip(`BERT block goldens [${golden.unavailable}]`, () => {}));
    continue;
  }
  const backend: Backend & { dispose?(): void } = await golden.create();
  describe(`BERT encoder block on ${golden.name} matches PyTorch`, () => {
    afterAll(() => backend.dispose?.());
    for (const goldenCase of goldens) {
      it(`f32 ${goldenCase.name} (${cases[goldenCase.name]!.description}): within ${F32_RELATIVE_TOLERANCE} · max |expected|`, async () => {
        await expectF32Golden('bert', golden.name, backend, model, state, goldenCase);
      });
      it(`int8 ${goldenCase.name}: output SQNR >= ${INT8_MIN_SQNR_DB} dB after quantize`, async () => {
        await expectInt8Golden('bert', golden.name, backend, int8[0], int8[1], goldenCase);
      });
    }
  });
}
