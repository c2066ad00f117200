// Child process of load-memory.mjs: builds the float MLP state, saves it, quantizes it
// and saves that too. Run apart so the orchestrating process stays small: on Linux a
// child's maxRSS starts from its parent's at spawn time.
// Usage: node write-files.mjs <float file> <quantized file> <width> <layers>
import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, zeros } from '@qaxon/tensor';
import { saveState } from '@qaxon/safetensors/node';

const [floatFile, quantizedFile, widthText, layersText] = process.argv.slice(2);
const width = Number(widthText);
const layers = Number(layersText);

let floatState = ModelState.empty();
for (let i = 0; i < layers; i++) {
  floatState = floatState
    .set(`dense_${i}`, 'kernel', randomNormal([width, width], { seed: 100 + i, stddev: 1 / Math.sqrt(width) }))
    .set(`dense_${i}`, 'bias', zeros([width]));
}
await saveState(floatFile, floatState);
let quantizedState = ModelState.empty();
for (const [layer, param, value] of floatState.parameters()) {
  quantizedState = quantizedState.set(layer, param, param === 'kernel' ? QTensor.fromTensor(value, { name: `${layer}.${param}` }) : value);
}
await saveState(quantizedFile, quantizedState.freeze());
