import { ModelState, type ParameterValue } from '@qaxon/graph';
import { QTensor, transpose, type Backend, type Handle, type QuantizedType, type Tensor } from '@qaxon/tensor';
import { PretrainedError } from './errors.js';
import type { WeightTarget } from './llama-weights.js';

/**
 * How `loadPretrained` quantizes while loading: `true` quantizes every dense kernel (the
 * seven projections of each block and `lm_head`) to int8 per output channel as it is read;
 * `{ layers }` only the dense layers it accepts (by qaxon layer name).
 *
 * @example
 * ```ts
 * import type { QuantizeOnLoad } from '@qaxon/pretrained';
 * const skipHead: QuantizeOnLoad = { layers: (name) => name !== 'lm_head' };
 * ```
 */
export type QuantizeOnLoad = boolean | QuantizeOnLoadOptions;

/**
 * The object form of {@link QuantizeOnLoad}.
 *
 * @example
 * ```ts
 * import type { QuantizeOnLoadOptions } from '@qaxon/pretrained';
 * const mlpOnly: QuantizeOnLoadOptions = { layers: (name) => name.includes('.mlp.') };
 * ```
 */
export interface QuantizeOnLoadOptions {
  /** Quantize the dense layers this accepts (by qaxon layer name; default: all). */
  layers?: (layerName: string) => boolean;
  /**
   * The quantized type of `QTensor.fromTensor`: `'s8'` (default, int8 per output channel)
   * or `'s4'` (4-bit; give a `groupSize`, e.g. 32, for group-wise scales).
   */
  type?: QuantizedType;
  /** Values per scale along each kernel's input axis (`QTensor.fromTensor`'s `groupSize`; default: one scale per output channel). */
  groupSize?: number;
}

/**
 * What quantizing while loading did: the int8 state's bytes against the float state the
 * same checkpoint gives, and which layers were quantized. `compare` in the loaded model
 * measures the logit error.
 *
 * @example
 * ```ts
 * import type { LoadQuantizationReport } from '@qaxon/pretrained';
 * const line = (report: LoadQuantizationReport) => `${report.quantizedLayers.length} layers, ${report.stateBytes} bytes (float ${report.floatStateBytes})`;
 * ```
 */
export interface LoadQuantizationReport {
  /** The dense layers whose kernels are int8 `QTensor`s. */
  readonly quantizedLayers: readonly string[];
  /** Bytes of those kernels as int8 (values, scales and zero points). */
  readonly int8Bytes: number;
  /** Bytes the same kernels take in float32. */
  readonly floatKernelBytes: number;
  /** Bytes of the whole loaded state (int8 kernels, float embedding and norms). */
  readonly stateBytes: number;
  /** Bytes the whole state would take in float32. */
  readonly floatStateBytes: number;
}

/**
 * Puts checkpoint tensors into a model state one at a time: checks each against its
 * expected shape, transposes PyTorch `Linear` weights, quantizes dense kernels when asked
 * (the float copy is dropped at once), and at the end checks that nothing is missing.
 *
 * @internal
 */
export class StateAssembler {
  private readonly data: Record<string, Record<string, ParameterValue>> = {};
  private readonly seen = new Set<string>();
  private readonly quantizedLayers: string[] = [];
  private int8Bytes = 0;
  private floatKernelBytes = 0;
  private floatStateBytes = 0;
  private hostStateBytes = 0;
  private readonly uploaded: Handle[] = [];

  /**
   * `backend`, when given, gets each parameter uploaded as soon as it is ready (quantized
   * and transposed), so the state holds its handles and no host copy stays alive: the
   * weights are held once, by the backend.
   */
  constructor(
    private readonly targets: ReadonlyMap<string, readonly WeightTarget[]>,
    private readonly quantize: QuantizeOnLoad,
    private readonly where: string,
    private readonly tensorName: (checkpointName: string) => string = (name) => name,
    private readonly backend?: Backend,
  ) {}

  /** Releases the handles uploaded so far (after a failed load). */
  release(): void {
    for (const handle of this.uploaded.splice(0)) this.backend?.release(handle);
  }

  /** True when `name` is a tensor the model needs (others, such as rotary caches, are skipped). */
  wants(name: string): boolean {
    return this.targets.has(this.tensorName(name));
  }

  /** The expected shape of tensor `name`. */
  shapeOf(name: string): readonly number[] | undefined {
    return this.targets.get(name)?.[0]?.sourceShape;
  }

