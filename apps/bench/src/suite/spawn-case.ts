import { spawn } from 'node:child_process';
import { MEASURE_CASE_SCRIPT } from '../paths.js';
import { OUTCOME_PREFIX, type CaseOutcome, type CaseSpec } from './case-spec.js';

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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', MEASURE_CASE_SCRIPT, JSON.stringify(spec)], {
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
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(OUTCOME_PREFIX));
      if (line !== undefined && code === 0) {
        resolve(JSON.parse(line.slice(OUTCOME_PREFIX.length)) as CaseOutcome);
        return;
      }
      const why = timedOut ? `ran past the ${Math.round(timeoutMs / 1000)} s limit per case` : `exited with ${signal ?? `code ${code}`}`;
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      resolve({ status: 'skipped', reason: `the measuring process ${why}${tail === '' ? '' : `: ${tail}`}` });
    });
  });
}
