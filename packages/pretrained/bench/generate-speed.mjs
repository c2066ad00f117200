// Benchmark (not a test): load stories260K (fixtures/) in float and int8, generate greedily
// from "Once upon a time" on the reference and the WASM backend, and report load time,
// prefill and decode speed (tokens/s, the KV-cache steps only), plus the int8 report and
// its logit error against float. Writes bench/results.md (rendered in the README).
// Usage: node bench/generate-speed.mjs [--tokens 200] [--threads 2]
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWasmBackend } from '@qaxon/kernel-wasm';
import { compareLogits, generate } from '@qaxon/pretrained';
import { loadPretrained } from '@qaxon/pretrained/node';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const tokens = option('tokens', 200);
const threads = option('threads', Math.min(2, availableParallelism()));
const folder = fileURLToPath(new URL('../fixtures/stories260K', import.meta.url));
const prompt = 'Once upon a time';

const timed = async (run) => {
  const started = performance.now();
  const value = await run();
  return [value, (performance.now() - started) / 1000];
};
const [float, floatLoad] = await timed(() => loadPretrained(folder, { tokenizer: 'tok512.bin' }));
const [int8, int8Load] = await timed(() => loadPretrained(folder, { tokenizer: 'tok512.bin', quantize: true }));
const wasm = await createWasmBackend({ threads });
const rows = [];
for (const [backendName, backend] of [['reference', undefined], [`wasm (${wasm.threads} threads)`, wasm]]) {
  for (const [weights, pretrained] of [['float32', float], ['int8', int8]]) {
    // One warm-up run (kernels compiled, caches sized), then the measured one.
    await generate({ pretrained, prompt, maxTokens: 8, backend });
    const result = await generate({ pretrained, prompt, maxTokens: tokens, backend, stopTokens: [] });
    rows.push({
      backend: backendName,
      weights,
      promptTokens: result.promptTokens.length,
      generated: result.tokens.length,
      prefillMs: result.prefillSeconds * 1000,
      tokensPerSecond: result.tokensPerSecond,
    });
  }
}
wasm.dispose();
const report = int8.quantization;
const comparison = await compareLogits(int8, float, 'Once upon a time, there was a little girl named Lily. She loved to play outside in the park.');

const lines = [
  `stories260K (5 layers, hidden 64, vocab 512), greedy from "${prompt}", ${tokens} tokens, Node ${process.version}, ${availableParallelism()} CPUs.`,
  '',
  '| backend | weights | prefill (5 tokens) | decode tokens/s |',
  '| --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.backend} | ${row.weights} | ${row.prefillMs.toFixed(1)} ms | ${row.tokensPerSecond.toFixed(0)} |`),
  '',
  `Load: float ${(floatLoad * 1000).toFixed(0)} ms, int8 (quantized while reading) ${(int8Load * 1000).toFixed(0)} ms.`,
  `int8: ${report.quantizedLayers.length} dense kernels, ${report.int8Bytes} bytes (float32: ${report.floatKernelBytes}); whole state ${report.stateBytes} bytes (float32: ${report.floatStateBytes}).`,
  `Logits against float on ${comparison.positions} positions: max |error| ${comparison.logitError.maxAbsError.toFixed(3)}, mean ${comparison.logitError.meanAbsError.toFixed(4)}, SQNR ${comparison.logitError.sqnrDb.toFixed(1)} dB; argmax unchanged at ${(100 * comparison.argmaxAgreement).toFixed(1)}% of positions.`,
];
console.log(lines.join('\n'));
writeFileSync(new URL('results.md', import.meta.url), `${lines.join('\n')}\n`);
