import { Prng, QTensor, Tensor, full, inferOpOutput, randomNormal, type Backend, type Handle } from '@qaxon/tensor';

/** Seeded `x` `[rows, inner]`, f32 kernel `[inner, units]` and its QTensor. */
export function seededDense(rows: number, inner: number, units: number, seed: number): { x: Tensor<'f32'>; w: Tensor<'f32'>; q: QTensor } {
  const w = randomNormal([inner, units], { seed });
  return { x: randomNormal([rows, inner], { seed: seed + 1 }), w, q: QTensor.fromTensor(w) };
}

/** A hand-built QTensor with int8 values and zero points drawn from the given ranges. */
export function handBuiltQTensor(
  inner: number,
  units: number,
  seed: number,
  values: [number, number],
  zeroPoints: [number, number],
): QTensor {
  const rng = new Prng(seed);
  const draw = ([low, high]: [number, number]): number => low + (rng.nextUint32() % (high - low + 1));
  const value = Int8Array.from({ length: inner * units }, () => draw(values));
  const scale = Float32Array.from({ length: units }, () => Math.fround(0.001 + rng.nextFloat() * 0.01));
  const zero = Int8Array.from({ length: units }, () => draw(zeroPoints));
  return new QTensor(new Tensor(value, [inner, units], 's8'), new Tensor(scale, [units], 'f32'), new Tensor(zero, [units], 's8'));
}

/** True when both arrays hold the same float32 bit patterns. */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const ia = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ib = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ia.length; i++) if (ia[i] !== ib[i]) return false;
  return true;
}

/**
 * Runs `dense` (f32 kernel) or `quantizedDense` (QTensor) on a synchronous backend, as
 * the old `backend.dense(x, kernel, bias)` did: uploads, checks, runs, downloads and
 * releases everything it uploaded. A number bias is broadcast to `[units]`.
 */
export function denseOn(backend: Backend, x: Tensor, kernel: Tensor | QTensor, bias?: number | Tensor): Tensor<'f32'> {
  const units = kernel.shape[1]!;
  const biasTensor = typeof bias === 'number' ? full([units], bias) : bias;
  const handles = { x: backend.upload(x), kernel: backend.upload(kernel), ...(biasTensor === undefined ? {} : { bias: backend.upload(biasTensor) }) };
  try {
    const op = kernel instanceof QTensor ? 'quantizedDense' : 'dense';
    inferOpOutput(op, handles, {});
    const output = backend.kernels[op]!(handles, {}) as Handle;
    const y = backend.download(output) as Tensor<'f32'>;
    backend.release(output);
    return y;
  } finally {
    for (const handle of Object.values(handles)) backend.release(handle);
  }
}
