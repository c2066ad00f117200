import { randomNormal, runOp } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '../dist/index.js';
const b = await createWasmBackend();
const x = randomNormal([3, 7], { seed: 151, stddev: 2 });
console.log(Array.from((await runOp(b, 'logSoftmax', { x }, { axis: -1 })).data).map(v=>v.toFixed(4)).join(' '));
console.log(Array.from((await runOp(referenceBackend, 'logSoftmax', { x }, { axis: -1 })).data).map(v=>v.toFixed(4)).join(' '));
console.log(Array.from((await runOp(b, 'softmax', { x }, { axis: -1 })).data).map(v=>v.toFixed(4)).join(' '));
console.log(Array.from((await runOp(referenceBackend, 'softmax', { x }, { axis: -1 })).data).map(v=>v.toFixed(4)).join(' '));
