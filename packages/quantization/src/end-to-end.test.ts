import { ModelState, build, dense, input, relu, softmax } from '@qaxon/graph';
import { QTensor, randomNormal, template, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { quantizationReport, quantize } from './index.js';

/**
 * A 3-layer MLP (64-128-64-10) with Gaussian weights, quantized end to end on the
 * reference backend. Documented tolerance: every layer's weight SQNR is above 35 dB (for
 * Gaussian weights int8 per-channel gives about 38-40 dB: the largest of ~100 samples sits
 * near 2.5-3 standard deviations, so the step is ~sigma/45), and the model's logits stay
 * within an output SQNR of 30 dB of the float model's.
 */
describe('a 3-layer MLP quantized end to end', () => {
  const gaussian = (seedOffset: number) => (shape: readonly number[], _dtype: string, key: number) =>
    randomNormal(shape, { seed: key + seedOffset, stddev: 1 / Math.sqrt(shape[0]!) });
  const logits = dense(
    dense(dense(input('x'), 128, { activation: 'relu', kernelInitializer: gaussian(0), biasInitializer: 'normal' }), 64, {
      activation: 'relu',
      kernelInitializer: gaussian(1),
    }),
    10,
    { kernelInitializer: gaussian(2) },
  );
  const state: ModelState = build(logits).init(template([1, 64]), undefined, { seed: 11 });
  const inputs = randomNormal([32, 64], { seed: 5 });

  it('keeps weight SQNR above 35 dB and output SQNR above 30 dB, at about a quarter of the bytes', async () => {
    const [qModel, qState] = quantize(logits, state);
    const report = await quantizationReport(logits, state, qState, { inputs });
    for (const line of report.layers) {
      expect(line.quantized).toBe(true);
      expect(line.weightError.sqnrDb).toBeGreaterThan(35);
    }
    expect(report.outputError!.sqnrDb).toBeGreaterThan(30);
    // Kernels shrink to ~0.26x; float biases keep the whole state a little above that.
    expect(report.compression).toBeLessThan(0.28);
    const yFloat = await build(logits).predict(state, inputs);
    const yInt8 = await build(qModel).predict(qState, inputs);
    let agree = 0;
    for (let row = 0; row < 32; row++) {
      const argmax = (data: Float32Array) => {
        let best = 0;
        for (let n = 1; n < 10; n++) if (data[row * 10 + n]! > data[row * 10 + best]!) best = n;
        return best;
      };
      if (argmax(yFloat.data as Float32Array) === argmax(yInt8.data as Float32Array)) agree++;
    }
    expect(agree).toBeGreaterThanOrEqual(30);
  });

  it('stays a probability distribution after softmax', async () => {
    const model = softmax(relu(logits));
    const [qModel, qState] = quantize(model, state);
    const y = await build(qModel).predict(qState, inputs);
    for (let row = 0; row < 32; row++) {
      const total = Array.from(y.data.subarray(row * 10, row * 10 + 10)).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 5);
    }
    expect(qState.get('dense_2', 'kernel')).toBeInstanceOf(QTensor);
  });
});

describe('weights near ±FLT_MAX', () => {
  it('the int8 model predicts a finite value where the float model gives -3.4e38', async () => {
    const max = 3.4028234663852886e38;
    const model = dense(input('x'), 1, { useBias: false });
    const state = ModelState.fromData({ dense_0: { kernel: tensor([[-max]]) } });
    const [qModel, qState] = quantize(model, state);
    const x = tensor([[1]]);
    const float = (await build(model).predict(state, x)).data[0]!;
    const int8 = (await build(qModel).predict(qState, x)).data[0]!;
    expect(float).toBe(-max);
    expect(Number.isFinite(int8)).toBe(true);
    expect(Math.abs(int8 - float) / max).toBeLessThan(0.01);
  });
});
