import { readFileSync } from 'node:fs';
import { writeSafetensors } from '@qaxon/safetensors';
import { Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { MNIST_CLASSES, MNIST_PIXELS } from '../model/mnist-model.js';
import { decodeHeldOutDigits } from './held-out-digits.js';

const shipped = () => new Uint8Array(readFileSync(new URL('./held-out-digits.safetensors', import.meta.url)));

describe('the shipped held-out digits', () => {
  it('hold five digits of every class from the held-out split, grey levels in [0, 1]', () => {
    const digits = decodeHeldOutDigits(shipped());
    expect(digits.count).toBe(50);
    for (let label = 0; label < MNIST_CLASSES; label++) expect(digits.labels.filter((l) => l === label).length).toBe(5);
    expect(new Set(digits.ids).size).toBe(50);
    for (let i = 0; i < digits.count; i++) {
      const image = digits.image(i);
      expect(image.length).toBe(MNIST_PIXELS);
      expect(image.every((value) => value >= 0 && value <= 1)).toBe(true);
      expect(Math.max(...image)).toBeGreaterThan(0.5);
    }
  });

  it('refuses an index out of range and files that lack a tensor or have the wrong shape', () => {
    const digits = decodeHeldOutDigits(shipped());
    expect(() => digits.image(50)).toThrow('expected an index in [0, 50), got 50');
    const labels = new Tensor(Int32Array.from([1]), [1], 's32');
    expect(() => decodeHeldOutDigits(writeSafetensors({ labels }))).toThrow('expected tensors images, labels and ids, got labels');
    const images = new Tensor(new Float32Array(10), [1, 10], 'f32');
    expect(() => decodeHeldOutDigits(writeSafetensors({ images, labels, ids: labels }))).toThrow('expected images of shape [1, 784], got [1, 10]');
  });
});
