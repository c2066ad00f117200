/**
 * gpu.js programs for the elementwise ops, softmax and the end of a dense call on GL modes
 * (WebGL2, WebGL, headless-gl). Each reads its inputs flat (`x[i]`, row-major, whatever
 * the texture's own size) and writes one float per thread into a texture that stays on the
 * GPU (gpu.js `pipeline` kernels), so a chain of ops never comes back to the host.
 *
 * GL float math is not IEEE float64 then rounded, as the reference computes: `exp` and
 * the divisions are the GPU's, `gelu` uses an `erf` approximation (Abramowitz and Stegun
 * 7.1.26, error below 1.5e-7); the backend declares the precision of each op.
 *
 * @module
 */

/** The unary ops with a GL program. */
export type GlUnaryOp = 'relu' | 'sigmoid' | 'tanh' | 'silu' | 'exp' | 'leakyRelu' | 'gelu' | 'geluTanh';

/** The binary ops with a GL program. */
export type GlBinaryOp = 'add' | 'subtract' | 'multiply' | 'divide';

const SIGMOID = `  const e = Math.exp(-Math.abs(v));
  let s = e / (1 + e);
  if (v >= 0) s = 1 / (1 + e);`;

/** `t = tanh(w)` for the kernel variable `w`. */
const TANH = `  const e2 = Math.exp(-2 * Math.abs(w));
  let t = (1 - e2) / (1 + e2);
  if (w < 0) t = -t;`;

const UNARY_BODIES: { readonly [O in GlUnaryOp]: string } = {
  relu: '  return Math.max(v, 0);',
  sigmoid: `${SIGMOID}\n  return s;`,
  tanh: `  const w = v;\n${TANH}\n  return t;`,
  silu: `${SIGMOID}\n  return v * s;`,
  exp: '  return Math.exp(v);',
  leakyRelu: '  if (v > 0) return v;\n  return alpha * v;',
  gelu: `  const a = Math.abs(v) * 0.7071067811865476;
  const p = 1 / (1 + 0.3275911 * a);
  const poly = p * (0.254829592 + p * (-0.284496736 + p * (1.421413741 + p * (-1.453152027 + p * 1.061405429))));
  let erf = 1 - poly * Math.exp(-a * a);
  if (v < 0) erf = -erf;
  return 0.5 * v * (1 + erf);`,
  geluTanh: `  const w = 0.7978845608028654 * (v + 0.044715 * v * v * v);\n${TANH}\n  return 0.5 * v * (1 + t);`,
};

/**
 * The GL program of a unary op: `function (x, alpha)`, one output per thread of a 1D
 * output as long as `x`; `alpha` is `leakyRelu`'s slope (0 for the others).
 *
 * @example
 * ```ts
 * import { glUnarySource } from '@qaxon/kernel-gpu/internals';
 * console.log(glUnarySource('relu').includes('Math.max')); // true
 * ```
 */
export function glUnarySource(op: GlUnaryOp): string {
  return `function ${op}Gl(x, alpha) {\n  const v = x[this.thread.x];\n${UNARY_BODIES[op]}\n}`;
}

/**
 * The GL program of a copy: moves a host array into a texture (what an uploaded tensor
 * becomes the first time a GL kernel reads it).
 *
 * @example
 * ```ts
 * import { GL_COPY_SOURCE } from '@qaxon/kernel-gpu/internals';
 * console.log(GL_COPY_SOURCE.startsWith('function copyGl(x)')); // true
 * ```
 */
export const GL_COPY_SOURCE = `function copyGl(x) {
  return x[this.thread.x];
}`;

const BINARY_EXPRESSIONS: { readonly [O in GlBinaryOp]: string } = {
  add: 'a[ia] + b[ib]',
  subtract: 'a[ia] - b[ib]',
  multiply: 'a[ia] * b[ib]',
  divide: 'a[ia] / b[ib]',
};

/**
 * The GL program of a broadcasting binary op for one output shape: the output index is
 * cut into coordinates (the shape written into the source as numbers) and each input's
 * offset rebuilt from its broadcast strides (0 on a broadcast axis). Same-shape inputs
 * get a program without index arithmetic.
 *
 * @example
 * ```ts
 * import { glBinarySource } from '@qaxon/kernel-gpu/internals';
 * console.log(glBinarySource('add', [2, 3], [3, 1], [0, 1]).includes('ib')); // true
 * ```
 */