  /** True when every use of tensor `name` is transposed (a PyTorch `Linear` weight): the reader may then give it already transposed. */
  takesTransposed(checkpointName: string): boolean {
    const targets = this.targets.get(this.tensorName(checkpointName));
    return targets !== undefined && targets.length > 0 && targets.every((target) => target.transpose);
  }

  /** Checks tensor `name`'s shape in the checkpoint (before it is read) against the configuration's. */
  check(checkpointName: string, shape: readonly number[], source: string): void {
    const name = this.tensorName(checkpointName);
    const expected = this.targets.get(name)?.[0]?.sourceShape;
    if (expected === undefined) return;
    if (shape.length !== expected.length || shape.some((size, axis) => size !== expected[axis])) {
      throw new PretrainedError(
        `${source}: expected tensor '${name}' of shape [${expected.join(', ')}] (from the configuration), got [${shape.join(', ')}]`,
        source,
      );
    }
    if (this.seen.has(name)) throw new PretrainedError(`${source}: tensor '${name}' appears twice in the checkpoint`, source);
  }

  /**
   * Takes tensor `name` (f32) from `source` (a file name for messages); `transposed`: the
   * reader already transposed it (see {@link takesTransposed}), its shape is the stored one reversed.
   */
  accept(checkpointName: string, value: Tensor, source: string, { transposed = false } = {}): void {
    const name = this.tensorName(checkpointName);
    const targets = this.targets.get(name);
    if (targets === undefined) return;
    if (transposed && !this.takesTransposed(checkpointName)) throw new PretrainedError(`${source}: tensor '${name}' was given transposed, but it is not a transposed weight`, source);
    this.check(checkpointName, transposed ? [...value.shape].reverse() : value.shape, source);
    if (value.dtype !== 'f32') throw new PretrainedError(`${source}: expected tensor '${name}' to be a float tensor (F32, F16 or BF16), got dtype ${value.dtype}`, source);
    this.seen.add(name);
    for (const target of targets) {
      const oriented = target.transpose && !transposed ? transpose(value) : value;
      this.floatStateBytes += oriented.size * 4;
      this.put(target, target.dense && this.quantizes(target.layer) ? this.quantized(oriented, target) : oriented);
    }
  }

  /** The state, once every expected tensor was given (else a PretrainedError naming the first missing ones). */
  finish(): { state: ModelState; report: LoadQuantizationReport | undefined } {
    const missing = [...this.targets.keys()].filter((name) => !this.seen.has(name));
    if (missing.length > 0) {
      const shown = missing.slice(0, 5).map((name) => `'${name}' [${this.shapeOf(name)!.join(', ')}]`).join(', ');
      throw new PretrainedError(`${this.where}: missing tensor${missing.length > 1 ? 's' : ''} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, this.where);
    }
    const frozen = this.quantizedLayers.map((layer) => [layer, 'kernel'] as const);
    const state = ModelState.fromData(this.data, { frozen });
    const stateBytes = this.backend === undefined ? state.byteSize() : this.hostStateBytes;
    const report: LoadQuantizationReport | undefined =
      this.quantize === false
        ? undefined
        : {
            quantizedLayers: Object.freeze([...this.quantizedLayers]),
            int8Bytes: this.int8Bytes,
            floatKernelBytes: this.floatKernelBytes,
            stateBytes,
            floatStateBytes: this.floatStateBytes,
          };
    return { state, report };
  }

  private quantizes(layer: string): boolean {
    if (this.quantize === false) return false;
    return this.quantize === true || this.quantize.layers === undefined || this.quantize.layers(layer);
  }

  private quantized(kernel: Tensor, target: WeightTarget): QTensor {
    const options: QuantizeOnLoadOptions = typeof this.quantize === 'object' ? this.quantize : {};
    const quantized = QTensor.fromTensor(kernel, {
      name: `${target.layer}.${target.parameter}`,
      ...(options.type === undefined ? {} : { type: options.type }),
      ...(options.groupSize === undefined ? {} : { groupSize: options.groupSize }),
    });
    this.quantizedLayers.push(target.layer);
    this.int8Bytes += quantized.byteSize;
    this.floatKernelBytes += kernel.size * 4;
    return quantized;
  }

  private put(target: WeightTarget, value: Tensor | QTensor): void {
    this.hostStateBytes += value.byteSize;
    let placed: ParameterValue = value;
    if (this.backend !== undefined) {
      const handle = this.backend.upload(value);
      this.uploaded.push(handle);
      placed = handle;
    }
    (this.data[target.layer] ??= {})[target.parameter] = placed;
  }
}
