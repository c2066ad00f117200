import { spawn } from 'node:child_process';
import { MEASURE_CASE_SCRIPT, MEASURE_PAIR_SCRIPT } from '../paths.js';
import { OUTCOME_PREFIX, type CaseOutcome, type CaseSpec } from './case-spec.js';
import { PAIR_OUTCOME_PREFIX, type PairOutcome, type PairSpec } from './pair-spec.js';

/**
 * Measures `spec` in a fresh Node process (`--expose-gc`, so the process can settle its
 * memory before reading RSS) and returns its outcome. A child that crashes, prints no
 * outcome or runs past `timeoutMs` is reported as skipped, with the tail of its error output.
 *
 * @example
 * ```ts
 * const outcome = await spawnCase(spec, 120_000);
 * if (outcome.status === 'skipped') console.log(outcome.reason);
 * ```
 */
export function spawnCase(spec: CaseSpec, timeoutMs: number): Promise<CaseOutcome> {
  return spawnChild<CaseOutcome>(MEASURE_CASE_SCRIPT, spec, OUTCOME_PREFIX, timeoutMs);
}

/**
 * Times two contenders in turns in a fresh Node process (see
 * `measure-pair.ts`); failures are reported as skipped, as with {@link spawnCase}.
 *
 * @example
 * ```ts
 * const outcome = await spawnPair(spec, 120_000);
 * if (outcome.status === 'ok') console.log(outcome.firstMs.length);
 * ```
 */
export function spawnPair(spec: PairSpec, timeoutMs: number): Promise<PairOutcome> {
  return spawnChild<PairOutcome>(MEASURE_PAIR_SCRIPT, spec, PAIR_OUTCOME_PREFIX, timeoutMs);
}

function spawnChild<Outcome>(script: string, spec: unknown, prefix: string, timeoutMs: number): Promise<Outcome | { status: 'skipped'; reason: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', script, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
      if (line !== undefined && code === 0) {
        resolve(JSON.parse(line.slice(prefix.length)) as Outcome);
        return;
      }
      const why = timedOut ? `ran past the ${Math.round(timeoutMs / 1000)} s limit per case` : `exited with ${signal ?? `code ${code}`}`;
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      resolve({ status: 'skipped', reason: `the measuring process ${why}${tail === '' ? '' : `: ${tail}`}` });
    });
  });
}