export function glBinarySource(op: GlBinaryOp, shape: readonly number[], stridesA: readonly number[], stridesB: readonly number[]): string {
  const expression = BINARY_EXPRESSIONS[op];
  const size = shape.reduce((total, axis) => total * axis, 1);
  const plain = (strides: readonly number[]): boolean => {
    let expected = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (shape[axis]! !== 1 && strides[axis] !== expected) return false;
      expected *= shape[axis]!;
    }
    return true;
  };
  if (plain(stridesA) && plain(stridesB)) {
    return `function ${op}Gl(a, b) {\n  const ia = this.thread.x;\n  const ib = this.thread.x;\n  return ${expression};\n}`;
  }
  const lines = ['  let rest = this.thread.x;', '  let ia = 0;', '  let ib = 0;'];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const length = shape[axis]!;
    if (length === 1) continue;
    lines.push(`  const q${axis} = Math.floor((rest + 0.5) / ${length});`);
    lines.push(`  const c${axis} = rest - q${axis} * ${length};`);
    if (stridesA[axis] !== 0) lines.push(`  ia += c${axis} * ${stridesA[axis]};`);
    if (stridesB[axis] !== 0) lines.push(`  ib += c${axis} * ${stridesB[axis]};`);
    lines.push(`  rest = q${axis};`);
  }
  return `function ${op}Gl(a, b) {\n${lines.join('\n')}\n  return ${expression};\n}\n// ${size} outputs`;
}

/**
 * The GL program of `softmax` (or, with `log`, `logSoftmax`) along the last axis of
 * length `length`: each thread finds its row's maximum and sum of exponentials, then
 * writes `exp(v - max) / sum` (or `v - max - log(sum)`).
 *
 * @example
 * ```ts
 * import { glSoftmaxSource } from '@qaxon/kernel-gpu/internals';
 * console.log(glSoftmaxSource(10, false).includes('Math.exp')); // true
 * ```
 */
export function glSoftmaxSource(length: number, log: boolean): string {
  const result = log ? 'return v - top - Math.log(sum);' : 'return Math.exp(v - top) / sum;';
  return `function ${log ? 'logSoftmax' : 'softmax'}Gl(x) {
  const row = Math.floor((this.thread.x + 0.5) / ${length});
  const start = row * ${length};
  let top = x[start];
  for (let k = 1; k < ${length}; k++) {
    top = Math.max(top, x[start + k]);
  }
  let sum = 0;
  for (let k = 0; k < ${length}; k++) {
    sum += Math.exp(x[start + k] - top);
  }
  const v = x[this.thread.x];
  ${result}
}`;
}

/** Most partial sums per output a GL dense call splits K into (the loop bound of the reduce programs). */
export const GL_MAX_PARTS = 256;

/**
 * The GL program that finishes a dense call: thread `(unit, row)` adds the `parts` partial
 * sums of output `unit` of `row` from the dense program's texture (`[groups, rows *
 * parts]`; with `vector`, 4 units per texel) and, with `bias`, the unit's bias.
 *
 * @example
 * ```ts
 * import { glDenseFinishSource } from '@qaxon/kernel-gpu/internals';
 * console.log(glDenseFinishSource(true, true).startsWith('function denseFinishGl(partials, parts, bias)')); // true
 * ```
 */
export function glDenseFinishSource(vector: boolean, bias: boolean): string {
  const read = vector
    ? `    const cell = partials[this.thread.y * parts + q][group];
    if (lane === 0) sum += cell[0];
    else if (lane === 1) sum += cell[1];
    else if (lane === 2) sum += cell[2];
    else sum += cell[3];`
    : '    sum += partials[this.thread.y * parts + q][this.thread.x];';
  const lane = vector ? '  const group = Math.floor((this.thread.x + 0.5) / 4);\n  const lane = this.thread.x - group * 4;\n' : '';
  return `function denseFinishGl(partials, parts${bias ? ', bias' : ''}) {
${lane}  let sum = 0;
  for (let q = 0; q < ${GL_MAX_PARTS}; q++) {
    if (q >= parts) break;
${read}
  }
  return sum${bias ? ' + bias[this.thread.x]' : ''};
}`;
}
