import { add, divide, multiply, subtract, type BinaryOpName, type OpInputs, type Tensor } from '@qaxon/tensor';
import { tensorOf } from './host-values.js';

const BINARY = { add, subtract, multiply, divide } as const;

/** `add`, `subtract`, `multiply`, `divide`: one float32 operation per output, NumPy broadcasting. */
export function binaryOp(op: BinaryOpName, { a, b }: OpInputs<BinaryOpName>): Tensor {
  return BINARY[op](tensorOf(a) as Tensor<'f32'>, tensorOf(b) as Tensor<'f32'>);
}
