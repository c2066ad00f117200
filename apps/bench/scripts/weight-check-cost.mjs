#!/usr/bin/env node
// What `build(model, { weightCheck })` costs per use of a weight (issue #23), next to the op it
// guards: on a [4096, 4096] int8 kernel (and the f32 one), the sampled `kernelStamp`, the full
// `kernelDigest`, and one GEMV [1, 4096] x [4096, 4096] through the WASM backend (1 thread, the
// kernel already uploaded). Measured in turns in one process (a round of each, 30 rounds after
// 5 warm-up rounds); prints the medians and each check's time over the GEMV's.
// Usage (after building the packages): node apps/bench/scripts/weight-check-cost.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const load = (path) => import(join(root, path));
const { QTensor, WeightCache, kernelDigest, kernelStamp, randomNormal } = await load('packages/tensor/dist/index.js');
const { createWasmBackend } = await load('packages/kernel-wasm/dist/index.js');

const SIZE = 4096;
const weights = randomNormal([SIZE, SIZE], { seed: 1 });
const q = QTensor.fromTensor(weights);
const backend = await createWasmBackend({ threads: 1 });
const cache = new WeightCache(backend);
const x = randomNormal([1, SIZE], { seed: 2 });

const gemv = () => {
  const xHandle = backend.upload(x);
  const y = backend.kernels.quantizedDense({ x: xHandle, kernel: cache.handleOf(q) }, {});
  backend.download(y);
  backend.release(y);
  backend.release(xHandle);
};
const tasks = {
  'GEMV (quantizedDense, WASM 1 thread)': gemv,
  'kernelStamp, int8 (sampled)': () => kernelStamp(q),
  'kernelDigest, int8 (full)': () => kernelDigest(q),
  'kernelDigest, f32 (full)': () => kernelDigest(weights),
};
const times = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
for (let round = 0; round < 35; round++) {
  for (const [name, task] of Object.entries(tasks)) {
    const start = process.hrtime.bigint();
    task();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (round >= 5) times[name].push(ms);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const gemvMs = median(times['GEMV (quantizedDense, WASM 1 thread)']);
console.log(`[${SIZE}, ${SIZE}] weights, medians of 30 rounds in turns (load ${(await import('node:os')).loadavg()[0].toFixed(2)}):`);
for (const [name, values] of Object.entries(times)) {
  const ms = median(values);
  console.log(`  ${name.padEnd(40)} ${ms.toFixed(4).padStart(9)} ms  ${(ms / gemvMs).toFixed(3)}x the GEMV`);
}
backend.dispose?.();
