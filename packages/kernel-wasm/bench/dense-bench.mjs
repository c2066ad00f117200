#!/usr/bin/env node
// Benchmark of @qaxon/kernel-wasm against TensorFlow.js's WASM backend (f32 matMul), all
// measured in one run with the contenders taking turns in short bursts (so machine load
// hits them alike). Prints medians and ratios, checks the targets, and writes
// docs/benchmarks/wasm.json and wasm.md at the repository root.
// Usage: pnpm --filter @qaxon/kernel-wasm bench [-- --reps 40 --burst 5 --quick]
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { createWasmBackend } from '../dist/index.js';
import { denseCall } from './dense-call.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const repsArg = args.indexOf('--reps');
const reps = repsArg >= 0 ? Number(args[repsArg + 1]) : quick ? 10 : 40;
const burstArg = args.indexOf('--burst');
const BURST = burstArg >= 0 ? Number(args[burstArg + 1]) : 5;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const cases = [
  { name: 'GEMV 1x4096x4096', m: 1, k: 4096, n: 4096 },
  { name: 'GEMM 64x1024x1024', m: 64, k: 1024, n: 1024 },
  { name: 'GEMV 1x1024x1024', m: 1, k: 1024, n: 1024 },
  { name: 'GEMM 8x4096x4096', m: 8, k: 4096, n: 4096 },
  // Weights that fit in L2 (f32 1 MiB): compute-bound, where int8 pays for its widening.
  { name: 'GEMM 4x512x512', m: 4, k: 512, n: 512 },
];

// TF.js WASM: one thread (in Node it never uses more; set explicitly where supported).
setThreadsCount(1);
await tf.setBackend('wasm');
await tf.ready();
const tfThreads = typeof getThreadsCount === 'function' ? getThreadsCount() : 1;

const single = await createWasmBackend({ threads: 1 });
const dual = await createWasmBackend({ threads: 2 });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const loadBefore = os.loadavg().map((v) => Number(v.toFixed(2)));
const results = [];
for (const c of cases) {
  const w = randomNormal([c.k, c.n], { seed: 1 });
  const q = QTensor.fromTensor(w);
  const x = randomNormal([c.m, c.k], { seed: 2 });
  const tfX = tf.tensor2d(x.data, [c.m, c.k]);
  const tfW = tf.tensor2d(w.data, [c.k, c.n]);
  const calls = [denseCall(single, q), denseCall(single, w), denseCall(dual, q), denseCall(dual, w)];
  const [singleInt8, singleF32, dualInt8, dualF32] = calls;
  const contenders = {
    'tfjs-wasm f32 (1 thread)': () => {
      const y = tf.matMul(tfX, tfW);
      y.dataSync();
      y.dispose();
    },
    'qaxon wasm int8 (1 thread)': () => singleInt8(x),
    'qaxon wasm f32 (1 thread)': () => singleF32(x),
    'qaxon wasm int8 (2 threads)': () => dualInt8(x),
    'qaxon wasm f32 (2 threads)': () => dualF32(x),
  };
  const times = Object.fromEntries(Object.keys(contenders).map((key) => [key, []]));
  // First calls upload (copy + re-lay out) the kernel into the module's memory.
  const firstCallMs = {};
  for (const key of ['qaxon wasm int8 (1 thread)', 'qaxon wasm f32 (1 thread)']) {
    const start = performance.now();
    contenders[key]();
    firstCallMs[key] = performance.now() - start;
  }
  for (const run of Object.values(contenders)) for (let i = 0; i < 3; i++) run(); // warm-up
  // Rounds: each contender runs BURST consecutive calls (as a model's layers would), and
  // the contenders take turns round after round, so load changes hit them alike.
  for (let round = 0; round < Math.ceil(reps / BURST); round++) {
    for (const [key, run] of Object.entries(contenders)) {
      for (let call = 0; call < BURST; call++) {
        const start = performance.now();
        run();
        times[key].push(performance.now() - start);
      }
    }
  }
  tfX.dispose();
  tfW.dispose();
  for (const call of calls) call.release();
  const medians = Object.fromEntries(Object.entries(times).map(([key, values]) => [key, median(values)]));
  // Best of the reps: what each contender does when nothing else holds a core.
  const best = Object.fromEntries(Object.entries(times).map(([key, values]) => [key, Math.min(...values)]));
  const tfjs = medians['tfjs-wasm f32 (1 thread)'];
  const ratios = {
    'int8 1t / tfjs': medians['qaxon wasm int8 (1 thread)'] / tfjs,
    'int8 2t / tfjs': medians['qaxon wasm int8 (2 threads)'] / tfjs,
    'int8 1t / own f32 1t': medians['qaxon wasm int8 (1 thread)'] / medians['qaxon wasm f32 (1 thread)'],
    'int8 2t / own f32 2t': medians['qaxon wasm int8 (2 threads)'] / medians['qaxon wasm f32 (2 threads)'],
  };
  results.push({ ...c, medianMs: medians, bestMs: best, ratios, firstCallMs });
  console.log(`\n${c.name} (median of ${reps})`);
  for (const [key, value] of Object.entries(medians)) console.log(`  ${key.padEnd(30)} ${value.toFixed(3)} ms (best ${best[key].toFixed(3)})`);
  for (const [key, value] of Object.entries(ratios)) console.log(`  ${key.padEnd(30)} ${value.toFixed(2)}x`);
  for (const [key, value] of Object.entries(firstCallMs)) console.log(`  first call, upload included: ${key} ${value.toFixed(1)} ms`);
}
single.dispose();
dual.dispose();

