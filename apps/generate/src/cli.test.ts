import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_PATH } from './bundled-model.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const run = promisify(execFile);
/** llama2.c's own greedy continuation of "Once upon a time" with stories260K (run.c, temperature 0). */
const LLAMA2C_GREEDY = readFileSync(join(BUNDLED_MODEL_PATH, 'greedy.txt'), 'utf8');

async function runScript(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(dist, script);
  if (!existsSync(path)) throw new Error(`expected the built script at ${path}: run \`pnpm --filter generate build\` first`);
  try {
    const { stdout, stderr } = await run(process.execPath, [path, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lastJson = (stdout: string) => JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;

describe('node dist/cli.js', () => {
  it('streams the greedy float continuation, which is llama2.c run.c\'s, then bytes, speed and backend', async () => {
    const { code, stdout } = await runScript('cli.js', ['--max-tokens', '30', '--backend', 'reference']);
    expect(code).toBe(0);
    const [text, summary] = stdout.split('\n\n');
    expect(text!.length).toBeGreaterThan('Once upon a time'.length + 60);
    expect(LLAMA2C_GREEDY.startsWith(text!)).toBe(true);
    expect(summary).toMatch(/bytes {5}float32 1,171,200 B/);
    expect(summary).toMatch(/prefill {3}5 prompt tokens in [\d.]+ ms \([\d.]+ tokens\/s\)/);
    expect(summary).toMatch(/decode {4}30 tokens, [\d.]+ tokens\/s/);
    expect(summary).toContain('backend   reference — asked for by --backend reference');
  }, 60_000);

  it('--int8 --json: one JSON line with bytes, tokens/s, argmax agreement with float and the text, on the best backend', async () => {
    const { code, stdout } = await runScript('cli.js', ['--int8', '--json', '--max-tokens', '24']);
    expect(code).toBe(0);
    const json = lastJson(stdout) as {
      weights: string;
      backend: { name: string };
      bytes: { float: number; int8: number };
      tokensPerSecond: { prefill: number; decode: number };
      argmaxAgreement: { share: number; positions: number; logitSqnrDb: number };
      generatedTokens: number;
      text: string;
    };
    expect(json.weights).toBe('int8');
    expect(json.backend.name).toBe('wasm');
    expect(json.bytes.float).toBe(1_171_200);
    expect(json.bytes.int8).toBeLessThan(0.4 * json.bytes.float);
    expect(json.tokensPerSecond.prefill).toBeGreaterThan(0);
    expect(json.tokensPerSecond.decode).toBeGreaterThan(0);
    expect(json.generatedTokens).toBe(24);
    expect(json.argmaxAgreement.positions).toBe(5 + 24);
    expect(json.argmaxAgreement.share).toBeGreaterThanOrEqual(0.9);
    expect(json.argmaxAgreement.logitSqnrDb).toBeGreaterThan(30);
    expect(json.text.length).toBeGreaterThan(40);
  }, 60_000);

  it('loads the llama2.c .bin too, and samples reproducibly with a seed', async () => {
    const args = ['--model', join(BUNDLED_MODEL_PATH, 'stories260K.bin'), '--tokenizer', 'tok512.bin', '--json', '--max-tokens', '20', '--backend', 'reference'];
    const greedy = lastJson((await runScript('cli.js', args)).stdout);
    expect(greedy.model).toBe('stories260K.bin');
    expect(LLAMA2C_GREEDY.startsWith(`Once upon a time${greedy.text as string}`)).toBe(true);
    const sampled = [await runScript('cli.js', [...args, '--temperature', '1', '--seed', '3']), await runScript('cli.js', [...args, '--temperature', '1', '--seed', '3'])];
    expect(lastJson(sampled[0]!.stdout).text).toBe(lastJson(sampled[1]!.stdout).text);
    expect(lastJson(sampled[0]!.stdout).text).not.toBe(greedy.text);
  }, 60_000);

  it('--help prints the usage; a bad option or a missing model exits with the reason', async () => {
    const help = await runScript('cli.js', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: node apps/generate/dist/cli.js');
    const bad = await runScript('cli.js', ['--backend', 'gpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--backend: expected one of reference, wasm, best, got 'gpu'");
    const missing = await runScript('cli.js', ['--model', '/nowhere/model']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('expected a Hugging Face folder or a llama2.c .bin file at /nowhere/model');
  }, 30_000);

  it('loads other families: a GPT-2 folder needs a tokenizer it can read, a BERT encoder is refused; nothing is printed before', async () => {
    const fixtures = join(BUNDLED_MODEL_PATH, '..');
    const gpt2 = await runScript('cli.js', ['--model', join(fixtures, 'tiny-gpt2')]);
    expect(gpt2.code).toBe(1);
    expect(gpt2.stdout).toBe('');
    expect(gpt2.stderr).toContain('tiny-gpt2: expected a tokenizer with the model (a llama2.c tokenizer.bin beside it, or --tokenizer <file>), found none');
    const bert = await runScript('cli.js', ['--model', join(fixtures, 'tiny-bert')]);
    expect(bert.code).toBe(1);
    expect(bert.stderr).toContain('tiny-bert: expected a model that generates text (LLaMA, Qwen2, GPT-2), got a bert encoder, which has no next-token head');
  }, 30_000);
});

describe('node dist/main-job.js (the root `pnpm demo`)', () => {
  it('--json: the MNIST demo\'s JSON line with every field, plus the float and int8 generation', async () => {
    const { code, stdout, stderr } = await runScript('main-job.js', ['--json', '--digits', '100', '--no-save', '--quiet', '--backend', 'reference']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = lastJson(stdout) as Record<string, unknown> & {
      generation: { model: string; bytes: { float: number; int8: number }; tokensPerSecond: { float: { decode: number }; int8: { decode: number } }; argmaxAgreement: { share: number }; texts: { float: string; int8: string } };
    };
    for (const field of ['floatAccuracy', 'int8Accuracy', 'floatBytes', 'int8Bytes', 'gpuMode', 'backendAgreement', 'bestBackend', 'floatInt8Agreement', 'digits', 'batchSize', 'targets', 'floatMsPerBatch', 'backends', 'quantization', 'savedTo']) {
      expect(json, field).toHaveProperty(field);
    }
    expect(json.digits).toBe(100);
    expect(json.generation.model).toBe('stories260K');
    expect(json.generation.bytes).toEqual({ float: 1_171_200, int8: expect.any(Number) });
    expect(json.generation.tokensPerSecond.int8.decode).toBeGreaterThan(0);
    expect(LLAMA2C_GREEDY.startsWith(`Once upon a time${json.generation.texts.float}`)).toBe(true);
    expect(json.generation.texts.int8.length).toBeGreaterThan(40);
    expect(json.generation.argmaxAgreement.share).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('as text: the MNIST report, then both continuations side by side', async () => {
    const { code, stdout } = await runScript('main-job.js', ['--digits', '100', '--no-save', '--quiet', '--backend', 'reference']);
    expect(code).toBe(0);
    expect(stdout).toContain('accuracy on held-out digits');
    expect(stdout).toContain('=== text generation: quantize-then-generate (apps/generate) ===');
    expect(stdout).toMatch(/ {2}float32 {34}int8\n/);
    expect(stdout).toMatch(/weights {3}float32 1,171,200 B, int8 [\d,]+ B/);
  }, 120_000);
});
