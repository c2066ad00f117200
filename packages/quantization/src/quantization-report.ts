import { build, describeParameterValue, isHandle, parameterByteSize, type Model, type ModelOutput, type ModelState, type ParameterValue, type PredictInputs } from '@qaxon/graph';
import { QTensor, Tensor, type Backend } from '@qaxon/tensor';
import { QuantizationError } from './errors.js';
import { formatReportTable } from './format-report.js';
import { quantizeModel } from './quantize-model.js';
import { ErrorAccumulator, type ErrorStatistics } from './signal-to-noise.js';

/**
 * One layer's line of a {@link QuantizationReport}.
 *
 * @example
 * ```ts
 * import type { LayerQuantizationReport } from '@qaxon/quantization';
 * function saved(line: LayerQuantizationReport): number {
 *   return line.floatBytes - line.quantizedBytes;
 * }
 * ```
 */
export interface LayerQuantizationReport {
  /** Layer name. */
  layer: string;
  /** True when the quantized state holds a QTensor for this layer. */
  quantized: boolean;
  /** Bits per value of the layer's quantized kernel (8 or 4; `undefined` when not quantized). */
  bits?: 8 | 4;
  /** Inputs per scale of the layer's quantized kernel (`undefined`: one scale per output unit, or not quantized). */
  groupSize?: number;
  /** Number of weights (elements) the layer holds. */
  parameters: number;
  /** Bytes the layer holds in the float state. */
  floatBytes: number;
  /** Bytes the layer holds in the quantized state. */
  quantizedBytes: number;
  /** Weight error of the quantized parameters against the float ones (all parameters of the layer). */
  weightError: ErrorStatistics;
}

/**
 * What quantization did to a model: bytes and weight error per layer, totals, and (when
 * sample inputs were given) how close the quantized model's outputs are to the float
 * model's. `format()` prints it as a table.
 *
 * @example
 * ```ts
 * import type { QuantizationReport } from '@qaxon/quantization';
 * function summary(report: QuantizationReport): string {
 *   return `${report.floatBytes} -> ${report.quantizedBytes} bytes (${report.compression.toFixed(2)}x)`;
 * }
 * ```
 */
export interface QuantizationReport {
  /** One line per layer that holds parameters, in graph order. */
  layers: LayerQuantizationReport[];
  /** Total bytes of the float state. */
  floatBytes: number;
  /** Total bytes of the quantized state. */
  quantizedBytes: number;
  /** `quantizedBytes / floatBytes`. */
  compression: number;
  /** Output error of the quantized model against the float model on the sample inputs. */
  outputError?: ErrorStatistics;
  /** The report as a text table. */
  format(): string;
}

/**
 * Options of {@link quantizationReport}.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import type { QuantizationReportOptions } from '@qaxon/quantization';
 * const options: QuantizationReportOptions = { inputs: ones([8, 784]) };
 * ```
 */
export interface QuantizationReportOptions {
  /** Sample inputs: when given, both models run on them and the output SQNR is reported. */
  inputs?: PredictInputs;
  /** Backend for those predictions (default: the reference backend). */
  backend?: Backend;
}

/**
 * Measures a quantization: for every layer with parameters, bytes before and after, max
 * and mean absolute weight error, and weight SQNR in dB; with `inputs`, the output SQNR of
 * the whole model (of every output, for a model with several outputs; the quantized model is derived from `model` by quantizing exactly the
 * dense layers whose kernel is a QTensor in `quantizedState`). Asynchronous because
 * predictions are.
 *
 * @example
 * ```ts
 * import { build, dense, input } from '@qaxon/graph';
 * import { quantizationReport, quantizeModelState } from '@qaxon/quantization';
 * import { randomNormal, template } from '@qaxon/tensor';
 * const model = dense(dense(input('x'), 64, { activation: 'relu' }), 10);
 * const state = build(model).init(template([1, 32]));
 * const report = await quantizationReport(model, state, quantizeModelState(model, state), {
 *   inputs: randomNormal([16, 32], { seed: 1 }),
 * });
 * console.log(report.format());
 * ```
 */