const byName = Object.fromEntries(results.map((r) => [r.name, r]));
const targets = [
  { target: 'GEMV 1x4096x4096 int8, 1 thread <= 0.8x TF.js WASM f32', value: byName['GEMV 1x4096x4096'].ratios['int8 1t / tfjs'], limit: 0.8 },
  { target: 'GEMV 1x4096x4096 int8, 2 threads <= 0.5x TF.js WASM f32', value: byName['GEMV 1x4096x4096'].ratios['int8 2t / tfjs'], limit: 0.5 },
  { target: 'GEMM 64x1024x1024 int8, 1 thread <= 1x TF.js WASM f32', value: byName['GEMM 64x1024x1024'].ratios['int8 1t / tfjs'], limit: 1 },
  ...results.flatMap((r) => [
    { target: `${r.name}: int8 <= own f32 (1 thread)`, value: r.ratios['int8 1t / own f32 1t'], limit: 1 },
    { target: `${r.name}: int8 <= own f32 (2 threads)`, value: r.ratios['int8 2t / own f32 2t'], limit: 1 },
  ]),
].map((t) => ({ ...t, met: t.value <= t.limit }));
console.log('\nTargets');
for (const t of targets) console.log(`  ${t.met ? 'met ' : 'MISS'} ${t.target}: ${t.value.toFixed(2)}x`);

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  node: process.version,
  loadAverageBefore: loadBefore,
  loadAverageAfter: os.loadavg().map((v) => Number(v.toFixed(2))),
  tfjsWasmThreads: tfThreads,
  date: new Date().toISOString(),
  note: 'shared machine: other jobs were running',
};
const report = { benchmark: '@qaxon/kernel-wasm dense vs TensorFlow.js WASM f32 matMul', reps, burst: BURST, machine, results, targets };
const outDir = join(repoRoot, 'docs', 'benchmarks');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'wasm.json'), JSON.stringify(report, null, 2) + '\n');
const md = [
  '---',
  'title: "WASM backend benchmark (@qaxon/kernel-wasm)"',
  'group: Benchmarks',
  '---',
  '',
  '# WASM backend benchmark',
  '',
  `Generated by \`pnpm --filter @qaxon/kernel-wasm bench\` on ${machine.date.slice(0, 10)}: ${machine.cpu}, ${machine.logicalCpus} logical CPUs, Node ${machine.node}, load average (1/5/15 min) ${machine.loadAverageBefore.join(' / ')} before and ${machine.loadAverageAfter.join(' / ')} after (${machine.note}).`,
  `Medians of ${reps} calls per contender, in milliseconds, after warm-up (kernels uploaded once); the contenders take turns in rounds of ${BURST} consecutive calls each, so changes in machine load hit them alike. TF.js: \`@tensorflow/tfjs-backend-wasm\` 4.22 with SIMD, ${tfThreads} thread (it has no threads in Node), \`matMul\` + \`dataSync\`. Ours: the \`quantizedDense\` / \`dense\` kernels on handles (the kernel uploaded on the first call, x uploaded and the result downloaded on every call).`,
  '',
  '| case | TF.js WASM f32 | int8 1 thread | f32 1 thread | int8 2 threads | f32 2 threads | int8 1t / TF.js | int8 2t / TF.js | int8 / f32 (1t) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => {
    const t = r.medianMs;
    return `| ${r.name} | ${t['tfjs-wasm f32 (1 thread)'].toFixed(3)} | ${t['qaxon wasm int8 (1 thread)'].toFixed(3)} | ${t['qaxon wasm f32 (1 thread)'].toFixed(3)} | ${t['qaxon wasm int8 (2 threads)'].toFixed(3)} | ${t['qaxon wasm f32 (2 threads)'].toFixed(3)} | ${r.ratios['int8 1t / tfjs'].toFixed(2)}x | ${r.ratios['int8 2t / tfjs'].toFixed(2)}x | ${r.ratios['int8 1t / own f32 1t'].toFixed(2)}x |`;
  }),
  '',
  'Best of the repetitions (what each contender does when no other process holds a core), in milliseconds:',
  '',
  '| case | TF.js WASM f32 | int8 1 thread | f32 1 thread | int8 2 threads | f32 2 threads |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => {
    const t = r.bestMs;
    return `| ${r.name} | ${t['tfjs-wasm f32 (1 thread)'].toFixed(3)} | ${t['qaxon wasm int8 (1 thread)'].toFixed(3)} | ${t['qaxon wasm f32 (1 thread)'].toFixed(3)} | ${t['qaxon wasm int8 (2 threads)'].toFixed(3)} | ${t['qaxon wasm f32 (2 threads)'].toFixed(3)} |`;
  }),
  '',
  'First call of each kernel (upload into the module\'s memory + re-layout + compute, 1 thread), in milliseconds:',
  '',
  '| case | int8 | f32 |',
  '| --- | ---: | ---: |',
  ...results.map((r) => `| ${r.name} | ${r.firstCallMs['qaxon wasm int8 (1 thread)'].toFixed(1)} | ${r.firstCallMs['qaxon wasm f32 (1 thread)'].toFixed(1)} |`),
  '',
  '## Targets',
  '',
  ...targets.map((t) => `- ${t.met ? 'met' : '**missed**'}: ${t.target} (measured ${t.value.toFixed(2)}x)`),
  '',
  'Here each case runs between the other contenders, which evict part of its weights from the caches. For int8 against f32 over many more shapes, on one layer whose weights stay in cache and on 8 layers in turn, see [WASM backend: int8 against its own f32](wasm-int8-vs-f32.md).',
  '',
];
writeFileSync(join(outDir, 'wasm.md'), md.join('\n'));
console.log(`\nwrote ${join('docs', 'benchmarks', 'wasm.json')} and wasm.md`);
