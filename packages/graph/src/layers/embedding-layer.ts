import { formatShape } from '@qaxon/tensor';
import { ParameterError } from '../errors.js';
import { layerLabel, type OpLayerImplementation, type ShapeContext } from './layer-implementation.js';
import { expectInputCount, f32Spec, opOutputShape, s32Spec } from './op-shape.js';

function tableShape(context: ShapeContext): [number, number] {
  const { vocabSize, dim } = context.node.opts as { vocabSize: number; dim: number };
  return [vocabSize, dim];
}

/**
 * The `embedding` layer: one `gather` op call, the rows of the parameter
 * `kernel [vocabSize, dim]` at the s32 ids (`[...ids, dim]`). The kernel may be a float32
 * tensor or a QTensor quantized per row (axis 0), which the op dequantizes row by row.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('embedding' in BUILT_IN_LAYERS); // true
 * ```
 */
export const embeddingLayer: OpLayerImplementation = {
  outputShape(inputShapes, context) {
    expectInputCount(inputShapes, 1, 1, context);
    return opOutputShape('gather', { table: f32Spec(tableShape(context)), indices: s32Spec(inputShapes[0]!) }, {}, context);
  },
  predict([ids], parameters, context) {
    const kernel = parameters['kernel'];
    if (kernel === undefined) throw new ParameterError(`${layerLabel(context)}: expected parameter 'kernel', got nothing`);
    if (kernel.quantization === undefined && kernel.dtype !== 'f32') {
      throw new ParameterError(`${layerLabel(context)}: expected parameter 'kernel' ${formatShape(kernel.shape)} to be f32 or a QTensor, got dtype '${kernel.dtype}'`);
    }
    return context.run('gather', { table: kernel, indices: ids! }, {});
  },
};
