import { build, container, decoderBlock, input, type Model } from '@qaxon/graph';
import { createReferenceBackend } from '@qaxon/kernel-reference';
import type { Backend, Tensor } from '@qaxon/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { expectF32Golden, expectInt8Golden, predictOutputs, quantizedBlock, type BlockCase } from './test-support/block-goldens.js';
import { GOLDEN_BACKENDS } from './test-support/golden-backends.js';
import { readGoldenFixture } from './test-support/golden-fixture.js';
import { F32_RELATIVE_TOLERANCE, INT8_MIN_SQNR_DB, f32Mismatch, goldenErrors } from './test-support/golden-errors.js';
import { parameterKeys, stateFromHuggingFace } from './test-support/hugging-face-state.js';

// Issue #19: a LLaMA decoder layer built with decoderBlock matches PyTorch (a layer written
// after Hugging Face's modeling_llama.py; fixtures/llama-block.*) on every backend: f32
// within 1e-4 · max |expected| (output and the present key/value cache), int8 after
// quantize with an output SQNR >= 35 dB.

interface LlamaCaseJson {
  description: string;
  interleaved: boolean;
  theta: number;
  inputs: Record<string, string>;
  expected: Record<string, string>;
}
interface LlamaJson {
  config: { prefix: string; hidden: number; heads: number; kvHeads: number; headDim: number; intermediate: number; epsilon: number; theta: number };
  cases: Record<string, LlamaCaseJson>;
  weights: string[];
}

const fixture = readGoldenFixture<LlamaJson>('llama-block');
const { config, cases } = fixture.json;
const state = stateFromHuggingFace(fixture, fixture.json.weights);
const INPUT_NAMES: Record<string, string> = { hidden: 'hidden', positions: 'positions', pastKey: 'past_key', pastValue: 'past_value' };

/** The decoder layer as a model with outputs `output`, `key`, `value` (the present cache). */
function llamaModel(options: { interleaved: boolean; theta: number; cache: boolean }): Model<Record<string, Tensor>> {
  const kv = config.kvHeads * config.headDim;
  const hidden = input('hidden', { shape: [null, null, config.hidden] });
  const positions = input('positions', { shape: [null, null], dtype: 's32' });
  const cache = options.cache ? { key: input('past_key', { shape: [null, null, kv] }), value: input('past_value', { shape: [null, null, kv] }) } : undefined;
  const block = decoderBlock(hidden, {
    prefix: config.prefix,
    heads: config.heads,
    kvHeads: config.kvHeads,
    headDim: config.headDim,
    intermediate: config.intermediate,
    epsilon: config.epsilon,
    theta: options.theta,
    interleaved: options.interleaved,
    positions,
    ...(cache === undefined ? {} : { cache }),
  });
  return container({ output: block.output, key: block.key, value: block.value });
}

const goldens = Object.entries(cases).map(([name, c]) => {
  const golden: BlockCase = {
    name,
    inputs: Object.fromEntries(Object.entries(c.inputs).map(([key, tensorName]) => [INPUT_NAMES[key]!, fixture.tensor(tensorName)])),
    expected: Object.fromEntries(Object.entries(c.expected).map(([key, tensorName]) => [key, fixture.tensor(tensorName)])),
  };
  const model = llamaModel({ interleaved: c.interleaved, theta: c.theta, cache: c.inputs.pastKey !== undefined });
  return { name, description: c.description, golden, model, int8: quantizedBlock(model, state) };
});

describe('the LLaMA fixture', () => {
  it('loads by name: the Hugging Face weights are exactly the parameters decoderBlock wants', () => {
    for (const { model, golden } of goldens) {
      const built = build(model);
      // strict: a parameter the checkpoint lacks, or a weight no layer has, is an error.
      expect(parameterKeys(built.init(golden.inputs, state, { strict: true }))).toEqual(parameterKeys(state));
    }
    expect(parameterKeys(state)).toContain(`${config.prefix}.self_attn.q_proj/kernel`);
    expect(state.get(`${config.prefix}.mlp.down_proj`, 'kernel')?.shape).toEqual([config.intermediate, config.hidden]);
  });
});

for (const golden of GOLDEN_BACKENDS) {
  if (golden.unavailable !== undefined) {
    describe(golden.name, () => it.skip(`LLaMA block goldens [${golden.unavailable}]`, () => {}));
    continue;
  }
  const backend: Backend & { dispose?(): void } = await golden.create();
  describe(`LLaMA decoder block on ${golden.name} matches PyTorch`, () => {
    afterAll(() => backend.dispose?.());
    for (const { name, description, golden: goldenCase, model, int8 } of goldens) {
      it(`f32 ${name} (${description}): output, key and value within ${F32_RELATIVE_TOLERANCE} · max |expected|`, async () => {
        await expectF32Golden('llama', golden.name, backend, model, state, goldenCase);
      });
      it(`int8 ${name}: output SQNR >= ${INT8_MIN_SQNR_DB} dB after quantize`, async () => {
        await expectInt8Golden('llama', golden.name, backend, int8[0], int8[1], goldenCase, 'hidden');
      });
    }
    it("decoding with qaxon's own cache: the prompt's key/value fed to the step give PyTorch's step output", async () => {
      const prompt = goldens.find((g) => g.name === 'decode_prompt')!;
      const step = goldens.find((g) => g.name === 'decode_step')!;
      const present = await predictOutputs(prompt.model, state, prompt.golden.inputs, backend);
      const inputs = { ...step.golden.inputs, past_key: present.key!, past_value: present.value! };
      const outputs = await predictOutputs(step.model, state, inputs, backend);
      for (const output of ['output', 'key', 'value']) {
        const expected = step.golden.expected[output]!;
        const where = `llama decode (chained) '${output}' on ${golden.name}`;
        expect(f32Mismatch(goldenErrors(outputs[output]!, expected, where), outputs[output]!, expected, where)).toBe('');
      }
    });
  });
}

it('fails on a wrong convention (the goldens tell the RoPE conventions apart)', async () => {
  const prefill = goldens.find((g) => g.name === 'prefill')!;
  const outputs = await predictOutputs(llamaModel({ interleaved: true, theta: config.theta, cache: false }), state, prefill.golden.inputs, createReferenceBackend());
  const errors = goldenErrors(outputs.key!, prefill.golden.expected.key!, 'llama prefill key, interleaved instead of rotate_half');
  expect(errors.relativeError).toBeGreaterThan(100 * F32_RELATIVE_TOLERANCE);
});
