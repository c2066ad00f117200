// Child process of load-memory.mjs: builds the float MLP state, saves it, quantizes it
// with `quantize` from @qaxon/quantization and saves that too. Run apart so the
// orchestrating process stays small: on Linux a child's maxRSS starts from its parent's
// at spawn time. Prints the bytes of the weights of each state (what the parameters hold).
// Usage: node write-files.mjs <float file> <quantized file> <width> <layers>
import { ModelState } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { randomNormal, zeros } from '@qaxon/tensor';
import { saveState } from '@qaxon/safetensors/node';
import { mlp } from './mlp.mjs';

const [floatFile, quantizedFile, widthText, layersText] = process.argv.slice(2);
const width = Number(widthText);
const layers = Number(layersText);

let state = ModelState.empty();
for (let i = 0; i < layers; i++) {
  state = state
    .set(`dense_${i}`, 'kernel', randomNormal([width, width], { seed: 100 + i, stddev: 1 / Math.sqrt(width) }))
    .set(`dense_${i}`, 'bias', zeros([width]));
}
await saveState(floatFile, state);
const [, quantizedState] = quantize(mlp(width, layers), state);
await saveState(quantizedFile, quantizedState);
const bytesOf = (s) => [...s.parameters()].reduce((total, [, , value]) => total + value.byteSize, 0);
process.stdout.write(JSON.stringify({ floatWeightBytes: bytesOf(state), quantizedWeightBytes: bytesOf(quantizedState) }));
