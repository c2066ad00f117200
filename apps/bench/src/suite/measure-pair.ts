#!/usr/bin/env node
/**
 * The pair child of the bench: loads the int8 and the float32 form of one shape into one
 * qaxon backend and times them taking turns (see `turns.ts`), then prints a
 * {@link PairOutcome} line. Usage: `node dist/suite/measure-pair.js '<PairSpec JSON>'`.
 *
 * @packageDocumentation
 */
import { ConfigurationUnavailable } from '../runners/runner.js';
import { PAIR_OUTCOME_PREFIX, type PairOutcome, type PairSpec } from './pair-spec.js';
import { createRunner, prepareWorkload } from './prepare-model.js';
import { measureInTurns } from './turns.js';

async function measurePair(spec: PairSpec): Promise<PairOutcome> {
  if (spec.config.library !== 'qaxon') {
    return { status: 'skipped', reason: `measure-pair: expected a qaxon configuration (one backend for both forms), got ${spec.config.id}` };
  }
  try {
    const runner = await createRunner(spec.config);
    const int8 = await prepareWorkload(runner, spec.int8, spec.files);
    const f32 = await prepareWorkload(runner, spec.f32, spec.files);
    const turns = await measureInTurns(
      () => int8.model.run(int8.x, int8.rows),
      () => f32.model.run(f32.x, f32.rows),
      spec.turns,
    );
    await int8.model.dispose();
    await f32.model.dispose();
    return { status: 'ok', int8Ms: turns.firstMs, f32Ms: turns.secondMs, rounds: turns.rounds };
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
// Worker threads (wasm backend) must not keep the process alive.
process.exit(0);
