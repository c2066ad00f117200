import { ProtobufWriter } from './protobuf-writer.js';

/**
 * ONNX `TensorProto.DataType` codes for the element types the bench uses.
 *
 * @example
 * ```ts
 * console.log(ONNX_DATA_TYPES.float, ONNX_DATA_TYPES.int8); // 1 3
 * ```
 */
export const ONNX_DATA_TYPES = Object.freeze({ float: 1, int8: 3, int32: 6, int64: 7 });

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
  readonly values: Float32Array | Int8Array | Int32Array | BigInt64Array;
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
 * An integer attribute of a node (the only kind the bench needs, e.g. `axis`).
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
 * One operator of the graph, in the default (`ai.onnx`) domain.
 *
 * @example
 * ```ts
 * const node: OnnxNode = { opType: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] };
 * ```
 */
export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: readonly OnnxIntAttribute[];
}

/**
 * Everything {@link encodeOnnxModel} writes: a single graph in opset {@link OnnxGraph.opset}
 * (13 by default, the first with per-axis `DequantizeLinear`).
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
/** AttributeProto.AttributeType.INT */
const ATTRIBUTE_INT = 2;

/**
 * Encodes `graph` as an ONNX `ModelProto` (the bytes of a `.onnx` file), writing only the
 * fields ONNX Runtime needs: ModelProto (ir_version 1, producer_name 2, graph 7,
 * opset_import 8), GraphProto (node 1, name 2, initializer 5, input 11, output 12),
 * NodeProto (input 1, output 2, name 3, op_type 4, attribute 5), AttributeProto (name 1,
 * i 3, type 20), TensorProto (dims 1, data_type 2, name 8, raw_data 9, little-endian),
 * ValueInfoProto (name 1, type 2) with TypeProto.Tensor (elem_type 1, shape 2) and
 * TensorShapeProto.Dimension (dim_value 1, dim_param 2).
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
  return new ProtobufWriter()
    .varint(1, IR_VERSION)
    .string(2, 'qaxon-bench')
    .message(7, (writer) => writeGraph(writer, graph))
    .message(8, (opset) => opset.string(1, '').varint(2, graph.opset ?? 13))
    .finish();
}

function writeGraph(writer: ProtobufWriter, graph: OnnxGraph): void {
  graph.nodes.forEach((node, index) => writer.message(1, (w) => writeNode(w, node, index)));
  writer.string(2, graph.name);
  for (const initializer of graph.initializers) writer.message(5, (w) => writeTensor(w, initializer));
  for (const input of graph.inputs) writer.message(11, (w) => writeValueInfo(w, input));
  for (const output of graph.outputs) writer.message(12, (w) => writeValueInfo(w, output));
}

function writeNode(writer: ProtobufWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name ?? `${node.opType}_${index}`);
  writer.string(4, node.opType);
  for (const attribute of node.attributes ?? []) {
    writer.message(5, (w) => w.string(1, attribute.name).varint(3, attribute.value).varint(20, ATTRIBUTE_INT));
  }
}

function writeTensor(writer: ProtobufWriter, initializer: OnnxInitializer): void {
  const expected = initializer.dims.reduce((product, dim) => product * dim, 1);
  if (initializer.values.length !== expected) {
    throw new RangeError(
      `encodeOnnxModel: initializer '${initializer.name}' has dims [${initializer.dims.join(', ')}] (${expected} values), got ${initializer.values.length} values`,
    );
  }
  for (const dim of initializer.dims) writer.varint(1, dim);
  writer.varint(2, ONNX_DATA_TYPES[initializer.type]);
  writer.string(8, initializer.name);
  writer.bytes(9, littleEndianBytes(initializer.values));
}

function writeValueInfo(writer: ProtobufWriter, info: OnnxValueInfo): void {
  writer.string(1, info.name);
  writer.message(2, (type) =>
    type.message(1, (tensorType) =>
      tensorType.varint(1, ONNX_DATA_TYPES[info.type]).message(2, (shape) => {
        for (const dim of info.shape) {
          shape.message(1, (d) => (typeof dim === 'number' ? d.varint(1, dim) : d.string(2, dim)));
        }
      }),
    ),
  );
}

/** The values as little-endian bytes (a copy; typed arrays use the platform's order, checked here). */
function littleEndianBytes(values: OnnxInitializer['values']): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  if (values.BYTES_PER_ELEMENT > 1 && new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('encodeOnnxModel: expected a little-endian platform, got a big-endian one');
  }
  return bytes;
}
