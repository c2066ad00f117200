import { rewriteNodes, type Model, type ModelOutput, type Node, type NodeInfo, type Parameter } from '@qaxon/graph';
import { checkModel, checkOptions } from './check-arguments.js';
import { quantizedKernelInitializer } from './quantized-kernel-initializer.js';
import { QUANTIZED_DENSE_OP } from './weight-only-quantized-dense.js';

/**
 * Chooses which dense layers to quantize. It receives each dense node with its resolved
 * layer name (`node.name` is `dense_0`, ... or the explicit name); return `false` to keep
 * that layer in float (like torchao's `filter_fn` or ONNX Runtime's excluded nodes).
 *
 * @example
 * ```ts
 * import type { QuantizeFilter } from '@qaxon/quantization';
 * const keepClassifierInFloat: QuantizeFilter = (node) => node.name !== 'classifier';
 * ```
 */
export type QuantizeFilter = (node: Node & { readonly name: string }) => boolean;

/**
 * Options of {@link quantizeModel}, {@link quantizeModelState} and {@link quantize}.
 *
 * @example
 * ```ts
 * import type { QuantizeOptions } from '@qaxon/quantization';
 * const options: QuantizeOptions = { filter: (node) => node.name !== 'dense_2' };
 * const withEmbeddings: QuantizeOptions = { embeddings: true };
 * const w8a8: QuantizeOptions = { dynamicActivations: true, filter: (node) => node.name !== 'classifier' };
 * const int4: QuantizeOptions = { type: 's4', groupSize: 32, filter: (node) => node.name !== 'classifier' };
 * ```
 */
export interface QuantizeOptions {
  /** Which dense layers (and, with `embeddings`, embedding layers) to quantize (all when omitted). */
  filter?: QuantizeFilter;
  /**
   * Also quantize the state's embedding tables (`embedding` layers' `kernel
   * [vocabSize, dim]`) to int8 per row (a QTensor along axis 0, one scale per token), which
   * the `gather` op reads row by row (default false: only dense layers). The model needs
   * no change for it.
   */
  embeddings?: boolean;
  /**
   * W8A8 (default false: weight-only): each quantized dense layer also quantizes its input
   * rows to int8 at run time (symmetric, one scale per row, i.e. per token) and multiplies
   * int8 by int8 exactly in int32 (the `dynamicQuantizedDense` op), like onnxruntime's
   * `DynamicQuantizeLinear` + `MatMulInteger` or torchao's int8 dynamic activation + int8
   * weight. Faster on many rows (a prompt, a batch) where a backend has int8 dot products,
   * at about 1e-2 relative error instead of weight-only's 1e-6: an explicit choice. Only the
   * layers `filter` selects; the state is quantized the same either way.
   */
  dynamicActivations?: boolean;
  /**
   * The dense kernels' quantized type: `'s8'` (default, Axon's per-channel int8) or `'s4'`
   * (4-bit, two values per byte, one f32 scale per group of `groupSize` inputs and output
   * unit; give a `groupSize`, e.g. 32). Embedding tables stay s8. To keep some layers in
   * s8 (an output head), quantize twice: `{ type: 's4', groupSize: 32, filter }` first, then
   * the remaining layers with `{}` (already quantized layers are left as they are).
   */
  type?: 's8' | 's4';
  /** Inputs per scale of the dense kernels (`QTensor.fromTensor`'s `groupSize`); `undefined`: one scale per output unit. */
  groupSize?: number;
}

/**
 * True for nodes that are float dense layers (op `'dense'`), the ones quantization
 * rewrites.
 *
 * @example
 * ```ts
 * import { dense, input } from '@qaxon/graph';
 * import { isFloatDense } from '@qaxon/quantization';
 * const model = dense(input('x'), 2);
 * console.log(isFloatDense(model.nodes[model.output]!)); // true
 * ```
 */
export function isFloatDense(node: Node): boolean {
  return node.op === 'dense';
}

/**
 * True for nodes whose state quantization applies to: float dense layers and weight-only
 * quantized dense layers (both report `opName` `'dense'`).
 *
 * @example
 * ```ts
 * import { input } from '@qaxon/graph';
 * import { isDenseLike, weightOnlyQuantizedDense } from '@qaxon/quantization';
 * const model = weightOnlyQuantizedDense(input('x'), 2);
 * console.log(isDenseLike(model.nodes[model.output]!)); // true
 * ```
 */
export function isDenseLike(node: Node): boolean {
  return node.op === 'dense' || node.op === QUANTIZED_DENSE_OP;
}

/** @internal The filter decision for one node, with its resolved name. */
export function selected(node: Node, info: NodeInfo, options: QuantizeOptions): boolean {
  return options.filter === undefined || options.filter({ ...node, name: info.name }) !== false;
}

/**
 * Rewrites every float `dense` node into a weight-only int8 dense node (Axon's
 * `quantize_model/1`): same name, units, useBias, parents and initializers (the kernel
 * initializer now quantizes what it creates), op `'quantizedDense'` with `opName` still
 * `'dense'` (and `opts.dynamicActivations: true` with that option). Every other node — activations included — is untouched, already quantized
 * nodes are left as they are, and the input model is not changed.
 *
 * @example
 * ```ts
 * import { dense, input, properties } from '@qaxon/graph';
 * import { quantizeModel } from '@qaxon/quantization';
 * const model = dense(input('x'), 10, { activation: 'relu' });
 * const quantized = quantizeModel(model);
 * console.log(properties(quantized)); // { x: 'input', dense_0: 'dense', relu_0: 'relu' }
 * ```
 */
export function quantizeModel<O extends ModelOutput>(model: Model<O>, options: QuantizeOptions = {}): Model<O> {
  checkModel(model, 'quantizeModel');
  checkOptions(options, 'quantizeModel');
  return rewriteNodes(model, (node, info) => {
    if (!isFloatDense(node) || !selected(node, info, options)) return 'skip';
    return (original) => ({
      ...original,
      op: QUANTIZED_DENSE_OP,
      opName: 'dense',
      ...(options.dynamicActivations === true ? { opts: { ...original.opts, dynamicActivations: true } } : {}),
      parameters: original.parameters.map((parameter) => quantizedParameter(parameter, info.name, options)),
    });
  });
}

function quantizedParameter(parameter: Parameter, layerName: string, options: QuantizeOptions): Parameter {
  if (parameter.name !== 'kernel') return parameter;
  return { ...parameter, initializer: quantizedKernelInitializer(parameter.initializer, `${layerName}.kernel`, kernelLayoutOf(options)) };
}

/** @internal `QTensor.fromTensor`'s type and group size for the dense kernels `options` asks for. */
export function kernelLayoutOf(options: QuantizeOptions): { type?: 's8' | 's4'; groupSize?: number } {
  return {
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.groupSize === undefined ? {} : { groupSize: options.groupSize }),
  };
}
