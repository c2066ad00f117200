#!/usr/bin/env node
// Micro bench of the non-dense ops of two transformer blocks on @qaxon/kernel-wasm (1
// thread), each against the float64 JS loops of the reference backend (what the WASM
// backend ran, or fell back to, before its SIMD kernels), and the int8 quantizedDense
// time of the same block for scale, so the non-dense share of the block shows:
//   BERT-base encoder block: 128 tokens, hidden 768, 12 heads, intermediate 3072, padding mask;
//   TinyLlama-1.1B decoder step: 1 token, hidden 2048, 32 heads on 4 kv heads, intermediate
//   5632, KV cache 128 (129 keys with the new one).
// Kernels run on handles already in the backend's memory (no upload, no download); each
// output is released. Contenders take turns in short bursts round after round, so machine
// load hits them alike; medians are reported.
// Usage: node bench/transformer-ops-bench.mjs [--reps 30] [--burst 3] [--json out.json]
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const reps = option('--reps', 30);
const burst = option('--burst', 3);
const jsonPath = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

const wasm = await createWasmBackend({ threads: 1 });
let seed = 1;
const normal = (shape, stddev = 1) => randomNormal(shape, { seed: seed++, stddev });

/** One op call of a block: op, inputs (host tensors), attrs, and how often the block runs it. */
function call(label, op, inputs, attrs, count = 1) {
  return { label, op, inputs, attrs, count };
}

function bertCalls() {
  const [tokens, hidden, heads, intermediate] = [128, 768, 12, 3072];
  const x = normal([1, tokens, hidden]);
  const mask = tensor([Array.from({ length: tokens }, (_, j) => (j < 112 ? 1 : 0))], { dtype: 's32' });
  const ops = [
    call('attention 12 heads, 128 x 128, padding mask', 'attention', { query: normal([1, tokens, hidden]), key: normal([1, tokens, hidden]), value: normal([1, tokens, hidden]), mask }, { heads, kvHeads: heads, causal: false }),
    call('residual add [128, 768]', 'add', { a: x, b: normal([1, tokens, hidden]) }, {}, 2),
    call('layerNorm [128, 768] (gamma, beta)', 'layerNorm', { x, gamma: normal([hidden]), beta: normal([hidden]) }, { eps: 1e-12 }, 2),
    call('gelu (erf) [128, 3072]', 'gelu', { x: normal([1, tokens, intermediate], 2) }, {}),
  ];
  const dense = [
    ...['query', 'key', 'value', 'attention.output'].map((name) => [name, hidden, hidden]),
    ['intermediate', hidden, intermediate],
    ['output', intermediate, hidden],
  ].map(([name, inner, units]) => ({ name, x: normal([tokens, inner]), kernel: QTensor.fromTensor(normal([inner, units], 0.05)), bias: normal([units]) }));
  return { name: 'BERT-base encoder block (128 tokens, int8 dense)', ops, dense };
}

function llamaCalls() {
  const [hidden, heads, kvHeads, headDim, intermediate, cache] = [2048, 32, 4, 64, 5632, 128];
  const x = normal([1, 1, hidden]);
  const keys = cache + 1;
  const ops = [
    call('rmsNorm [1, 2048]', 'rmsNorm', { x, gamma: normal([hidden]) }, { eps: 1e-5 }, 2),
    call('rope q [1, 1, 32 x 64] at position 128', 'rope', { x: normal([1, 1, hidden]), positions: tensor([cache], { dtype: 's32' }) }, { headDim, theta: 10000, interleaved: false }),
    call('rope k [1, 1, 4 x 64] at position 128', 'rope', { x: normal([1, 1, kvHeads * headDim]), positions: tensor([cache], { dtype: 's32' }) }, { headDim, theta: 10000, interleaved: false }),
    call('attention decode: 1 query, 129 keys, 32 heads on 4 kv heads', 'attention', { query: normal([1, 1, hidden]), key: normal([1, keys, kvHeads * headDim]), value: normal([1, keys, kvHeads * headDim]) }, { heads, kvHeads, causal: true }),
    call('silu [1, 5632]', 'silu', { x: normal([1, 1, intermediate], 2) }, {}),
    call('multiply silu(gate) * up [1, 5632]', 'multiply', { a: normal([1, 1, intermediate]), b: normal([1, 1, intermediate]) }, {}),
    call('residual add [1, 2048]', 'add', { a: x, b: normal([1, 1, hidden]) }, {}, 2),
  ];
  const dense = [
    ['q_proj', hidden, hidden],
    ['k_proj', hidden, kvHeads * headDim],
    ['v_proj', hidden, kvHeads * headDim],
    ['o_proj', hidden, hidden],
    ['gate_proj', hidden, intermediate],
    ['up_proj', hidden, intermediate],
    ['down_proj', intermediate, hidden],
  ].map(([name, inner, units]) => ({ name, x: normal([1, inner]), kernel: QTensor.fromTensor(normal([inner, units], 0.05)) }));
  return { name: 'TinyLlama-1.1B decoder step (1 token, KV cache 128, int8 dense)', ops, dense };
}

