#!/usr/bin/env node
// Times the WASM backend's W8A8 op (dynamicQuantizedDense) against weight-only int8
// (quantizedDense) on the same upload, 1 thread, in turns in one process (each turn runs
// every case once; the median per case is printed): by row count, to find where W8A8
// starts to pay (the crossover), and with createWasmBackend({ relaxedSimd: true }) next to
// the default build (the relaxed-SIMD GEMM where the engine has it, e.g. Node 22+).
// Kernels only: x stays in the module, y is released undownloaded.
// Usage (after building packages/kernel-wasm):
//   node apps/bench/scripts/w8a8-speed.mjs [--shapes 768x3072,4096x4096] [--rows 1,2,3,4,8,16,128] [--turns 15]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { createWasmBackend } = await import(join(root, 'packages/kernel-wasm/dist/index.js'));
const { QTensor, randomNormal } = await import(join(root, 'packages/tensor/dist/index.js'));

const { values } = parseArgs({
  options: { shapes: { type: 'string', default: '768x3072,4096x4096' }, rows: { type: 'string', default: '1,2,3,4,6,8,16,32,128' }, turns: { type: 'string', default: '15' } },
});
const turns = Number(values.turns);
const plain = await createWasmBackend({ threads: 1 });
const relaxed = await createWasmBackend({ threads: 1, relaxedSimd: true });

/** Median of `times` (sorted in place). */
const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];

console.log(`${process.version}, ${turns} turns, medians in ms; ratios are W8A8 / weight-only s8 and relaxed / default W8A8`);
for (const shape of values.shapes.split(',')) {
  const [depth, units] = shape.split('x').map(Number);
  const weights = QTensor.fromTensor(randomNormal([depth, units], { seed: 1 }));
  const kernels = { plain: plain.upload(weights), relaxed: relaxed.upload(weights) };
  for (const rows of values.rows.split(',').map(Number)) {
    const x = randomNormal([rows, depth], { seed: rows });
    const inputs = { plain: plain.upload(x), relaxed: relaxed.upload(x) };
    const cases = {
      s8: () => plain.release(plain.kernels.quantizedDense({ x: inputs.plain, kernel: kernels.plain }, {})),
      w8a8: () => plain.release(plain.kernels.dynamicQuantizedDense({ x: inputs.plain, kernel: kernels.plain }, {})),
      relaxed: () => relaxed.release(relaxed.kernels.dynamicQuantizedDense({ x: inputs.relaxed, kernel: kernels.relaxed }, {})),
    };
    const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (const run of Object.values(cases)) for (let i = 0; i < 2; i++) run();
    for (let turn = 0; turn < turns; turn++) {
      for (const [name, run] of Object.entries(cases)) {
        const start = performance.now();
        run();
        times[name].push(performance.now() - start);
      }
    }
    const [s8, w8a8, relaxedTime] = ['s8', 'w8a8', 'relaxed'].map((name) => median(times[name]));
    console.log(
      `[${rows}, ${depth}] x [${depth}, ${units}]  s8 ${s8.toFixed(3)}  w8a8 ${w8a8.toFixed(3)} (${(w8a8 / s8).toFixed(3)}x)  relaxed ${relaxedTime.toFixed(3)} (${(relaxedTime / w8a8).toFixed(3)}x)`,
    );
    plain.release(inputs.plain);
    relaxed.release(inputs.relaxed);
  }
  plain.release(kernels.plain);
  relaxed.release(kernels.relaxed);
}
plain.dispose();
relaxed.dispose();
