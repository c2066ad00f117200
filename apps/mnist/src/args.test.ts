import { describe, expect, it } from 'vitest';
import { DEMO_USAGE, UsageError, parseDemoArguments } from './args.js';
import { FLOAT_WEIGHTS_PATH, QUANTIZED_WEIGHTS_PATH } from './paths.js';

describe('parseDemoArguments', () => {
  it('needs no arguments: reference, the best gpu.js mode and the best backend, batches of 100, all digits, saved under out/', () => {
    expect(parseDemoArguments([])).toEqual({
      help: false,
      backends: [{ kind: 'reference' }, { kind: 'gpu', mode: 'auto' }, { kind: 'best' }],
      batchSize: 100,
      json: false,
      out: QUANTIZED_WEIGHTS_PATH,
      weights: FLOAT_WEIGHTS_PATH,
      digits: undefined,
      quiet: false,
    });
    expect(QUANTIZED_WEIGHTS_PATH.endsWith('apps/mnist/out/mnist-int8.safetensors')).toBe(true);
  });

  it('reads every option, as --flag value or --flag=value', () => {
    const options = parseDemoArguments(['--backend=reference,webasm,cpu', '--batch', '32', '--digits=200', '--json', '--quiet', '--out', 'q.safetensors', '--weights', 'f.safetensors']);
    expect(options).toMatchObject({
      backends: [{ kind: 'reference' }, { kind: 'gpu', mode: 'webasm' }, { kind: 'gpu', mode: 'cpu' }],
      batchSize: 32,
      digits: 200,
      json: true,
      quiet: true,
      out: 'q.safetensors',
      weights: 'f.safetensors',
    });
    expect(parseDemoArguments(['--no-save']).out).toBeUndefined();
    expect(parseDemoArguments(['--help']).help).toBe(true);
  });

  it('always runs the reference backend first; gpu means auto; duplicates collapse', () => {
    expect(parseDemoArguments(['--backend', 'reference']).backends).toEqual([{ kind: 'reference' }]);
    expect(parseDemoArguments(['--backend', 'gpu,auto']).backends).toEqual([{ kind: 'reference' }, { kind: 'gpu', mode: 'auto' }]);
    expect(parseDemoArguments(['--backend', 'best,webasm,best']).backends).toEqual([{ kind: 'reference' }, { kind: 'best' }, { kind: 'gpu', mode: 'webasm' }]);
  });

  it('refuses unknown options and bad values with a UsageError that says what was expected', () => {
    expect(() => parseDemoArguments(['--fast'])).toThrow(UsageError);
    expect(() => parseDemoArguments(['--fast'])).toThrow("expected one of the options listed by --help, got '--fast'");
    expect(() => parseDemoArguments(['--batch', '0'])).toThrow("--batch: expected a positive integer, got '0'");
    expect(() => parseDemoArguments(['--batch', '2.5'])).toThrow("--batch: expected a positive integer, got '2.5'");
    expect(() => parseDemoArguments(['--batch'])).toThrow('--batch: expected a positive integer after it, got nothing');
    expect(() => parseDemoArguments(['--out', '--json'])).toThrow("--out: expected a file path after it, got '--json'");
    expect(() => parseDemoArguments(['--backend', 'cuda'])).toThrow("--backend: expected reference, gpu, auto, best or a gpu.js mode (webgl2, webgl, headlessgl, webgpu, webasm, cpu), got 'cuda'");
  });

  it('documents every option in --help', () => {
    for (const flag of ['--backend', '--batch', '--digits', '--out', '--no-save', '--weights', '--json', '--quiet', '--help']) {
      expect(DEMO_USAGE).toContain(flag);
    }
  });
});
