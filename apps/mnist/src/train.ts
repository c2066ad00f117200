#!/usr/bin/env node
/**
 * `pnpm --filter mnist train`: trains the float 784-256-128-10 MLP with TensorFlow.js on the
 * 8,000 training digits (a 800-digit validation slice carved from them drives early
 * stopping) and writes its weights under qaxon names as safetensors
 * (`weights/mnist-mlp.safetensors`, committed). The 2,000 held-out digits are scored once
 * at the end, for information only: nothing is chosen by them.
 *
 * @packageDocumentation
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeSafetensors } from '@qaxon/safetensors';
import { PIXELS, SPLIT_SEED, selectDigits, splitDigits, stratifiedSplit } from './data.js';
import { DEFAULT_TRAINING, tfjsAccuracy, trainMlp, type TrainingSettings } from './training-loop.js';
import { tfjsWeightsByQaxonName } from './tfjs-model.js';
import { FLOAT_WEIGHTS_PATH } from './paths.js';

/** How many of the 8,000 training digits are set aside to choose the epoch (never trained on). */
const VALIDATION_DIGITS = 800;

const USAGE = `Usage: pnpm --filter mnist train [options]

Trains the float MNIST MLP with TensorFlow.js and writes its weights (qaxon names) as safetensors.

Options:
  --out <file>        where to write the weights (default: ${FLOAT_WEIGHTS_PATH})
  --epochs <n>        most epochs to run (default ${DEFAULT_TRAINING.maxEpochs})
  --patience <n>      early-stopping patience in epochs (default ${DEFAULT_TRAINING.patience})
  --batch <n>         digits per step (default ${DEFAULT_TRAINING.batchSize})
  --shift <pixels>    largest random shift for augmentation, 0 for none (default ${DEFAULT_TRAINING.maxShift})
  --seed <n>          seed of weights, order and shifts (default ${DEFAULT_TRAINING.seed})
  --backend <name>    TensorFlow.js backend: wasm or cpu (default wasm, cpu if wasm fails)
  --quiet             no progress bars
  --help              this text`;

interface TrainCommand {
  readonly settings: TrainingSettings;
  readonly out: string;
  readonly backend: 'wasm' | 'cpu';
  readonly help: boolean;
}

function parseTrainArguments(argv: readonly string[]): TrainCommand {
  const settings = { ...DEFAULT_TRAINING };
  let out = FLOAT_WEIGHTS_PATH;
  let backend: 'wasm' | 'cpu' = 'wasm';
  let help = false;
  const integer = (flag: string, value: string | undefined, minimum: number): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isSafeInteger(parsed) || parsed < minimum) {
      throw new Error(`train: expected ${flag} to be followed by an integer >= ${minimum}, got ${value === undefined ? 'nothing' : `'${value}'`}`);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--quiet':
        settings.quiet = true;
        break;
      case '--out':
        if (value === undefined) throw new Error('train: expected --out to be followed by a file path, got nothing');
        out = value;
        i++;
        break;
      case '--backend':
        if (value !== 'wasm' && value !== 'cpu') throw new Error(`train: expected --backend wasm or cpu, got '${value ?? ''}'`);
        backend = value;
        i++;
        break;
      case '--epochs':
        settings.maxEpochs = integer(flag, value, 1);
        i++;
        break;
      case '--patience':
        settings.patience = integer(flag, value, 1);
        i++;
        break;
      case '--batch':
        settings.batchSize = integer(flag, value, 1);
        i++;
        break;
      case '--shift':
        settings.maxShift = integer(flag, value, 0);
        i++;
        break;
      case '--seed':
        settings.seed = integer(flag, value, 0);
        i++;
        break;
      default:
        throw new Error(`train: unknown option '${flag}' (see --help)`);
    }
  }
  return { settings, out, backend, help };
}

async function useBackend(preferred: 'wasm' | 'cpu'): Promise<string> {
  if (preferred === 'wasm') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch (error) {
      console.error(`train: the wasm backend failed (${(error as Error).message}); using cpu`);
    }
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

async function main(argv: readonly string[]): Promise<void> {
  const command = parseTrainArguments(argv);
  if (command.help) {
    console.log(USAGE);
    return;
  }
  const backend = await useBackend(command.backend);
  const { train, test } = splitDigits();
  const { kept, heldOut } = stratifiedSplit(train.labels, VALIDATION_DIGITS, SPLIT_SEED + 1);
  const fit = selectDigits(train, kept);
  const validation = selectDigits(train, heldOut);
  console.error(`training on ${fit.count} digits, validating on ${validation.count} (TensorFlow.js ${tf.version.tfjs}, ${backend} backend)`);

  const started = performance.now();
  const result = await trainMlp(fit, validation, command.settings);
  const seconds = (performance.now() - started) / 1000;
  const testImages = tf.tensor2d(test.images, [test.count, PIXELS]);
  const testAccuracy = tfjsAccuracy(result.model, testImages, test.labels);
  testImages.dispose();

  const weights = tfjsWeightsByQaxonName(result.model);
  const { settings } = command;
  const metadata: Record<string, string> = {
    model: 'mnist-mlp 784-256-128-10 relu/relu/softmax',
    trainedWith: `@tensorflow/tfjs ${tf.version.tfjs} (${backend} backend)`,
    training: `Adam lr ${settings.learningRate}, batch ${settings.batchSize}, shifts up to ${settings.maxShift}px, seed ${settings.seed}, best epoch ${result.bestEpoch} of ${result.epochsRun}`,
    data: `mnist npm 1.1.0: ${fit.count} training digits of the seed-${SPLIT_SEED} split (${validation.count} more for validation)`,
    validationAccuracy: result.validationAccuracy.toFixed(4),
  };
  mkdirSync(dirname(command.out), { recursive: true });
  writeFileSync(command.out, writeSafetensors(weights, metadata));
  console.log(`trained in ${seconds.toFixed(1)} s (${result.epochsRun} epochs, kept epoch ${result.bestEpoch})`);
  console.log(`validation accuracy ${(100 * result.validationAccuracy).toFixed(2)}%, held-out accuracy ${(100 * testAccuracy).toFixed(2)}% (for information; not used to choose anything)`);
  console.log(`wrote ${command.out}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
