// Child process of load-memory.mjs: creates one backend, loads one safetensors file onto
// it with loadState(file, { backend }), builds the model with build(model, { backend }),
// predicts once, and reports how much its memory grew. Run in a fresh process per
// configuration so each peak is its own.
// Usage: node load-and-predict.mjs <float|quantized> <reference|wasm|gpu.js:mode> <file> <width> <layers> <batch>
import { performance } from 'node:perf_hooks';
import { build } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import { Prng, Tensor } from '@qaxon/tensor';
import { loadState } from '@qaxon/safetensors/node';
import { createBackend, mlp } from './mlp.mjs';

const [kind, backendName, file, widthText, layersText, batchText] = process.argv.slice(2);
const width = Number(widthText);
const layerCount = Number(layersText);
const batch = Number(batchText);

const backend = await createBackend(backendName);
const random = new Prng(7);
const x = new Tensor(Float32Array.from({ length: batch * width }, () => random.nextFloat() * 2 - 1), [batch, width], 'f32');
const float = mlp(width, layerCount);
const model = build(kind === 'quantized' ? quantizeModel(float) : float, { backend });
globalThis.gc?.();
const before = process.memoryUsage();
const maxRssBefore = process.resourceUsage().maxRSS * 1024;

const started = performance.now();
const state = await loadState(file, { backend });
const loadMs = performance.now() - started;
const afterLoad = process.memoryUsage();
const predictStarted = performance.now();
const y = await model.predict(state, x);
const predictMs = performance.now() - predictStarted;
const afterPredict = process.memoryUsage();
const maxRss = process.resourceUsage().maxRSS * 1024;

process.stdout.write(
  JSON.stringify({
    kind,
    backend: backendName,
    loadMs,
    predictMs,
    rssBefore: before.rss,
    maxRssBefore,
    maxRss,
    // Peak RSS during load + predict above the RSS just before loading. maxRSS is the
    // process's peak since it started: if start-up peaked higher, this overstates.
    peakRssGrowth: maxRss - before.rss,
    arrayBuffersGrowth: Math.max(afterLoad.arrayBuffers, afterPredict.arrayBuffers) - before.arrayBuffers,
    rssAfterPredictGrowth: afterPredict.rss - before.rss,
    deviceBytes: backend.memory?.().deviceBytes,
    output: Array.from(y.data),
  }),
);
backend.dispose?.();
