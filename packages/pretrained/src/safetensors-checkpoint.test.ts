import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomNormal, transpose, type Tensor } from '@qaxon/tensor';
import { describe, expect, test } from 'vitest';
import { bytesSource } from './byte-source.js';
import type { WeightTarget } from './llama-weights.js';
import { readSafetensorsWeights } from './safetensors-checkpoint.js';
import { StateAssembler } from './state-assembler.js';
import { writeSafetensorsFile } from './test-support/checkpoint-files.js';

const target = (layer: string, sourceShape: number[], transposed: boolean): WeightTarget => ({ layer, parameter: 'kernel', sourceShape, transpose: transposed, dense: false });

/** Same shape and bytes (a deep toEqual over millions of numbers takes a minute). */
const sameFloats = (a: Tensor, b: Tensor) => a.shape.join() === b.shape.join() && Buffer.from((a.data as Float32Array).buffer).equals(Buffer.from((b.data as Float32Array).buffer));

describe('readSafetensorsWeights', () => {
  test('reads tensors larger than one read block, transposing PyTorch weights on the way', async () => {
    // 2100 x 1000 float32 is 8.4 MB: three blocks of rows.
    const weight = randomNormal([2100, 1000], { seed: 1 });
    const embedding = randomNormal([2100, 1000], { seed: 2 });
    const file = join(mkdtempSync(join(tmpdir(), 'qaxon-blocks-')), 'model.safetensors');
    writeSafetensorsFile(file, {
      weight: { dtype: 'F32', shape: [2100, 1000], data: weight.data as Float32Array },
      embedding: { dtype: 'F32', shape: [2100, 1000], data: embedding.data as Float32Array },
    });
    const targets = new Map([
      ['weight', [target('dense', [2100, 1000], true)]],
      ['embedding', [target('embed', [2100, 1000], false), target('head', [2100, 1000], true)]],
    ]);
    const assembler = new StateAssembler(targets, false, 'test');
    await readSafetensorsWeights(bytesSource(new Uint8Array(readFileSync(file)), file), assembler);
    const { state } = assembler.finish();
    expect((state.get('dense', 'kernel') as Tensor).shape).toEqual([1000, 2100]);
    expect(sameFloats(state.get('dense', 'kernel') as Tensor, transpose(weight))).toBe(true);
    expect(sameFloats(state.get('embed', 'kernel') as Tensor, embedding)).toBe(true);
    expect(sameFloats(state.get('head', 'kernel') as Tensor, transpose(embedding))).toBe(true);
  });
});
