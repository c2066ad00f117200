import { ones, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { InputError, build, dense, input } from '../index.js';

// Careless inputs give a short message at once, whatever their size.
describe('binding careless inputs', () => {
  const { init, predict } = build(dense(input('x'), 2));
  const state = init(template([1, 784]));

  it('a Float32Array given for a tensor (x.data for x) is named by kind and length, not by its indices', async () => {
    const data = new Float32Array(784 * 20_000);
    const started = performance.now();
    const error = await predict(state, data as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "input 'x': expected a Tensor or a record of Tensors by input name, got a Float32Array of 15,680,000 elements",
    );
    expect(performance.now() - started).toBeLessThan(2000); // was 19 s and a 177 MB message
  });

  it('a plain array given for a record is refused as an array', async () => {
    await expect(predict(state, [ones([1, 784])] as never)).rejects.toThrow(
      "input 'x': expected a Tensor or a record of Tensors by input name, got an array of length 1",
    );
    expect(() => init(new Array(1_000_000).fill(0) as never)).toThrow('got an array of length 1,000,000');
  });

  it('a record without the input lists a few of its keys and counts the rest', async () => {
    const record = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, ones([1, 784])]));
    const error = await predict(state, record).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "missing input 'x': the model needs it, the given record has only 'k0', 'k1', 'k2', 'k3', 'k4' and 9,995 more",
    );
  });
});
