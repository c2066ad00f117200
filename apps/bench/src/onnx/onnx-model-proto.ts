import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * ONNX `TensorProto.DataType` codes for the element types the bench uses.
 *
 * @example
 * ```ts
 * console.log(ONNX_DATA_TYPES.float, ONNX_DATA_TYPES.int8); // 1 3
 * ```
 */
export const ONNX_DATA_TYPES = Object.freeze({ float: 1, uint8: 2, int8: 3, int32: 6, int64: 7 });

/**
 * An element type name of {@link ONNX_DATA_TYPES}.
 *
 * @example
 * ```ts
 * const type: OnnxDataType = 'float';
 * ```
 */
export type OnnxDataType = keyof typeof ONNX_DATA_TYPES;

/**
 * A constant tensor stored in the model (an initializer): name, shape and the values.
 *
 * @example
 * ```ts
 * const scale: OnnxInitializer = { name: 'scale', type: 'float', dims: [2], values: new Float32Array([0.5, 1]) };
 * ```
 */
export interface OnnxInitializer {
  readonly name: string;
  readonly type: OnnxDataType;
  readonly dims: readonly number[];
  readonly values: Float32Array | Uint8Array | Int8Array | Int32Array | BigInt64Array;
}

/**
 * A graph input or output: name, element type, and a shape whose entries are sizes or
 * symbolic names (a string, e.g. `'batch'`).
 *
 * @example
 * ```ts
 * const x: OnnxValueInfo = { name: 'x', type: 'float', shape: ['batch', 784] };
 * ```
 */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: OnnxDataType;
  readonly shape: readonly (number | string)[];
}

/**
 * An integer attribute of a node (e.g. `axis`, `bits`).
 *
 * @example
 * ```ts
 * const axis: OnnxIntAttribute = { name: 'axis', value: 1 };
 * ```
 */
export interface OnnxIntAttribute {
  readonly name: string;
  readonly value: number;
}

/**
 * A float attribute of a node (e.g. `epsilon`, `scale`).
 *
 * @example
 * ```ts
 * const epsilon: OnnxFloatAttribute = { name: 'epsilon', float: 1e-12 };
 * ```
 */
export interface OnnxFloatAttribute {
  readonly name: string;
  readonly float: number;
}

/**
 * An attribute of a node: an integer ({@link OnnxIntAttribute}) or a float
 * ({@link OnnxFloatAttribute}).
 *
 * @example
 * ```ts
 * const attributes: OnnxAttribute[] = [{ name: 'axis', value: -1 }, { name: 'epsilon', float: 1e-5 }];
 * ```
 */
export type OnnxAttribute = OnnxIntAttribute | OnnxFloatAttribute;

/**
 * One operator of the graph, in the default (`ai.onnx`) domain unless `domain` names
 * another (`com.microsoft` for ONNX Runtime's contrib operators such as `MatMulNBits`).
 *
 * @example
 * ```ts
 * const node: OnnxNode = { opType: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] };
 * ```
 */
export interface OnnxNode {
  readonly opType: string;
  readonly domain?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: readonly OnnxAttribute[];
}

/**
 * Everything {@link encodeOnnxModel} writes: a single graph in opset {@link OnnxGraph.opset}
 * (13 by default, the first with per-axis `DequantizeLinear`), plus version 1 of every other
 * domain its nodes name.
 *
 * @example
 * ```ts
 * const graph: OnnxGraph = {
 *   name: 'matmul',
 *   nodes: [{ opType: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
 *   initializers: [{ name: 'w', type: 'float', dims: [2, 1], values: new Float32Array([1, 2]) }],
 *   inputs: [{ name: 'x', type: 'float', shape: [1, 2] }],
 *   outputs: [{ name: 'y', type: 'float', shape: [1, 1] }],
 * };
 * ```
 */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxInitializer[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly opset?: number;
}

/** ONNX IR version 8 (ONNX 1.10+), which every runtime of the last years reads. */
const IR_VERSION = 8;

/**
 * Encodes `graph` as an ONNX `ModelProto` (the bytes of a `.onnx` file) with the generated
 * protobuf code of `onnx-proto`: tensors are written as little-endian `raw_data`, graph
 * inputs and outputs with their element type and (possibly symbolic) shape.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * const bytes = encodeOnnxModel({
 *   name: 'matmul',
 *   nodes: [{ opType: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
 *   initializers: [{ name: 'w', type: 'float', dims: [2, 1], values: new Float32Array([1, 2]) }],
 *   inputs: [{ name: 'x', type: 'float', shape: [1, 2] }],
 *   outputs: [{ name: 'y', type: 'float', shape: [1, 1] }],
 * });
 * const session = await ort.InferenceSession.create(bytes);
 * ```
 */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const domains = [...new Set(graph.nodes.map((node) => node.domain ?? ''))].filter((domain) => domain !== '');
  return onnx.ModelProto.encode({
    irVersion: IR_VERSION,
    producerName: 'qaxon-bench',
    opsetImport: [{ domain: '', version: graph.opset ?? 13 }, ...domains.map((domain) => ({ domain, version: 1 }))],
    graph: {
      name: graph.name,
      node: graph.nodes.map((node, index) => ({
        input: [...node.inputs],
        output: [...node.outputs],
        name: node.name ?? `${node.opType}_${index}`,
        opType: node.opType,
        domain: node.domain ?? '',
        attribute: (node.attributes ?? []).map(attributeProto),
      })),
      initializer: graph.initializers.map((initializer) => ({
        name: initializer.name,
        dims: [...initializer.dims],
        dataType: ONNX_DATA_TYPES[initializer.type],
        rawData: littleEndianBytes(initializer),
      })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  }).finish();
}

function attributeProto(attribute: OnnxAttribute) {
  return 'float' in attribute
    ? { name: attribute.name, f: attribute.float, type: onnx.AttributeProto.AttributeType.FLOAT }
    : { name: attribute.name, i: attribute.value, type: onnx.AttributeProto.AttributeType.INT };
}

function valueInfo(info: OnnxValueInfo) {
  const dim = info.shape.map((size) => (typeof size === 'number' ? { dimValue: size } : { dimParam: size }));
  return { name: info.name, type: { tensorType: { elemType: ONNX_DATA_TYPES[info.type], shape: { dim } } } };
}

/** The values as little-endian bytes (a view; typed arrays use the platform's order, checked here), after checking their count. */
function littleEndianBytes({ name, dims, values }: OnnxInitializer): Uint8Array {
  const expected = dims.reduce((product, dim) => product * dim, 1);
  if (values.length !== expected) {
    throw new RangeError(`encodeOnnxModel: initializer '${name}' has dims [${dims.join(', ')}] (${expected} values), got ${values.length} values`);
  }
  if (values.BYTES_PER_ELEMENT > 1 && new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('encodeOnnxModel: expected a little-endian platform, got a big-endian one');
  }
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
