import { describe, expect, it } from 'vitest';
import { BERT_BASE_BLOCK, TINYLLAMA_STEP } from '../workloads/block-shapes.js';
import { blockWorkload, kernelWorkload, type Workload } from '../workloads/workloads.js';
import { benchConfigs, onnxGraphOf, oracleGraphOf, ortWebConfigId, platformOf, runsWorkload } from './configs.js';
import { pairOpponents } from './run-pairs.js';

describe('configurations', () => {
  const configs = benchConfigs(2);
  const byId = (id: string) => configs.find((config) => config.id === id)!;

  it('has onnxruntime-web on 1 and 2 threads: f32 MatMul on float32 weights, each int8 graph on int8 weights', () => {
    const ids = configs.filter((config) => config.library === 'ort-web').map((config) => config.id);
    expect(ids).toEqual(['ort-web-1t', 'ort-web-dq-1t', 'ort-web-q8-1t', 'ort-web-nbits8-1t', 'ort-web-q4-1t', 'ort-web-2t', 'ort-web-dq-2t', 'ort-web-q8-2t', 'ort-web-nbits8-2t', 'ort-web-q4-2t']);
    expect(byId('ort-web-1t').formats).toEqual(['f32']);
    expect(byId('ort-web-q4-2t').formats).toEqual(['int8']);
    expect(ortWebConfigId(2, 'matmul-nbits-8')).toBe('ort-web-nbits8-2t');
  });

  it('has labels that fit the label column of the charts (about 38 characters)', () => {
    for (const config of configs) expect(config.label.length, config.label).toBeLessThanOrEqual(38);
  });

  it('knows which ONNX form each loads and which run in a browser', () => {
    expect(onnxGraphOf(byId('ort-1t'))).toBe('dequantize-linear');
    expect(onnxGraphOf(byId('ort-web-q8-1t'))).toBe('matmul-integer');
    expect(onnxGraphOf(byId('tfjs-wasm'))).toBeUndefined();
    expect([platformOf('ort'), platformOf('ort-web'), platformOf('tfjs'), platformOf('qaxon')]).toEqual(['native', 'browser', 'browser', 'browser']);
  });

  it('runs transformer blocks on qaxon wasm and ONNX Runtime only, each in its formats', () => {
    const runs = (workload: Workload) => configs.filter((config) => runsWorkload(config, workload)).map((config) => config.id);
    expect(runs(blockWorkload(BERT_BASE_BLOCK, 'f32'))).toEqual(['qaxon-wasm-1t', 'qaxon-wasm-2t', 'ort-1t', 'ort-default', 'ort-web-1t', 'ort-web-2t']);
    expect(runs(blockWorkload(TINYLLAMA_STEP, 'int8'))).toContain('ort-web-q4-1t');
    expect(runs(blockWorkload(TINYLLAMA_STEP, 'int8'))).not.toContain('tfjs-wasm');
    expect(runs(kernelWorkload(1, 8, 8, 'f32'))).toContain('tfjs-wasm');
    expect(runs(kernelWorkload(1, 8, 8, 'f32'))).not.toContain('ort-web-q8-1t');
  });
});

describe('pairOpponents', () => {
  const configs = benchConfigs(2);
  const int8 = kernelWorkload(1, 64, 64, 'int8');
  const f32 = kernelWorkload(1, 64, 64, 'f32');

  it('times a wasm configuration against itself on f32, TF.js wasm, and onnxruntime-web f32, q8 and q4 on its thread count', () => {
    const wasm2t = configs.find((config) => config.id === 'qaxon-wasm-2t')!;
    expect(pairOpponents(wasm2t, int8, f32, configs).map((side) => `${side.config.id} ${side.workload.weights}`)).toEqual([
      'qaxon-wasm-2t f32',
      'tfjs-wasm f32',
      'ort-web-2t f32',
      'ort-web-q8-2t int8',
      'ort-web-q4-2t int8',
    ]);
  });

  it("times an s4 configuration against qaxon's int8 weights and onnxruntime-web q4 on its thread count, on kernels only", () => {
    const s4 = configs.find((config) => config.id === 'qaxon-wasm-s4-2t')!;
    expect(pairOpponents(s4, int8, f32, configs).map((side) => `${side.config.id} ${side.workload.weights}`)).toEqual(['qaxon-wasm-2t int8', 'ort-web-q4-2t int8']);
    expect(runsWorkload(s4, int8)).toBe(true);
    expect(runsWorkload(s4, f32)).toBe(false);
    expect(runsWorkload(s4, blockWorkload(BERT_BASE_BLOCK, 'int8'))).toBe(false);
    expect(oracleGraphOf(s4)).toBe('matmul-nbits-4');
    expect(benchConfigs(1).map((config) => config.id)).toContain('qaxon-wasm-s4-1t');
    expect(benchConfigs(1).map((config) => config.id)).not.toContain('qaxon-wasm-s4-2t');
  });

  it('pairs nothing else, and leaves out opponents that are not configured', () => {
    expect(pairOpponents(configs.find((config) => config.id === 'tfjs-wasm')!, int8, f32, configs)).toEqual([]);
    const wasm1t = configs.find((config) => config.id === 'qaxon-wasm-1t')!;
    expect(pairOpponents(wasm1t, int8, f32, [wasm1t]).map((side) => side.config.id)).toEqual(['qaxon-wasm-1t']);
  });
});
