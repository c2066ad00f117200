#!/usr/bin/env node
// Where is int8 `quantizedDense` slower than this backend's own f32 `dense`? Sweeps rows of
// x (batch) and square weight sizes, once with one layer called over and over (its weights
// stay in cache: the case least favourable to int8) and once with 8 different layers of
// a model called in turn (what `predict` does). int8 and f32 take turns in short bursts in
// one process, so load changes hit both alike. Writes docs/benchmarks/wasm-int8-vs-f32.md
// and .json at the repository root.
// Usage: pnpm --filter @qaxon/kernel-wasm bench:sweep [-- --quick]
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { createWasmBackend } from '../dist/index.js';
import { denseCall } from './dense-call.mjs';

const quick = process.argv.includes('--quick');
const BURST = 5;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ROWS = quick ? [1, 2, 3, 4, 8] : [1, 2, 3, 4, 5, 6, 7, 8, 16, 64];
const SIZES = quick ? [256, 1024] : [256, 512, 1024, 2048];
const MODEL_LAYERS = 8;
const MODEL_ROWS = [1, 4, 8];
const MODEL_SIZES = [256, 512, 1024];
/** Milliseconds each contender gets per cell (repetitions are fitted to it). */
const BUDGET_MS = quick ? 60 : 250;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians of int8 and f32 (ms per call of `run`), taking turns in bursts of BURST calls. */
function race(int8, f32) {
  for (let i = 0; i < 3; i++) {
    int8();
    f32();
  }
  const start = performance.now();
  f32();
  const estimate = Math.max(performance.now() - start, 0.005);
  const rounds = Math.max(4, Math.min(60, Math.round(BUDGET_MS / estimate / BURST)));
  const times = { int8: [], f32: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [key, run] of [['int8', int8], ['f32', f32]]) {
      for (let call = 0; call < BURST; call++) {
        const t0 = performance.now();
        run();
        times[key].push(performance.now() - t0);
      }
    }
  }
  const int8Ms = median(times.int8);
  const f32Ms = median(times.f32);
  return { int8Ms, f32Ms, ratio: int8Ms / f32Ms, calls: rounds * BURST };
}

/**
 * Calls every kernel path for a while before the first cell: V8 first runs a fresh
 * module's functions unoptimized and optimizes them on background threads, which on a
 * 2-vCPU machine also compete with the first cells (seen as a 2x outlier in the first cell
 * of the 2-thread sweep before this warm-up existed).
 */
function warmUp(backend) {
  const w = randomNormal([512, 512], { seed: 7 });
  const int8 = denseCall(backend, QTensor.fromTensor(w));
  const f32 = denseCall(backend, w);
  const end = performance.now() + (quick ? 200 : 1000);
  while (performance.now() < end) {
    for (const rows of [1, 2, 3, 4, 5, 8, 64]) {
      const x = randomNormal([rows, 512], { seed: rows });
      int8(x);
      f32(x);
    }
  }
  int8.release();
  f32.release();
}

const loadBefore = os.loadavg().map((v) => Number(v.toFixed(2)));
const sweeps = [];
for (const threads of [1, 2]) {
  const backend = await createWasmBackend({ threads });
  warmUp(backend);
  const cells = [];
  for (const size of SIZES) {
    const w = randomNormal([size, size], { seed: size });
    const int8 = denseCall(backend, QTensor.fromTensor(w));
    const f32 = denseCall(backend, w);
    for (const rows of ROWS) {
      const x = randomNormal([rows, size], { seed: rows });
      const result = race(() => int8(x), () => f32(x));
      cells.push({ rows, size, ...result });
      console.log(`${threads}t one layer ${rows}x${size}x${size}: int8/f32 ${result.ratio.toFixed(3)} (${result.int8Ms.toFixed(3)} / ${result.f32Ms.toFixed(3)} ms)`);
    }
    int8.release();
    f32.release();
  }
  const models = [];
  for (const size of MODEL_SIZES) {
    const weights = Array.from({ length: MODEL_LAYERS }, (_, i) => randomNormal([size, size], { seed: 100 + i }));
    const floats = weights.map((w) => denseCall(backend, w));
    const quantized = weights.map((w) => denseCall(backend, QTensor.fromTensor(w)));
    for (const rows of MODEL_ROWS) {
      const x = randomNormal([rows, size], { seed: rows });
      const result = race(
        () => quantized.forEach((call) => call(x)),
        () => floats.forEach((call) => call(x)),
      );
      models.push({ rows, size, layers: MODEL_LAYERS, ...result });
      console.log(`${threads}t ${MODEL_LAYERS} layers ${rows}x${size}x${size}: int8/f32 ${result.ratio.toFixed(3)}`);
    }
    for (const call of [...quantized, ...floats]) call.release();
  }
  backend.dispose();
  sweeps.push({ threads, cells, models });
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  node: process.version,
  loadAverageBefore: loadBefore,
  loadAverageAfter: os.loadavg().map((v) => Number(v.toFixed(2))),
  date: new Date().toISOString(),
};
const outDir = join(repoRoot, 'docs', 'benchmarks');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'wasm-int8-vs-f32.json'),
  JSON.stringify({ benchmark: '@qaxon/kernel-wasm int8 quantizedDense / f32 dense', quick, burst: BURST, machine, sweeps }, null, 2) + '\n',
);

