// Benchmark (not a test) on a synthetic TinyLlama-1.1B-shaped checkpoint (F16, sharded,
// about 2.2 GB, written to a temp folder when missing: see synthetic-tinyllama.mjs).
//  1. Memory: loads it in float and in int8, each in its own child process, and reports the
//     peak RSS growth during the load (the kernel's high-water mark, and RSS sampled every
//     10 ms) against the state's bytes and the largest single float tensor.
//  2. Speed: loads it quantized straight onto the WASM backend (2 threads; the weights held
//     once, by the backend), measures the memory bandwidth in the same process (streaming
//     1 GiB, with 1 and 2 threads), then prefill of 128 tokens and greedy decode tokens/s,
//     for int8 and 4-bit (s4, groups of 32).
// Writes bench/tinyllama.md. Run one at a time: it takes about 2.2 GB of disk, up to ~6 GB of
// memory (the float load), and both cores.
// Usage: node bench/tinyllama.mjs [--folder DIR] [--tokens 32] [--only memory|speed]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureSyntheticTinyllama, TINYLLAMA_CONFIG } from './synthetic-tinyllama.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const folder = argument('folder', join(tmpdir(), 'qaxon-synthetic-tinyllama'));
const MiB = 2 ** 20;
const loadAverage = () => loadavg()[0].toFixed(2);

// ---- child: memory of one load ----
async function memoryChild(weights) {
  const { loadPretrained } = await import('@qaxon/pretrained/node');
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  const baselineMax = process.resourceUsage().maxRSS * 1024;
  let sampledPeak = baseline;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const loaded = await loadPretrained(folder, weights === 'int8' ? { quantize: true } : {});
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  const stateBytes = loaded.state.byteSize();
  return { weights, baseline, baselineMax, peakRss: process.resourceUsage().maxRSS * 1024, sampledPeak, stateBytes, seconds, loadAverage: loadAverage() };
}

