import { QTensor, Tensor, sizeOf, softmaxAxis, type OpName } from '@qaxon/tensor';
import { createReferenceBackend } from '../reference-backend.js';
import type { ConformanceCall } from './cases.js';

const reference = createReferenceBackend();

/**
 * For each output of an op: the reduction length `n` and the `magnitude` (sum of the
 * absolute values of what is added) that size the tolerance
 * `absolute + relative * (n + 2) * magnitude`.
 *
 * @example
 * ```ts
 * import type { OutputMagnitudes } from '@qaxon/kernel-reference/conformance-runner';
 * const m: OutputMagnitudes = { n: 4, magnitude: new Float64Array([1, 2]) };
 * ```
 */
export interface OutputMagnitudes {
  /** The reduction length (0 for elementwise and layout ops). */
  n: number;
  /** One magnitude per output element. */
  magnitude: Float64Array;
}

function abs(value: Tensor | QTensor): Tensor {
  const t = value instanceof QTensor ? value.dequantize() : value;
  return new Tensor(Float32Array.from(t.data as Float32Array, Math.abs), t.shape, 'f32');
}

function run(op: 'dense' | 'matMul', inputs: Record<string, Tensor | undefined>, attrs: object): Float64Array {
  const handles: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) handles[name] = reference.upload(value);
  const kernel = reference.kernels[op] as (inputs: unknown, attrs: unknown) => ReturnType<typeof reference.upload>;
  const output = kernel(handles, attrs);
  const result = Float64Array.from(reference.download(output).data);
  reference.release(output);
  for (const handle of Object.values(handles)) reference.release(handle as never);
  return result;
}

/** For each output, `f(position along the axis, start of its line, stride)` over lines along `axis`. */
function alongAxis(shape: readonly number[], axis: number, visit: (start: number, stride: number, width: number) => void): void {
  const width = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const outer = sizeOf(shape.slice(0, axis));
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) visit(o * width * inner + i, inner, width);
}

/**
 * The tolerance sizes of one case's outputs, from its inputs and the reference output:
 * dot products (`dense`, `quantizedDense`, `matMul`) use `Σ|a·b| + |bias|` over the
 * reduced axis; `softmax` and the norms the output's size plus the line's scale over the
 * line's length; elementwise ops `|y|` with `n = 0`; gather and layout ops 0 (exact).
 *
 * @example
 * ```ts
 * import { outputMagnitudes } from '@qaxon/kernel-reference/conformance-runner';
 * import { tensor } from '@qaxon/tensor';
 * const { n } = outputMagnitudes('dense', { inputs: { x: tensor([[1, 2]]), kernel: tensor([[1], [1]]) }, attrs: {} }, tensor([[3]]));
 * console.log(n); // 2
 * ```
 */
export function outputMagnitudes(op: OpName, call: ConformanceCall, expected: Tensor): OutputMagnitudes {
  const inputs = call.inputs as Record<string, Tensor | QTensor | undefined>;
  const y = expected.data as Float32Array;
  const absY = Float64Array.from(y, Math.abs);
  switch (op) {
    case 'dense':
    case 'quantizedDense':
    case 'dynamicQuantizedDense': {
      const kernel = inputs['kernel']!;
      const magnitude = run('dense', { x: abs(inputs['x']!), kernel: abs(kernel), bias: inputs['bias'] === undefined ? undefined : abs(inputs['bias']) }, {});
      return { n: kernel.shape[0]!, magnitude };
    }
    case 'matMul': {
      const attrs = call.attrs as { transposeA?: boolean };
      const a = inputs['a']!;
      const k = attrs.transposeA === true ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
      return { n: k, magnitude: run('matMul', { a: abs(a), b: abs(inputs['b']!) }, call.attrs) };
    }
    case 'softmax':
    case 'logSoftmax': {
      const x = inputs['x'] as Tensor;
      const axis = softmaxAxis(op, x.shape, (call.attrs as { axis: number }).axis);
      const magnitude = new Float64Array(y.length);
      alongAxis(x.shape, axis, (start, stride, width) => {
        let lineMax = 0;
        for (let j = 0; j < width; j++) lineMax = Math.max(lineMax, Math.abs(x.data[start + j * stride]!));
        for (let j = 0; j < width; j++) {
          const at = start + j * stride;
          magnitude[at] = op === 'softmax' ? absY[at]! : absY[at]! + Math.abs(x.data[at]!) + lineMax + 1;
        }
      });
      return { n: x.shape[axis]!, magnitude };
    }
    case 'layerNorm':
    case 'rmsNorm': {
      const x = inputs['x'] as Tensor;
      const width = x.shape[x.shape.length - 1]!;
      const gamma = inputs['gamma'] as Tensor | undefined;
      const beta = inputs['beta'] as Tensor | undefined;
      const magnitude = new Float64Array(y.length);
      for (let i = 0; i < y.length; i++) {
        const g = gamma === undefined ? 1 : Math.abs(gamma.data[i % width]!);
        const b = beta === undefined ? 0 : Math.abs(beta.data[i % width]!);
        magnitude[i] = absY[i]! + g + 2 * b;
      }
      return { n: width, magnitude };
    }
    case 'gather':
    case 'reshape':
    case 'transpose':
    case 'concatenate':
    case 'slice':
      return { n: 0, magnitude: new Float64Array(y.length) };
    default:
      return { n: 0, magnitude: absY };
  }
}