function upload(backend, inputs) {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, backend.upload(value)]));
}

/** A function that runs one op call on `backend` (handles uploaded once) and releases the output. */
function runner(backend, { op, inputs, attrs }) {
  const handles = upload(backend, inputs);
  const kernel = backend.kernels[op];
  const run = () => backend.release(kernel(handles, attrs));
  run.release = () => Object.values(handles).forEach((handle) => backend.release(handle));
  return run;
}

function denseRunner(layers) {
  const handles = layers.map(({ x, kernel, bias }) => upload(wasm, { x, kernel, ...(bias === undefined ? {} : { bias }) }));
  const run = () => {
    for (const inputs of handles) wasm.release(wasm.kernels.quantizedDense(inputs, {}));
  };
  run.release = () => handles.forEach((inputs) => Object.values(inputs).forEach((handle) => wasm.release(handle)));
  return run;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median ms of each contender, taking turns in bursts. */
function timeInTurns(contenders) {
  const times = contenders.map(() => []);
  for (const run of contenders) for (let i = 0; i < 2; i++) run(); // warm-up
  for (let round = 0; round < Math.ceil(reps / burst); round++) {
    contenders.forEach((run, index) => {
      for (let i = 0; i < burst; i++) {
        const start = performance.now();
        run();
        times[index].push(performance.now() - start);
      }
    });
  }
  return times.map(median);
}

const ms = (value) => value.toFixed(3).padStart(8);
const report = { machine: { cpu: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg() }, reps, burst, blocks: [] };
for (const block of [bertCalls(), llamaCalls()]) {
  console.log(`\n${block.name} — median ms per call, 1 thread`);
  console.log(`  ${'op'.padEnd(64)} ${'SIMD'.padStart(8)} ${'JS loop'.padStart(8)}  speed-up  × per block`);
  const rows = [];
  for (const entry of block.ops) {
    const simd = runner(wasm, entry);
    const loop = runner(referenceBackend, entry);
    const [simdMs, loopMs] = timeInTurns([simd, loop]);
    simd.release();
    loop.release();
    rows.push({ label: entry.label, op: entry.op, count: entry.count, simdMs, loopMs });
    console.log(`  ${entry.label.padEnd(64)} ${ms(simdMs)} ${ms(loopMs)}  ${(loopMs / simdMs).toFixed(1).padStart(7)}x  ${entry.count}`);
  }
  const dense = denseRunner(block.dense);
  const [denseMs] = timeInTurns([dense]);
  dense.release();
  const simdTotal = rows.reduce((sum, row) => sum + row.simdMs * row.count, 0);
  const loopTotal = rows.reduce((sum, row) => sum + row.loopMs * row.count, 0);
  const share = (other) => ((100 * other) / (other + denseMs)).toFixed(1);
  console.log(`  int8 quantizedDense, all ${block.dense.length} dense layers of the block: ${denseMs.toFixed(3)} ms`);
  console.log(`  non-dense ops per block: SIMD ${simdTotal.toFixed(3)} ms (${share(simdTotal)}% of the block), JS loops ${loopTotal.toFixed(3)} ms (${share(loopTotal)}%)`);
  report.blocks.push({ name: block.name, ops: rows, denseMs, nonDenseSimdMs: simdTotal, nonDenseLoopMs: loopTotal, simdSharePercent: Number(share(simdTotal)), loopSharePercent: Number(share(loopTotal)) });
}
const { reservedBytes } = wasm.memory();
console.log(`\nmodule memory reserved at the end (high-water mark: both blocks' weights, inputs and outputs): ${(reservedBytes / 2 ** 20).toFixed(1)} MiB`);
report.reservedBytes = reservedBytes;
wasm.dispose();
if (jsonPath !== undefined) writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
