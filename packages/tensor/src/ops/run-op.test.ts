import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors.js';
import { tensor } from '../create.js';
import { runOp } from './run-op.js';
import { countingHostBackend } from './test-support/host-backend.js';

describe('runOp', () => {
  it('uploads the host inputs, runs the kernel, downloads, and releases everything it made', async () => {
    const backend = countingHostBackend();
    const y = await runOp(backend, 'dense', { x: tensor([[1, 2]]), kernel: tensor([[1], [10]]), bias: tensor([0.5]) }, {});
    expect(y.toArray()).toEqual([[21.5]]);
    expect(backend.counts).toEqual({ uploads: 3, downloads: 1, releases: 4 });
  });

  it('takes handles the backend already holds and leaves them live', async () => {
    const backend = countingHostBackend();
    const kernel = backend.upload(tensor([[2]]));
    await runOp(backend, 'dense', { x: tensor([[3]]), kernel }, {});
    expect(backend.owns(kernel)).toBe(true);
  });

  it('checks shapes before the kernel runs, naming the op', async () => {
    const backend = countingHostBackend();
    await expect(runOp(backend, 'dense', { x: tensor([[1, 2, 3]]), kernel: tensor([[1], [2]]) }, {})).rejects.toThrow(ShapeError);
    await expect(runOp(backend, 'dense', { x: tensor([[1, 2, 3]]), kernel: tensor([[1], [2]]) }, {})).rejects.toThrow(/dense: x has 3 features/);
    expect(backend.counts.uploads).toBe(backend.counts.releases);
  });

  it('refuses an op the backend does not implement, listing what it does', async () => {
    await expect(runOp(countingHostBackend(), 'relu', { x: tensor([1]) }, {})).rejects.toThrow(/does not implement op 'relu' \(it implements dense\)/);
  });

  it('refuses a handle of another backend', async () => {
    const other = countingHostBackend('other');
    const foreign = other.upload(tensor([[1]]));
    await expect(runOp(countingHostBackend(), 'dense', { x: tensor([[1]]), kernel: foreign }, {})).rejects.toThrow(ValueError);
  });
});
