import { compareOutputs, outputMagnitudes, type ConformanceCall } from '@qaxon/kernel-reference/conformance-runner';
import type { Backend, OpName, Tensor } from '@qaxon/tensor';

/**
 * Where `actual` (the backend's output of `op` on `call`) leaves the precision the backend
 * declares for `op`, by the conformance suite's own rule (`compareOutputs` with the op's
 * `outputMagnitudes`), as a message; undefined when every output agrees with `expected`.
 */
export function outsideDeclaredPrecision(backend: Backend, op: OpName, call: { inputs: object; attrs: object }, actual: Tensor, expected: Tensor): string | undefined {
  const precision = backend.precision?.[op] ?? { relative: 0, absolute: 0 };
  return compareOutputs(expected, actual, outputMagnitudes(op, call as ConformanceCall, expected), precision);
}
