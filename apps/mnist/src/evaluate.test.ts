import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@qaxon/tensor';
import { PIXELS, type DigitSet } from './data.js';
import { accuracy, agreement, argmaxRows, batchTiming, classifyDigits } from './evaluate.js';

describe('argmaxRows', () => {
  it('picks the largest score of each row, the first on a tie', () => {
    expect(Array.from(argmaxRows(tensor([[0.1, 0.9, 0], [0.5, 0.5, 0.2], [-3, -1, -2]])))).toEqual([1, 0, 1]);
  });

  it('refuses a tensor that is not [rows, classes] and NaN scores', () => {
    expect(() => argmaxRows(tensor([1, 2, 3]))).toThrow('expected scores of shape [rows, classes] with 1..256 classes, got shape [3]');
    expect(() => argmaxRows(tensor([[0, Number.NaN]]))).toThrow('got NaN at row 0, column 1');
  });
});

describe('accuracy and agreement', () => {
  it('count matching positions as a fraction of 1', () => {
    expect(accuracy([1, 2, 3, 4], [1, 2, 3, 0])).toBe(0.75);
    expect(agreement(new Uint8Array([5, 5]), new Uint8Array([5, 5]))).toBe(1);
    expect(agreement([1, 2], [3, 4])).toBe(0);
  });

  it('refuse arrays of different lengths or empty ones', () => {
    expect(() => accuracy([1], [1, 2])).toThrow('accuracy: expected two arrays of the same length, got 1 and 2');
    expect(() => agreement([], [])).toThrow('agreement: expected at least one prediction, got none');
  });
});

describe('classifyDigits', () => {
  const digits: DigitSet = {
    count: 5,
    images: Float32Array.from({ length: 5 * PIXELS }, (_, i) => Math.floor(i / PIXELS)),
    labels: Uint8Array.from([0, 1, 2, 3, 4]),
    ids: Int32Array.from([0, 1, 2, 3, 4]),
  };
  // A fake model: scores one-hot at (first pixel mod 3), so digit i is classified as i % 3.
  const predict = async (x: Tensor<'f32'>): Promise<Tensor> => {
    const rows = x.shape[0]!;
    const scores = new Float32Array(rows * 3);
    for (let row = 0; row < rows; row++) scores[row * 3 + (x.data[row * PIXELS]! % 3)] = 1;
    return tensor(scores, { shape: [rows, 3] });
  };

  it('runs every batch (the last one short) and keeps the digits in order', async () => {
    const seen: number[] = [];
    const result = await classifyDigits(async (x) => (seen.push(x.shape[0]!), predict(x)), digits, 2);
    expect(seen).toEqual([2, 2, 1]);
    expect(Array.from(result.predictions)).toEqual([0, 1, 2, 0, 1]);
    expect(result.batchMilliseconds).toHaveLength(3);
    expect(accuracy(result.predictions, digits.labels)).toBe(0.6);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(classifyDigits(predict, digits, 0)).rejects.toThrow('expected a positive integer batch size, got 0');
  });
});

describe('batchTiming', () => {
  it('sets the first batch apart and summarizes the others', () => {
    expect(batchTiming([50, 10, 12, 11])).toEqual({ batches: 4, firstMs: 50, meanMs: 11, medianMs: 11 });
    expect(batchTiming([50, 10, 20])).toEqual({ batches: 3, firstMs: 50, meanMs: 15, medianMs: 15 });
    expect(batchTiming([7])).toEqual({ batches: 1, firstMs: 7, meanMs: 7, medianMs: 7 });
  });
});
