/**
 * Test-only backends that are wrong in one specific way, to prove the conformance suite
 * catches each mistake. Not shipped (excluded from the build).
 */
import { HostHandle, QTensor, Tensor, sizeOf, type Backend, type Handle, type KernelTable, type OpPrecision } from '@qaxon/tensor';
import { createReferenceBackend } from '../reference-backend.js';
import { FLOAT32_ACCUMULATION } from '../conformance/precision.js';

type Overrides = {
  kernels?: (reference: ReturnType<typeof createReferenceBackend>) => Partial<KernelTable>;
  backend?: (reference: ReturnType<typeof createReferenceBackend>) => Partial<Backend>;
  precision?: Backend['precision'];
};

/** A reference backend with some kernels or methods replaced. */
export function brokenBackend(overrides: Overrides): Backend {
  const reference = createReferenceBackend();
  const kernels = { ...reference.kernels, ...(overrides.kernels?.(reference) ?? {}) } as KernelTable;
  return { ...reference, name: reference.name, kernels, ...(overrides.precision ? { precision: overrides.precision } : {}), ...(overrides.backend?.(reference) ?? {}) };
}

function hostData(handle: Handle): Float32Array {
  return ((handle as HostHandle).value as Tensor).data as Float32Array;
}

/** Moves one float32 value by `ulps` units in the last place. */
export function addUlps(value: number, ulps: number): number {
  const buffer = new Float32Array([value]);
  const bits = new Int32Array(buffer.buffer);
  bits[0] = bits[0]! + (value < 0 ? -ulps : ulps);
  return buffer[0]!;
}

export const BROKEN_BACKENDS: Record<string, { backend: () => Backend; catches: readonly string[] }> = {
  'relu lets negatives through': {
    catches: ['relu'],
    backend: () => brokenBackend({ kernels: (r) => ({ relu: ({ x }) => r.upload(new Tensor(hostData(x).slice(), x.shape, 'f32')) }) }),
  },
  'relu turns NaN into 0': {
    catches: ['relu'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({ relu: ({ x }) => r.upload(new Tensor(hostData(x).map((v) => (v > 0 ? v : 0)), x.shape, 'f32')) }),
      }),
  },
  'dense ops ignore their activation attribute (a backend written before it)': {
    catches: ['dense', 'quantizedDense', 'dynamicQuantizedDense'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({
          dense: (inputs) => r.kernels.dense(inputs, {}),
          quantizedDense: (inputs) => r.kernels.quantizedDense(inputs, {}),
          dynamicQuantizedDense: (inputs) => r.kernels.dynamicQuantizedDense(inputs, {}),
        }),
      }),
  },
  'softmax ignores the axis (always the last)': {
    catches: ['softmax'],
    backend: () => brokenBackend({ kernels: (r) => ({ softmax: ({ x }) => r.kernels.softmax({ x }, { axis: -1 }) }) }),
  },
  'quantizedDense ignores zero points': {
    catches: ['quantizedDense'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({
          quantizedDense: ({ x, kernel, bias }) => {
            const q = (kernel as HostHandle).value as QTensor;
            const symmetric = r.upload(new QTensor(q.value, q.scale));
            return r.kernels.quantizedDense({ x, kernel: symmetric, ...(bias ? { bias } : {}) }, {});
          },
        }),
      }),
  },
  'add does not broadcast (reads b by flat index)': {
    catches: ['add'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({
          add: ({ a, b }) => {
            const shape = r.kernels.add({ a, b }, {}) as HostHandle;
            const out = new Float32Array(sizeOf(shape.shape));
            const left = hostData(a);
            const right = hostData(b);
            for (let i = 0; i < out.length; i++) out[i] = left[i % left.length]! + right[i % right.length]!;
            return r.upload(new Tensor(out, shape.shape, 'f32'));
          },
        }),
      }),
  },
  'dense 1000 ULPs off on its first output, with float32 precision declared': {
    catches: ['dense'],
    backend: () =>
      brokenBackend({
        precision: { dense: FLOAT32_ACCUMULATION as OpPrecision },
        kernels: (r) => ({
          dense: (inputs) => {
            const y = r.download(r.kernels.dense(inputs, {}) as Handle);
            if (y.size > 0) y.data[0] = addUlps(y.data[0]!, 1000);
            return r.upload(y);
          },
        }),
      }),
  },
  'gather clamps out-of-range indices instead of refusing them': {
    catches: ['gather'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({
          gather: ({ table, indices }) => {
            const rows = table.shape[0]!;
            const index = ((indices as HostHandle).value as Tensor).data as Int32Array;
            const clamped = r.upload(new Tensor(index.map((i) => Math.min(Math.max(i, 0), rows - 1)), indices.shape, 's32'));
            return r.kernels.gather({ table, indices: clamped }, {});
          },
        }),
      }),
  },
  'transpose ignores the permutation (reverses the axes)': {
    catches: ['transpose'],
    backend: () =>
      brokenBackend({
        kernels: (r) => ({ transpose: ({ x }) => r.kernels.transpose({ x }, { permutation: x.shape.map((_, i) => x.shape.length - 1 - i) }) }),
      }),
  },
  'download returns the held tensor itself': {
    catches: ['lifecycle'],
    backend: () => brokenBackend({ backend: () => ({ download: (handle: Handle) => (handle as HostHandle).value as Tensor }) }),
  },
  'release does nothing': {
    catches: ['lifecycle'],
    backend: () => brokenBackend({ backend: () => ({ release: () => {}, owns: (handle: unknown): handle is Handle => handle instanceof HostHandle }) }),
  },
  'upload of a QTensor forgets its quantization': {
    catches: ['quantizedDense', 'dynamicQuantizedDense', 'lifecycle'],
    backend: () =>
      brokenBackend({
        backend: (r) => ({ upload: (value: Tensor | QTensor) => r.upload(value instanceof QTensor ? value.dequantize() : value) }),
      }),
  },
};
