import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error(`expected the built CLI at ${cli}: run \`pnpm --filter mnist build\` first`);
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('node dist/cli.js', () => {
  it('--json prints one JSON object as the last line of stdout', async () => {
    const { code, stdout, stderr } = await runCli(['--json', '--digits', '100', '--no-save', '--backend', 'reference']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
    expect(json).toMatchObject({ digits: 100, gpuMode: null, backendAgreement: null });
    expect(typeof json.floatAccuracy).toBe('number');
    expect(typeof json.int8Bytes).toBe('number');
    // Not a terminal: progress lines are plain, on stderr only.
    expect(stderr).toContain('float32 on reference: 1/1');
    expect(stderr.includes('\r') || stderr.includes('\x1b')).toBe(false);
  }, 60_000);

  it('--backend best: the best backend is scored, reported with its reason, disposed, and the process exits', async () => {
    const started = performance.now();
    const { code, stdout } = await runCli(['--digits', '100', '--no-save', '--quiet', '--backend', 'best']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/best backend: wasm \(wasm\) — no GPU hardware was usable/);
    expect(stdout).toMatch(/passed over {2}gpu\.js:webgl2 +not available here/);
    expect(stdout).toContain('int8     wasm (best)');
    const json = JSON.parse((await runCli(['--json', '--digits', '100', '--no-save', '--quiet', '--backend', 'best'])).stdout.trimEnd().split('\n').at(-1)!) as {
      gpuMode: unknown;
      backendAgreement: unknown;
      bestBackend: { name: string; kind: string; reason: string; considered: { candidate: string; picked: boolean; reason: string }[] };
      backends: { name: string; role: string; agreementWithReference: number }[];
    };
    expect(json).toMatchObject({ gpuMode: null, backendAgreement: null, bestBackend: { name: 'wasm', kind: 'wasm' } });
    expect(json.bestBackend.considered.some((line) => line.picked && line.candidate.startsWith('wasm'))).toBe(true);
    expect(json.backends.map((run) => [run.name, run.role, run.agreementWithReference])).toEqual([
      ['reference', 'reference', 1],
      ['wasm', 'best', 1],
    ]);
    // Two runs of a few seconds each: worker threads left running would hold the process open.
    expect(performance.now() - started).toBeLessThan(50_000);
  }, 60_000);

  it('--help prints the usage; a bad option exits 2 with the reason and the usage', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm demo [options]');
    const bad = await runCli(['--batch', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--batch: expected a positive integer, got 'many'");
    expect(bad.stderr).toContain('Usage: pnpm demo');
  }, 30_000);
});
