// Child process of load-memory.mjs: loads one safetensors file, predicts once, and
// reports its own peak memory. Run in a fresh process per configuration so each peak is
// its own. Usage: node load-and-predict.mjs <float|quantized|baseline> <file> <width> <layers> <batch>
import { performance } from 'node:perf_hooks';
import { build } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import { Prng, Tensor } from '@qaxon/tensor';
import { loadState } from '@qaxon/safetensors/node';
import { mlp } from './mlp.mjs';

const [kind, file, widthText, layersText, batchText] = process.argv.slice(2);
const width = Number(widthText);
const layerCount = Number(layersText);
const batch = Number(batchText);

const random = new Prng(7);
const x = new Tensor(Float32Array.from({ length: batch * width }, () => random.nextFloat() * 2 - 1), [batch, width], 'f32');

const result = { kind };
if (kind !== 'baseline') {
  const started = performance.now();
  const state = await loadState(file);
  result.loadMs = performance.now() - started;
  const float = mlp(width, layerCount);
  const model = build(kind === 'quantized' ? quantizeModel(float) : float);
  const predictStarted = performance.now();
  const y = await model.predict(state, x);
  result.predictMs = performance.now() - predictStarted;
  result.output = Array.from(y.data);
}
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(result));