const mark = (ratio) => (ratio > 1 ? `**${ratio.toFixed(2)}**` : ratio.toFixed(2));
function oneLayerTable(sweep) {
  return [
    `| rows of x | ${SIZES.map((s) => `${s}x${s}`).join(' | ')} |`,
    `| ---: | ${SIZES.map(() => '---:').join(' | ')} |`,
    ...ROWS.map((rows) => `| ${rows} | ${SIZES.map((size) => mark(sweep.cells.find((c) => c.rows === rows && c.size === size).ratio)).join(' | ')} |`),
  ];
}
function modelTable(sweep) {
  return [
    `| rows of x | ${MODEL_SIZES.map((s) => `${MODEL_LAYERS} layers of ${s}x${s}`).join(' | ')} |`,
    `| ---: | ${MODEL_SIZES.map(() => '---:').join(' | ')} |`,
    ...MODEL_ROWS.map((rows) => `| ${rows} | ${MODEL_SIZES.map((size) => mark(sweep.models.find((c) => c.rows === rows && c.size === size).ratio)).join(' | ')} |`),
  ];
}
function summary(sweep) {
  const slower = sweep.cells.filter((c) => c.ratio > 1);
  const worst = sweep.cells.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const modelWorst = sweep.models.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return (
    `${sweep.threads} thread${sweep.threads > 1 ? 's' : ''}: int8 is slower than f32 in ${slower.length} of ${sweep.cells.length} one-layer cells ` +
    `(worst ${worst.ratio.toFixed(2)}x at ${worst.rows}x${worst.size}x${worst.size}); in the ${MODEL_LAYERS}-layer runs the largest ratio is ` +
    `${modelWorst.ratio.toFixed(2)}x (${modelWorst.rows}x${modelWorst.size}x${modelWorst.size}).`
  );
}

const md = [
  '---',
  'title: "WASM backend: int8 against its own f32"',
  'group: Benchmarks',
  '---',
  '',
  '# WASM backend: int8 against its own f32',
  '',
  `Generated by \`pnpm --filter @qaxon/kernel-wasm bench:sweep\`${quick ? ' (--quick)' : ''} on ${machine.date.slice(0, 10)}: ${machine.cpu}, ${machine.logicalCpus} logical CPUs, Node ${machine.node}, load average ${machine.loadAverageBefore.join(' / ')} before and ${machine.loadAverageAfter.join(' / ')} after (a shared machine).`,
  `Each cell is the median time of \`quantizedDense\` (int8 kernel) divided by the median time of \`dense\` (f32 kernel) on the same backend, x of shape [rows, K] and a K x N kernel; the two take turns in bursts of ${BURST} calls, about ${BUDGET_MS} ms each per cell. **Bold**: int8 slower.`,
  '',
  ...sweeps.flatMap((sweep) => [
    `## ${sweep.threads} thread${sweep.threads > 1 ? 's' : ''}`,
    '',
    summary(sweep),
    '',
    'One layer called over and over (its weights stay in cache between calls: the case least favourable to int8):',
    '',
    ...oneLayerTable(sweep),
    '',
    `${MODEL_LAYERS} different layers called in turn, as \`predict\` runs a model (f32 weights ${MODEL_SIZES.map((s) => `${((MODEL_LAYERS * s * s * 4) / 2 ** 20).toFixed(0)} MiB`).join(' and ')}, int8 a quarter of that):`,
    '',
    ...modelTable(sweep),
    '',
  ]),
  '## Why int8 can be slower',
  '',
  'Every path sums each column as f32 `acc + x * w` in ascending k, so int8 and f32 do the same multiplies and adds; int8 also has to widen each weight to f32. Where the weights come from memory rather than cache (large kernels, or models whose layers evict each other), reading a quarter of the bytes wins. Where the f32 weights stay in cache, the kernels are bound by the number of vector instructions, and int8 pays for widening: per 8 weights one sign-extending load, one instruction each to pick the even and odd lanes, and two conversions. With one row of x (a GEMV) nothing shares that cost: per 4 weights int8 issues a widening step, a conversion, a multiply and an add where f32 issues a load, a multiply and an add, which makes the widest gaps in the tables above. With several rows, the rows of a register tile share each widened weight (up to 5 rows: a 5x8 tile is the largest whose sums stay in registers), and many rows widen a block once into cache for all of them. WebAssembly SIMD has no fused multiply-add and no one-instruction int8 to f32 conversion, so this is the least it can do; a kept f32 copy of the kernel would avoid it but give up int8 storage.',
  '',
];
writeFileSync(join(outDir, 'wasm-int8-vs-f32.md'), md.join('\n'));
console.log(`\n${sweeps.map(summary).join('\n')}\nwrote docs/benchmarks/wasm-int8-vs-f32.md and .json`);
