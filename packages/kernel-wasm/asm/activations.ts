// The unary activations over `count` floats, four lanes per step (the heap pads every
// block to 64 bytes, so the last step may read and write up to 3 floats past `count`
// inside the blocks). One loop per op, so the op's code sits in the loop with nothing
// to dispatch per element.
import { expF32x4 } from './exp-f32x4';
import { geluF32x4, geluTanhF32x4, sigmoidF32x4, tanhF32x4 } from './activation-math';

export const ACTIVATION_RELU: i32 = 0;
export const ACTIVATION_SIGMOID: i32 = 1;
export const ACTIVATION_TANH: i32 = 2;
export const ACTIVATION_GELU: i32 = 3;
export const ACTIVATION_GELU_TANH: i32 = 4;
export const ACTIVATION_SILU: i32 = 5;
export const ACTIVATION_EXP: i32 = 6;

/** out[i] = f(x[i]) for i < count, f chosen by `activation` (one of the ACTIVATION_ codes). */
export function activationF32(activation: i32, x: usize, out: usize, count: i32): void {
  const end = <usize>count << 2;
  switch (activation) {
    case ACTIVATION_RELU:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, f32x4.max(v128.load(x + at), f32x4.splat(0)));
      break;
    case ACTIVATION_SIGMOID:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, sigmoidF32x4(v128.load(x + at)));
      break;
    case ACTIVATION_TANH:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, tanhF32x4(v128.load(x + at)));
      break;
    case ACTIVATION_GELU:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, geluF32x4(v128.load(x + at)));
      break;
    case ACTIVATION_GELU_TANH:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, geluTanhF32x4(v128.load(x + at)));
      break;
    case ACTIVATION_SILU:
      for (let at: usize = 0; at < end; at += 16) {
        const v = v128.load(x + at);
        v128.store(out + at, f32x4.mul(v, sigmoidF32x4(v)));
      }
      break;
    case ACTIVATION_EXP:
      for (let at: usize = 0; at < end; at += 16) v128.store(out + at, expF32x4(v128.load(x + at)));
      break;
    default:
      unreachable();
  }
}