// ---- child: speed on the WASM backend ----
const BANDWIDTH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const a = new Uint8Array(workerData.a, workerData.offset, workerData.length);
const b = new Uint8Array(workerData.b, workerData.offset, workerData.length);
parentPort.on('message', () => { Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length)); parentPort.postMessage(0); });
`;

/** Bytes per second read by memcmp over two equal 512 MiB buffers (1 GiB streamed), split over `threads` threads; best of 5. */
async function streamBandwidth(threads) {
  const half = 512 * MiB;
  const a = new SharedArrayBuffer(half);
  const b = new SharedArrayBuffer(half);
  new Uint8Array(a).fill(1);
  new Uint8Array(b).fill(1);
  const share = half / threads;
  const workers = Array.from({ length: threads }, (_, index) => new Worker(BANDWIDTH_WORKER, { eval: true, workerData: { a, b, offset: index * share, length: share } }));
  const round = () => Promise.all(workers.map((worker) => new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(0);
  })));
  await round();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await round();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
  return (2 * half) / best;
}

async function speedChild(type, tokens) {
  const { createWasmBackend } = await import('@qaxon/kernel-wasm');
  const { generate } = await import('@qaxon/pretrained');
  const { loadPretrained } = await import('@qaxon/pretrained/node');
  const bandwidth1 = await streamBandwidth(1);
  const bandwidth2 = await streamBandwidth(2);
  const wasm = await createWasmBackend({ threads: 2 });
  const quantize = type === 's4' ? { type: 's4', groupSize: 32 } : true;
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const loaded = await loadPretrained(folder, { quantize, backend: wasm });
  const loadSeconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const rssAfterLoad = process.memoryUsage().rss;
  let seed = 12345;
  const prompt = Array.from({ length: 128 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 31000) + 500);
  await generate({ pretrained: loaded, prompt: prompt.slice(0, 4), maxTokens: 3, backend: wasm, stopTokens: [] });
  const loadAtRun = loadAverage();
  const result = await generate({ pretrained: loaded, prompt, maxTokens: tokens + 1, backend: wasm, stopTokens: [] });
  wasm.dispose();
  const report = loaded.quantization;
  return {
    type,
    threads: wasm.threads,
    bandwidth1,
    bandwidth2,
    loadSeconds,
    rssBefore,
    rssAfterLoad,
    kernelBytes: report.int8Bytes,
    stateBytes: report.stateBytes,
    floatStateBytes: report.floatStateBytes,
    prefillSeconds: result.prefillSeconds,
    tokensPerSecond: result.tokensPerSecond,
    decodeSteps: result.tokens.length - 1,
    loadAverage: loadAtRun,
  };
}

// ---- parent ----
function child(args) {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ['--max-old-space-size=8192', script, '--folder', folder, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop());
}

const mode = argument('child', undefined);
if (mode === 'memory') {
  console.log(JSON.stringify(await memoryChild(argument('weights', 'int8'))));
} else if (mode === 'speed') {
  console.log(JSON.stringify(await speedChild(argument('type', 's8'), Number(argument('tokens', '32')))));
} else {
  const only = argument('only', undefined);
  const tokens = argument('tokens', '32');
  const fileBytes = ensureSyntheticTinyllama(folder, console.log);
  const { hidden_size: hidden, vocab_size: vocab } = TINYLLAMA_CONFIG;
  const largestFloat = vocab * hidden * 4;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  const lines = [
    `# TinyLlama-1.1B-shaped checkpoint: memory and speed`,
    '',
    `A synthetic checkpoint with TinyLlama-1.1B's shapes (hidden 2048, intermediate 5632, 22 layers, 32 heads, 4 key/value heads, vocab 32000, untied head), random F16 weights of a trained model's scale, in two safetensors shards with \`model.safetensors.index.json\` (${(fileBytes / 1e9).toFixed(2)} GB). Made and measured by \`node bench/tinyllama.mjs\` (the checkpoint is written to a temp folder, never committed). Node ${process.version}, ${availableParallelism()} CPUs shared with other jobs: the 1-minute load average is given with each measurement.`,
  ];
  if (only !== 'speed') {
    const rows = ['float', 'int8'].map((weights) => child(['--child', 'memory', '--weights', weights]));
    const int8 = rows.find((row) => row.weights === 'int8');
    const bound = int8.stateBytes + largestFloat;
    lines.push(
      '',
      '## Memory while loading',
      '',
      'Each load runs in its own child process (`loadPretrained(folder)` and `loadPretrained(folder, { quantize: true })`, on the host). Peak growth is the process\'s RSS high-water mark (`resourceUsage().maxRSS`) minus its RSS before the load; RSS sampled every 10 ms gives the same picture.',
      '',
      '| weights | state | peak RSS growth (high-water) | peak RSS growth (sampled) | load time | load average |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.weights} | ${mb(row.stateBytes)} | ${mb(row.peakRss - row.baseline)} | ${mb(row.sampledPeak - row.baseline)} | ${row.seconds.toFixed(1)} s | ${row.loadAverage} |`),
      '',
      `The bound for int8: int8 state ${mb(int8.stateBytes)} + largest single float tensor ${mb(largestFloat)} (\`embed_tokens\` or \`lm_head\`, 32000 x 2048 in float32) = ${mb(bound)}; measured peak growth ${mb(int8.peakRss - int8.baseline)}, ${int8.peakRss - int8.baseline <= bound ? `within it (${mb(bound - (int8.peakRss - int8.baseline))} to spare)` : `${mb(int8.peakRss - int8.baseline - bound)} over it (the constant)`}. Float needs its whole ${mb(rows[0].stateBytes)} state.`,
    );
  }
  if (only !== 'memory') {
    const rows = ['s8', 's4'].map((type) => child(['--child', 'speed', '--type', type, '--tokens', tokens]));
    lines.push(
      '',
      '## Generation on the WASM backend (2 threads)',
      '',
      '`loadPretrained(folder, { quantize, backend })` uploads each quantized kernel onto the WASM backend as soon as it is read, so the weights are held once (by the backend; no host copy stays alive). Greedy decoding from a 128-token prompt with the KV cache (`generate`). A decode step reads every dense kernel once, so memory bandwidth bounds it: the bandwidth is measured in the same process, streaming 1 GiB (memcmp of two 512 MiB buffers) with 1 and 2 threads, best of 5. float32 does not fit the WASM backend: its 4.4 GB state is over wasm32\'s 4 GiB memory.',
      '',
      '| weights | kernel bytes | load | prefill (128 tokens) | decode tokens/s | decode reads | share of 2-thread bandwidth | load average |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((row) => {
        const reads = row.tokensPerSecond * row.kernelBytes;
        return `| ${row.type === 's8' ? 'int8 (per channel)' : 's4 (groups of 32)'} | ${mb(row.kernelBytes)} | ${row.loadSeconds.toFixed(1)} s | ${row.prefillSeconds.toFixed(2)} s (${(128 / row.prefillSeconds).toFixed(0)} tokens/s) | ${row.tokensPerSecond.toFixed(2)} (${row.decodeSteps} steps) | ${(reads / 1e9).toFixed(2)} GB/s | ${((100 * reads) / row.bandwidth2).toFixed(0)}% | ${row.loadAverage} |`;
      }),
      '',
      `Memory bandwidth (streaming 1 GiB): ${rows.map((row) => `${(row.bandwidth1 / 1e9).toFixed(1)} GB/s with 1 thread and ${(row.bandwidth2 / 1e9).toFixed(1)} GB/s with 2 (${row.type} run)`).join('; ')}. Host RSS after loading onto the backend: ${rows.map((row) => `${row.type} ${mb(row.rssAfterLoad)}`).join(', ')} (the WASM memory included).`,
    );
  }
  const text = `${lines.join('\n')}\n`;
  console.log(text);
  writeFileSync(new URL(only === undefined ? 'tinyllama.md' : `tinyllama-${only}.md`, import.meta.url), text);
}
