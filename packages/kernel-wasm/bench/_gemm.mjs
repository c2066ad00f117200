import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { createWasmBackend } from '../dist/index.js';
setThreadsCount(1); await tf.setBackend('wasm'); await tf.ready();
const b = await createWasmBackend();
const [m, k, n] = (process.argv[2] ?? '64,1024,1024').split(',').map(Number);
const w = randomNormal([k, n], { seed: 1 }); const q = QTensor.fromTensor(w); const x = randomNormal([m, k], { seed: 2 });
const tx = tf.tensor2d(x.data, [m, k]), tw = tf.tensor2d(w.data, [k, n]);
const runs = { tf: () => { const y = tf.matMul(tx, tw); y.dataSync(); y.dispose(); }, int8: () => b.quantizedDense(x, q), f32: () => b.dense(x, w) };
const t = { tf: [], int8: [], f32: [] };
for (const f of Object.values(runs)) for (let i = 0; i < 3; i++) f();
for (let r = 0; r < 30; r++) for (const [key, f] of Object.entries(runs)) { const s = performance.now(); f(); t[key].push(performance.now() - s); }
console.log(m, k, n, Object.entries(t).map(([key, v]) => `${key} ${v.sort((a, c) => a - c)[15].toFixed(3)}`).join('  '));
