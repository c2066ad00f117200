#!/usr/bin/env node
/**
 * The main job (`pnpm demo` from the repository root): the MNIST demo of `apps/mnist`,
 * run as it is with the same arguments, then a short stories260K generation in float32
 * and int8 side by side. With `--json` the MNIST demo's JSON line is printed with every
 * field it has, plus a `generation` object (see `sideBySideJson`).
 *
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sideBySideJson, formatSideBySide } from './report.js';
import { MAIN_JOB_GENERATION, generateSideBySide } from './side-by-side.js';

/** The MNIST demo's built CLI, in the workspace. */
const MNIST_CLI = fileURLToPath(new URL('../../mnist/dist/cli.js', import.meta.url));

/** Runs the MNIST CLI with `args`; its stderr (progress) goes through, stdout is captured when `capture`. */
function runMnist(args: readonly string[], capture: boolean): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MNIST_CLI, ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const mnist = await runMnist(argv, json);
  if (mnist.code !== 0 || help) return mnist.code;
  if (!json) {
    process.stdout.write('\n=== text generation: quantize-then-generate (apps/generate) ===\n\n');
    const result = await generateSideBySide(MAIN_JOB_GENERATION);
    console.log(formatSideBySide(result));
    return 0;
  }
  const lines = mnist.stdout.trimEnd().split('\n');
  const last = lines.pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`main job: expected the MNIST demo's last line of stdout to be its JSON object, got '${last.slice(0, 80)}'`);
  }
  const result = await generateSideBySide(MAIN_JOB_GENERATION);
  for (const line of lines) console.log(line);
  console.log(JSON.stringify({ ...(parsed as Record<string, unknown>), generation: sideBySideJson(result) }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  },
);
