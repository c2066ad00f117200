import { tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { argmax, probabilityRows } from './prediction.js';

describe('argmax and probabilityRows', () => {
  it('finds the first largest value', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([0.5, 0.5])).toBe(0);
    expect(() => argmax([])).toThrow('expected at least one value, got an empty list');
  });

  it('reads the rows of a [rows, classes] tensor and refuses other ranks', () => {
    expect(probabilityRows(tensor([[0.25, 0.75], [1, 0]]))).toEqual([[0.25, 0.75], [1, 0]]);
    expect(() => probabilityRows(tensor([1, 2]))).toThrow('expected a [rows, classes] tensor, got shape [2]');
  });
});
