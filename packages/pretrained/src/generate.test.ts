import { build } from '@qaxon/graph';
import { Prng, type Tensor } from '@qaxon/tensor';
import { beforeAll, describe, expect, test } from 'vitest';
import { generate } from './generate.js';
import { cacheNames } from './llama-graph.js';
import { loadPretrained } from './node.js';
import { pretrainedModel, type PretrainedModel } from './pretrained-model.js';
import { sampleToken } from './sampling.js';
import { sequenceInputs } from './sequence-inputs.js';
import { STORIES_FOLDER } from './test-support/fixtures.js';

let stories: PretrainedModel;
beforeAll(async () => {
  stories = await loadPretrained(STORIES_FOLDER, { tokenizer: 'tok512.bin' });
});

describe('decoding with the KV cache', () => {
  test('prefill then one step per token gives the logits of the whole sequence', async () => {
    const ids = stories.tokenizer!.encode('Once upon a time, there was a little girl');
    const prompt = 4;
    const full = await build(stories.model).predict(stories.state, sequenceInputs([ids]));
    const prefill = build(stories.decoder.prefill);
    const step = build(stories.decoder.step);
    let outputs = await prefill.predict(stories.state, sequenceInputs([ids.slice(0, prompt)]));
    const vocab = stories.config.vocabSize;
    const expectRow = (logits: Tensor, row: number, position: number) => {
      const got = logits.data.subarray(row * vocab, (row + 1) * vocab);
      const want = full.data.subarray(position * vocab, (position + 1) * vocab);
      got.forEach((value, i) => expect(Math.abs(value - want[i]!), `position ${position}, logit ${i}`).toBeLessThan(1e-4));
    };
    for (let position = 0; position < prompt; position++) expectRow(outputs['logits']!, position, position);
    for (let position = prompt; position < ids.length; position++) {
      const inputs: Record<string, Tensor> = { ...sequenceInputs([[ids[position]!]], position) };
      for (let layer = 0; layer < stories.config.layers; layer++) {
        const names = cacheNames(layer);
        expect(outputs[names.presentKey]!.shape).toEqual([1, position, 32]);
        inputs[names.pastKey] = outputs[names.presentKey]!;
        inputs[names.pastValue] = outputs[names.presentValue]!;
      }
      outputs = await step.predict(stories.state, inputs);
      expectRow(outputs['logits']!, 0, position);
    }
  });
});

describe('sampleToken', () => {
  test('greedy takes the first highest logit; topK 1 and a tiny topP are greedy too', () => {
    const logits = Float32Array.of(0.5, 2, -1, 2, 1.5);
    const prng = new Prng(3);
    expect(sampleToken(logits, {}, prng)).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleToken(logits, { temperature: 1.5, topK: 1 }, prng)).toBe(1);
      expect(sampleToken(logits, { temperature: 1.5, topP: 0.01 }, prng)).toBe(1);
    }
  });

  test('samples softmax(logits / temperature), restricted by topK and topP', () => {
    const prng = new Prng(11);
    const draws = 4000;
    const frequency = (logits: Float32Array, options: Parameters<typeof sampleToken>[1]) => {
      const counts = new Array<number>(logits.length).fill(0);
      for (let i = 0; i < draws; i++) counts[sampleToken(logits, options, prng)]! += 1;
      return counts.map((count) => count / draws);
    };
    // p = [1/4, 3/4] at temperature 1; at temperature 2, softmax(ln 3 / 2) = [1 / (1 + √3), √3 / (1 + √3)].
    const [low, high] = frequency(Float32Array.of(0, Math.log(3)), { temperature: 1 });
    expect(Math.abs(high! - 0.75)).toBeLessThan(0.03);
    expect(Math.abs(low! - 0.25)).toBeLessThan(0.03);
    const [, warm] = frequency(Float32Array.of(0, Math.log(3)), { temperature: 2 });
    expect(Math.abs(warm! - Math.sqrt(3) / (1 + Math.sqrt(3)))).toBeLessThan(0.03);
    // topK 2 of [0.1, 0.2, 0.3, 0.4] keeps 0.4 and 0.3 → 4/7, 3/7; topP 0.5 keeps the same two (0.4 + 0.3 ≥ 0.5).
    const probabilities = Float32Array.from([0.1, 0.2, 0.3, 0.4], Math.log);
    for (const options of [{ temperature: 1, topK: 2 }, { temperature: 1, topP: 0.5 }]) {
      const counts = frequency(probabilities, options);
      expect(counts[0]! + counts[1]!).toBe(0);
      expect(Math.abs(counts[3]! - 4 / 7)).toBeLessThan(0.03);
    }
  });
});

describe('generate', () => {
  test('sampling with a seed is reproducible, and another seed gives another text', async () => {
    const run = (seed: number) => generate({ pretrained: stories, prompt: 'Once upon a time', maxTokens: 30, temperature: 1, topP: 0.95, seed });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(a.tokens).toEqual(b.tokens);
    expect(a.tokens).not.toEqual(c.tokens);
  });

  test('stops at a stop token (left out), at maxTokens, and at the last position', async () => {
    const greedy = await generate({ pretrained: stories, prompt: 'Once upon a time', maxTokens: 12 });
    const stop = greedy.tokens[6]!;
    const first = greedy.tokens.indexOf(stop);
    const stopped = await generate({ pretrained: stories, prompt: 'Once upon a time', maxTokens: 12, stopTokens: [stop] });
    expect(stopped).toMatchObject({ stoppedBy: 'stopToken', tokens: greedy.tokens.slice(0, first) });
    expect((await generate({ pretrained: stories, prompt: greedy.promptTokens, maxTokens: 0 })).tokens).toEqual([]);
    const short = pretrainedModel({ ...stories.config, maxPositions: 8 }, stories.state, stories.tokenizer);
    const limited = await generate({ pretrained: short, prompt: 'Once upon a time', maxTokens: 50 });
    expect(limited.stoppedBy).toBe('maxPositions');
    // Positions 0..7 are fed: the 5 prompt tokens and 3 generated ones; the 4th generated token needs none.
    expect(limited.tokens).toEqual(greedy.tokens.slice(0, 8 - greedy.promptTokens.length + 1));
  });

  test('refuses bad options, naming them', async () => {
    await expect(generate({ pretrained: stories, prompt: [1, 512] })).rejects.toThrow('generate: expected token ids from 0 to 511, got 512 at index 1 of the prompt');
    await expect(generate({ pretrained: stories, prompt: 'x', temperature: -1 })).rejects.toThrow('generate: expected temperature to be a finite number >= 0 (0: greedy), got -1');
    await expect(generate({ pretrained: stories, prompt: 'x', topP: 0 })).rejects.toThrow('generate: expected topP in (0, 1], got 0');
    await expect(generate({ pretrained: stories, prompt: 'x', maxTokens: 1.5 })).rejects.toThrow('generate: expected maxTokens to be a non-negative integer, got 1.5');
    const noTokenizer = pretrainedModel(stories.config, stories.state);
    await expect(generate({ pretrained: noTokenizer, prompt: 'x' })).rejects.toThrow(/a text prompt needs a tokenizer/);
  });
});