export async function quantizationReport(
  model: Model<ModelOutput>,
  floatState: ModelState,
  quantizedState: ModelState,
  options: QuantizationReportOptions = {},
): Promise<QuantizationReport> {
  const floatBuilt = build(model, options.backend ? { backend: options.backend } : {});
  const lines: LayerQuantizationReport[] = [];
  for (const layer of floatBuilt.layerNames) {
    const floatParameters = floatState.data[layer];
    if (floatParameters === undefined || Object.keys(floatParameters).length === 0) continue;
    const quantizedParameters = quantizedState.data[layer] ?? {};
    const errors = new ErrorAccumulator();
    let parameters = 0;
    let quantized = false;
    let layout: { bits?: 8 | 4; groupSize?: number } = {};
    for (const [name, floatValue] of Object.entries(floatParameters)) {
      const quantizedValue = quantizedParameters[name];
      if (quantizedValue === undefined) {
        throw new QuantizationError(`quantizationReport: expected the quantized state to hold '${layer}.${name}' like the float state, got nothing`);
      }
      if (!(floatValue instanceof Tensor) || floatValue.dtype !== 'f32') {
        throw new QuantizationError(`quantizationReport: expected '${layer}.${name}' of the float state to be an f32 Tensor, got ${describeParameter(floatValue)}`);
      }
      if (quantizedValue instanceof QTensor) {
        quantized = true;
        layout = { bits: quantizedValue.bits, ...(quantizedValue.groupSize === undefined ? {} : { groupSize: quantizedValue.groupSize }) };
      }
      parameters += floatValue.size;
      accumulateParameterError(errors, floatValue, quantizedValue, `${layer}.${name}`);
    }
    lines.push({
      layer,
      quantized,
      ...layout,
      parameters,
      floatBytes: bytesOf(floatParameters),
      quantizedBytes: bytesOf(quantizedParameters),
      weightError: errors.result(),
    });
  }
  const floatBytes = floatState.byteSize();
  const quantizedBytes = quantizedState.byteSize();
  let outputError: ErrorStatistics | undefined;
  if (options.inputs !== undefined) {
    const quantizedModel = quantizeModel(model, { filter: (node) => quantizedState.get(node.name, 'kernel') instanceof QTensor });
    const quantizedBuilt = build(quantizedModel, options.backend ? { backend: options.backend } : {});
    const [reference, approx] = [await floatBuilt.predict(floatState, options.inputs), await quantizedBuilt.predict(quantizedState, options.inputs)];
    const errors = new ErrorAccumulator();
    for (const [name, tensor] of outputTensors(reference)) errors.addAll(outputTensors(approx).get(name)!.data, tensor.data);
    outputError = errors.result();
  }
  const report: QuantizationReport = {
    layers: lines,
    floatBytes,
    quantizedBytes,
    compression: floatBytes === 0 ? 1 : quantizedBytes / floatBytes,
    ...(outputError ? { outputError } : {}),
    format: () => formatReportTable(report),
  };
  return report;
}

/** The tensors of a model output: the one tensor, or each output of a container by name. */
function outputTensors(output: ModelOutput): Map<string, Tensor> {
  return output instanceof Tensor ? new Map([['', output]]) : new Map(Object.entries(output));
}

function accumulateParameterError(errors: ErrorAccumulator, reference: Tensor, approx: ParameterValue, where: string): void {
  if (isHandle(approx)) {
    throw new QuantizationError(`quantizationReport: expected '${where}' of the quantized state to be a Tensor or a QTensor, got a handle (${describeParameterValue(approx)}); report on the host state, before place(state)`);
  }
  if (approx instanceof Tensor) {
    if (approx.size !== reference.size) {
      throw new QuantizationError(`quantizationReport: '${where}' has ${approx.size} elements in the quantized state but ${reference.size} in the float state`);
    }
    errors.addAll(approx.data, reference.data);
    return;
  }
  const [rows, columns] = approx.shape as [number, number];
  if (rows * columns !== reference.size) {
    throw new QuantizationError(`quantizationReport: '${where}' is a QTensor [${rows}, ${columns}] but the float kernel has ${reference.size} elements`);
  }
  // dequantize() knows every layout (groups, 4-bit packing); a float copy for measuring only.
  errors.addAll(approx.dequantize().data, reference.data);
}

function bytesOf(parameters: Readonly<Record<string, ParameterValue>>): number {
  return Object.values(parameters).reduce((total, value) => total + parameterByteSize(value), 0);
}

function describeParameter(value: ParameterValue): string {
  if (value instanceof QTensor) return String(value);
  return value instanceof Tensor ? `${value.dtype} [${value.shape.join(', ')}]` : describeParameterValue(value);
}
