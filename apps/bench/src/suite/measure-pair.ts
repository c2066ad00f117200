#!/usr/bin/env node
/**
 * The pair child of the bench: loads two contenders (see `pair-spec.ts`) into one process,
 * one runner when both name the same configuration (one backend holding both models), and
 * times them taking turns (see `turns.ts`), then prints a {@link PairOutcome} line.
 * Usage: `node dist/suite/measure-pair.js '<PairSpec JSON>'`.
 *
 * @packageDocumentation
 */
import { ConfigurationUnavailable } from '../runners/runner.js';
import { PAIR_OUTCOME_PREFIX, type Contender, type PairOutcome, type PairSpec } from './pair-spec.js';
import { createRunner, prepareWorkload } from './prepare-model.js';
import { measureInTurns } from './turns.js';

async function measurePair(spec: PairSpec): Promise<PairOutcome> {
  try {
    const firstRunner = await createRunner(spec.first.config);
    const secondRunner = spec.second.config.id === spec.first.config.id ? firstRunner : await createRunner(spec.second.config);
    const files = (contender: Contender) => ({
      ...spec.files,
      ...(contender.onnxModel === undefined ? {} : { onnxModel: contender.onnxModel }),
      ...(contender.blockState === undefined ? {} : { blockState: contender.blockState }),
    });
    const first = await prepareWorkload(firstRunner, spec.first.workload, files(spec.first));
    const second = await prepareWorkload(secondRunner, spec.second.workload, files(spec.second));
    const turns = await measureInTurns(
      () => first.model.run(first.x, first.rows),
      () => second.model.run(second.x, second.rows),
      spec.turns,
    );
    await first.model.dispose();
    await second.model.dispose();
    return { status: 'ok', firstMs: turns.firstMs, secondMs: turns.secondMs, rounds: turns.rounds };
  } catch (error) {
    if (error instanceof ConfigurationUnavailable) return { status: 'skipped', reason: error.message };
    throw error;
  }
}

const specText = process.argv[2];
if (specText === undefined) {
  console.error('measure-pair: expected a PairSpec as JSON in the first argument, got nothing');
  process.exit(2);
}
const outcome = await measurePair(JSON.parse(specText) as PairSpec);
process.stdout.write(`${PAIR_OUTCOME_PREFIX}${JSON.stringify(outcome)}\n`);
// Worker threads (wasm backend, ONNX Runtime pools) must not keep the process alive.
process.exit(0);
