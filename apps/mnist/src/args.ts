import { GPU_MODES, type GpuModeRequest } from '@qaxon/kernel-gpu';
import { FLOAT_WEIGHTS_PATH, QUANTIZED_WEIGHTS_PATH } from './paths.js';

/**
 * A command line the demo could not understand; the message says what was expected and
 * what was given.
 *
 * @example
 * ```ts
 * try { parseDemoArguments(['--batch', '0']); } catch (error) { console.log(error instanceof UsageError); } // true
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A backend the quantized model runs on: qaxon's reference backend, gpu.js in a mode
 * (`'auto'`: the best gpu.js mode available), or `best`: whatever `createBestBackend()` of
 * `@qaxon/backends` picks (a GPU mode on real GPU hardware, else WebAssembly SIMD, else the
 * reference backend).
 *
 * @example
 * ```ts
 * const choices: BackendChoice[] = [{ kind: 'reference' }, { kind: 'gpu', mode: 'auto' }, { kind: 'best' }];
 * ```
 */
export type BackendChoice = { readonly kind: 'reference' } | { readonly kind: 'gpu'; readonly mode: GpuModeRequest } | { readonly kind: 'best' };

/**
 * What the demo was asked to do.
 *
 * @example
 * ```ts
 * const options: DemoOptions = parseDemoArguments(['--json']);
 * console.log(options.json, options.batchSize); // true 100
 * ```
 */
export interface DemoOptions {
  readonly help: boolean;
  /** Backends for the quantized model; the reference backend is always first. */
  readonly backends: readonly BackendChoice[];
  /** Digits per `predict` call. */
  readonly batchSize: number;
  /** Print one JSON object on stdout instead of the text report. */
  readonly json: boolean;
  /** Where to save the quantized state; undefined with `--no-save`. */
  readonly out: string | undefined;
  /** The float weights to load. */
  readonly weights: string;
  /** Score only the first N held-out digits (all 2,000 by default). */
  readonly digits: number | undefined;
  /** No progress bars. */
  readonly quiet: boolean;
}

/**
 * The demo's `--help` text.
 *
 * @example
 * ```ts
 * console.log(DEMO_USAGE.split('\n')[0]); // Usage: pnpm demo [options]
 * ```
 */
export const DEMO_USAGE = `Usage: pnpm demo [options]   (or: node apps/mnist/dist/cli.js [options])

Loads the float MNIST MLP (weights trained with TensorFlow.js), scores it on the 2,000
held-out digits, quantizes it to int8, scores the quantized model on qaxon's reference
backend, on gpu.js and on the best backend this machine offers, and saves the quantized
state as safetensors.

Options:
  --backend <list>   backends for the quantized model, comma-separated (default reference,gpu,best):
                     reference, gpu (the best gpu.js mode available), best (what
                     createBestBackend() picks: a GPU on real hardware, else WebAssembly SIMD)
                     or a gpu.js mode: ${GPU_MODES.join(', ')}. The reference backend always runs.
  --batch <n>        digits per predict call (default 100)
  --digits <n>       score only the first n held-out digits (default all 2000)
  --out <file>       where to save the quantized state (default ${QUANTIZED_WEIGHTS_PATH})
  --no-save          do not save the quantized state
  --weights <file>   float weights to load (default ${FLOAT_WEIGHTS_PATH})
  --json             print one JSON object (the last line of stdout) instead of the report
  --quiet            no progress bars
  --help             this text`;

/** The backends the demo scores the quantized model on when `--backend` is not given. */
const DEFAULT_BACKENDS = 'reference,gpu,best';

function parseBackends(list: string): BackendChoice[] {
  const choices: BackendChoice[] = [{ kind: 'reference' }];
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name === 'reference') continue;
    if (name === 'best') {
      if (!choices.some((choice) => choice.kind === 'best')) choices.push({ kind: 'best' });
      continue;
    }
    const mode = name === 'gpu' ? 'auto' : name;
    if (mode !== 'auto' && !(GPU_MODES as readonly string[]).includes(mode)) {
      throw new UsageError(`--backend: expected reference, gpu, auto, best or a gpu.js mode (${GPU_MODES.join(', ')}), got '${name}'`);
    }
    if (!choices.some((choice) => choice.kind === 'gpu' && choice.mode === mode)) choices.push({ kind: 'gpu', mode: mode as GpuModeRequest });
  }
  return choices;
}

/**
 * Parses the demo's command line (without `node` and the script). Flags may be given as
 * `--flag value` or `--flag=value`; unknown flags and bad values are a {@link UsageError}.
 *
 * @example
 * ```ts
 * const options = parseDemoArguments(['--backend', 'webasm', '--batch=50']);
 * console.log(options.backends, options.batchSize); // [{kind:'reference'}, {kind:'gpu', mode:'webasm'}] 50
 * ```
 */
export function parseDemoArguments(argv: readonly string[]): DemoOptions {
  let help = false;
  let backends = parseBackends(DEFAULT_BACKENDS);
  let batchSize = 100;
  let json = false;
  let out: string | undefined = QUANTIZED_WEIGHTS_PATH;
  let weights = FLOAT_WEIGHTS_PATH;
  let digits: number | undefined;
  let quiet = false;
  const args = argv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const takeValue = (what: string): string => {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag}: expected ${what} after it, got ${value === undefined ? 'nothing' : `'${value}'`}`);
      i++;
      return value;
    };
    const takeCount = (): number => {
      const text = takeValue('a positive integer');
      const value = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${flag}: expected a positive integer, got '${text}'`);
      return value;
    };
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--backend':
        backends = parseBackends(takeValue('a backend list'));
        break;
      case '--batch':
        batchSize = takeCount();
        break;
      case '--digits':
        digits = takeCount();
        break;
      case '--out':
        out = takeValue('a file path');
        break;
      case '--no-save':
        out = undefined;
        break;
      case '--weights':
        weights = takeValue('a file path');
        break;
      case '--json':
        json = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      default:
        throw new UsageError(`expected one of the options listed by --help, got '${flag}'`);
    }
  }
  return { help, backends, batchSize, json, out, weights, digits, quiet };
}
