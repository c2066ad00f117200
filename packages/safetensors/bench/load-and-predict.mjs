// Child process of load-memory.mjs: loads one safetensors file, predicts once, and
// reports its own peak memory. Run in a fresh process per configuration so each peak is
// its own. Usage: node load-and-predict.mjs <float|quantized|baseline> <file> <width> <layers> <batch>
import { performance } from 'node:perf_hooks';
import { build, dense, denseParameters, input, layer, relu } from '@qaxon/graph';
import { Prng, Tensor } from '@qaxon/tensor';
import { loadState } from '@qaxon/safetensors/node';

const [kind, file, widthText, layersText, batchText] = process.argv.slice(2);
const width = Number(widthText);
const layerCount = Number(layersText);
const batch = Number(batchText);

/** The MLP: `layerCount` dense layers of `width` units, relu between them. */
function mlp(quantized) {
  let x = input('x', { shape: [null, width] });
  for (let i = 0; i < layerCount; i++) {
    x = quantized
      ? layer('quantizedDense', [x], { opName: 'dense', parameters: denseParameters(width), opts: { units: width, useBias: true } })
      : dense(x, width);
    if (i < layerCount - 1) x = relu(x);
  }
  return x;
}

const random = new Prng(7);
const x = new Tensor(Float32Array.from({ length: batch * width }, () => random.nextFloat() * 2 - 1), [batch, width], 'f32');

const result = { kind };
if (kind !== 'baseline') {
  const started = performance.now();
  const state = await loadState(file);
  result.loadMs = performance.now() - started;
  const model = build(mlp(kind === 'quantized'));
  const predictStarted = performance.now();
  const y = await model.predict(state, x);
  result.predictMs = performance.now() - predictStarted;
  result.output = Array.from(y.data);
}
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(result));
