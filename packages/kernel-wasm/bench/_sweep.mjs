import { Tensor, runOp } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '../dist/index.js';
const b = await createWasmBackend();
const n = 400000;
const data = new Float32Array(n);
for (let i = 0; i < n; i++) { const t = i / n; data[i] = i % 3 === 0 ? (t - 0.5) * 60 : i % 3 === 1 ? (t - 0.5) * 8 : (t - 0.5) * 1e-3; }
const x = new Tensor(data, [n], 'f32');
for (const op of ['relu','sigmoid','tanh','gelu','geluTanh','silu','exp']) {
  const y = (await runOp(b, op, { x }, {})).data, e = (await runOp(referenceBackend, op, { x }, {})).data;
  let worstRel = 0, at = 0, worstAbsTiny = 0;
  for (let i = 0; i < n; i++) { if (!Number.isFinite(e[i])) { if (!(Object.is(y[i], e[i]) || (Number.isNaN(e[i]) && Number.isNaN(y[i])))) console.log('nonfinite mismatch', op, data[i], y[i], e[i]); continue; }
    const d = Math.abs(y[i] - e[i]); const r = d / Math.max(Math.abs(e[i]), 1e-37);
    if (Math.abs(e[i]) > 1e-9 && r > worstRel) { worstRel = r; at = data[i]; } if (Math.abs(e[i]) <= 1e-9) worstAbsTiny = Math.max(worstAbsTiny, d); }
  console.log(op, 'worst rel', worstRel.toExponential(2), '=', (worstRel / 2 ** -23).toFixed(1), 'x 2^-23 at', at, 'abs where tiny', worstAbsTiny);
}
