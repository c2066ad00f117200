// Benchmark (not a test): `attention` and `matMul` on each gpu.js mode here and on the
// reference backend, for transformer shapes: a BERT-base attention (128 tokens, 12 heads of
// 64; plain and causal), a LLaMA-style decode step (1 query on a KV cache of 128 + 1 keys,
// 32 heads on 8 key/value heads of 64) and its growing-cache variant (a new key count each
// call), and matMuls of a projection and of per-head scores. Each timed call runs the
// kernel on uploaded handles and downloads the output; the first call (compilation) is
// reported apart. Prints a Markdown table (median of the timed calls).
//
//   node bench/transformer-ops.mjs                       (headlessgl too: xvfb-run -a node ...)
//   node bench/transformer-ops.mjs --modes=webasm,cpu --reps=5
import { cpus, loadavg } from 'node:os';
import { referenceBackend } from '@qaxon/kernel-reference';
import { randomNormal } from '@qaxon/tensor';
import { AUTO_MODE_ORDER, availableGpuModes, createGpuBackend, defaultGpuConstructor } from '@qaxon/kernel-gpu';

const args = process.argv.slice(2);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const modes = option('modes')?.split(',') ?? AUTO_MODE_ORDER.filter((mode) => availableGpuModes(defaultGpuConstructor).includes(mode));
const reps = Number(option('reps') ?? 7);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const decodeInputs = (keys) => ({
  query: randomNormal([1, 1, 32 * 64], { seed: 4 }),
  key: randomNormal([1, keys, 8 * 64], { seed: 5 + keys }),
  value: randomNormal([1, keys, 8 * 64], { seed: 6 + keys }),
});
const bert = { query: randomNormal([1, 128, 768], { seed: 1 }), key: randomNormal([1, 128, 768], { seed: 2 }), value: randomNormal([1, 128, 768], { seed: 3 }) };

const PROBLEMS = [
  { name: 'attention, BERT-base: 128 tokens, 12 heads x 64', op: 'attention', inputs: () => bert, attrs: { heads: 12, kvHeads: 12, causal: false } },
  { name: 'attention, causal: 128 tokens, 12 heads x 64', op: 'attention', inputs: () => bert, attrs: { heads: 12, kvHeads: 12, causal: true } },
  { name: 'attention, decode: 1 query, 129 keys, 32/8 heads x 64', op: 'attention', inputs: () => decodeInputs(129), attrs: { heads: 32, kvHeads: 8, causal: true } },
  { name: 'attention, decode with a growing cache (130, 131, ... keys)', op: 'attention', inputs: (call) => decodeInputs(130 + call), attrs: { heads: 32, kvHeads: 8, causal: true } },
  { name: 'matMul [128, 768] x [768, 768]', op: 'matMul', inputs: () => ({ a: randomNormal([128, 768], { seed: 7 }), b: randomNormal([768, 768], { seed: 8 }) }), attrs: {} },
  { name: 'matMul [12, 128, 64] x [12, 128, 64]^T (scores)', op: 'matMul', inputs: () => ({ a: randomNormal([12, 128, 64], { seed: 9 }), b: randomNormal([12, 128, 64], { seed: 10 }) }), attrs: { transposeB: true } },
];

/** Runs `problem` once on `backend` from fresh handles; the milliseconds of kernel + download. */
async function once(backend, problem, call) {
  const handles = Object.fromEntries(Object.entries(problem.inputs(call)).map(([name, value]) => [name, backend.upload(value)]));
  const start = performance.now();
  const output = await backend.kernels[problem.op](handles, problem.attrs);
  backend.download(output);
  const elapsed = performance.now() - start;
  backend.release(output);
  for (const handle of Object.values(handles)) backend.release(handle);
  return elapsed;
}

const rows = [];
for (const variant of ['reference', ...modes]) {
  const backend = variant === 'reference' ? referenceBackend : createGpuBackend({ mode: variant });
  await backend.ready;
  for (const problem of PROBLEMS) {
    const first = await once(backend, problem, 0);
    const times = [];
    for (let call = 1; call <= reps; call++) times.push(await once(backend, problem, call));
    rows.push({ backend: backend.name, problem: problem.name, first, median: median(times) });
  }
  if (variant !== 'reference') backend.dispose();
}

console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}; median of ${reps} calls\n`);
console.log('| op | backend | median ms | first call ms |');
console.log('| --- | --- | ---: | ---: |');
for (const problem of PROBLEMS) {
  for (const row of rows.filter((r) => r.problem === problem.name)) {
    console.log(`| ${row.problem} | ${row.backend} | ${row.median.toFixed(1)} | ${row.first.toFixed(0)} |`);
  }
}
