// Benchmark (not a test): file size and peak memory of loading + predicting a quantized
// MLP against its float version, each in a fresh child process, measured in one run.
// Writes docs/benchmarks/safetensors.json and .md at the repository root. This process
// imports nothing heavy and allocates nothing large: on Linux a child's maxRSS starts at
// its parent's RSS when it is spawned, so the orchestrator must stay small.
// Usage: node bench/load-memory.mjs [--width 4096] [--layers 4] [--batch 1]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const width = option('width', 4096);
const layers = option('layers', 4);
const batch = option('batch', 1);
const here = dirname(fileURLToPath(import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'qaxon-safetensors-bench-'));
const floatFile = join(directory, 'float.safetensors');
const quantizedFile = join(directory, 'quantized.safetensors');
const mb = (bytes) => bytes / 2 ** 20;

try {
  console.log(`writing a ${layers}-layer ${width}-wide MLP state (${(layers * width * width * 4) / 2 ** 20} MiB of float32 kernels) and its quantized version...`);
  execFileSync(process.execPath, [join(here, 'write-files.mjs'), floatFile, quantizedFile, String(width), String(layers)], { stdio: 'inherit' });

  const child = (kind, file) => {
    const output = execFileSync(process.execPath, [join(here, 'load-and-predict.mjs'), kind, file, String(width), String(layers), String(batch)], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    return JSON.parse(output);
  };
  const baseline = child('baseline', '');
  const float = child('float', floatFile);
  const quantized = child('quantized', quantizedFile);

  let maxError = 0;
  let maxAbs = 0;
  for (let i = 0; i < float.output.length; i++) {
    maxError = Math.max(maxError, Math.abs(float.output[i] - quantized.output[i]));
    maxAbs = Math.max(maxAbs, Math.abs(float.output[i]));
  }
  const floatBytes = statSync(floatFile).size;
  const quantizedBytes = statSync(quantizedFile).size;
  const results = {
    benchmark: 'safetensors load + predict memory',
    model: { layers, width, batch, activation: 'relu between layers' },
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    fileBytes: { float: floatBytes, quantized: quantizedBytes, ratio: quantizedBytes / floatBytes },
    peakRssBytes: {
      baseline: baseline.maxRssBytes,
      float: float.maxRssBytes,
      quantized: quantized.maxRssBytes,
      ratio: quantized.maxRssBytes / float.maxRssBytes,
      ratioAboveBaseline: (quantized.maxRssBytes - baseline.maxRssBytes) / (float.maxRssBytes - baseline.maxRssBytes),
    },
    timeMs: { floatLoad: float.loadMs, floatPredict: float.predictMs, quantizedLoad: quantized.loadMs, quantizedPredict: quantized.predictMs },
    outputMaxAbsDifference: maxError,
    outputMaxAbs: maxAbs,
    targets: { fileRatioAtMost: 0.26, peakRatioBelow: 0.5 },
  };
  const passed = results.fileBytes.ratio <= 0.26 && results.peakRssBytes.ratio < 0.5;
  results.passed = passed;

  const docs = join(here, '..', '..', '..', 'docs', 'benchmarks');
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'safetensors.json'), `${JSON.stringify(results, null, 2)}\n`);
  const f = (value) => value.toFixed(1);
  const markdown = `---
title: "safetensors: file size and peak memory, quantized vs float"
group: Benchmarks
---

# safetensors: file size and peak memory, quantized vs float

\`pnpm --filter @qaxon/safetensors bench\` (\`packages/safetensors/bench/load-memory.mjs\`) saves a
${layers}-layer, ${width}-wide MLP (dense layers, relu between them, f32 bias) as
safetensors twice — float32 kernels, and the state from \`quantize(model, state)\` of
\`@qaxon/quantization\` (int8 kernels, frozen layers) — then, for each file, starts a fresh
Node process that runs \`loadState(file)\`, builds the model (the float one, or
\`quantizeModel(model)\`) and predicts one batch of ${batch}, and reports
\`process.resourceUsage().maxRSS\`. The baseline process imports the same modules and
makes the input but loads nothing. The files are written by another child process, so
the orchestrating process stays small (on Linux a child's \`maxRSS\` starts from its
parent's RSS at spawn time).

Measured ${results.date.slice(0, 10)} on ${results.platform}, Node ${results.node}.

| | float32 | int8 (quantized) | quantized / float |
| --- | ---: | ---: | ---: |
| file size | ${f(mb(floatBytes))} MiB | ${f(mb(quantizedBytes))} MiB | **${results.fileBytes.ratio.toFixed(3)}** (target <= 0.26) |
| peak RSS, load + predict | ${f(mb(float.maxRssBytes))} MiB | ${f(mb(quantized.maxRssBytes))} MiB | **${results.peakRssBytes.ratio.toFixed(3)}** (target < 0.5) |
| peak RSS above the ${f(mb(baseline.maxRssBytes))} MiB baseline | ${f(mb(float.maxRssBytes - baseline.maxRssBytes))} MiB | ${f(mb(quantized.maxRssBytes - baseline.maxRssBytes))} MiB | ${results.peakRssBytes.ratioAboveBaseline.toFixed(3)} |
| load time | ${f(float.loadMs)} ms | ${f(quantized.loadMs)} ms | |
| predict time (reference backend) | ${f(float.predictMs)} ms | ${f(quantized.predictMs)} ms | |

Targets ${passed ? 'met' : '**NOT met**'}. The quantized file holds, per layer, ${width}x${width}
int8 values plus ${width} f32 scales and ${width} int8 zero points, against ${width}x${width}
f32 values; the f32 biases are the same in both. Loading maps every tensor onto the file's
buffer (the writer aligns each tensor to its element size), so the load costs about the
file size, and the int8 kernels are never widened to f32: the quantized dense op reads
them as int8.

Largest absolute difference between the float and the quantized outputs:
${maxError.toExponential(2)} (largest output magnitude ${maxAbs.toExponential(2)}).
`;
  writeFileSync(join(docs, 'safetensors.md'), markdown);
  console.log(markdown);
  if (!passed) process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
