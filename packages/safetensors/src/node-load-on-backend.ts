import { ModelState, type ModelStateData, type ParameterKey } from '@qaxon/graph';
import { QTensor, Tensor, type Backend, type DType, type Handle, type RowSource, type StreamedWeight } from '@qaxon/tensor';
import { PLATFORM_IS_LITTLE_ENDIAN } from './byte-order.js';
import { decodeTensor } from './decode-tensor.js';
import { quoteName, SafetensorsError } from './errors.js';
import { stateFromContents, type FromSafetensorsOptions } from './from-safetensors.js';
import { openSafetensorsFile, type OpenSafetensorsFile } from './node-read-file.js';
import type { TensorEntry } from './read-header.js';
import type { StoredQuantization } from './quantization-metadata.js';
import { decodeStateLayout, QAXON_METADATA, type StoredParameter } from './state-layout.js';

/** A rank-2 F32 or I8 tensor still in the file: read row block by row block when placed. */
interface FileTensor {
  readonly dtype: DType;
  readonly rank: 2;
  readonly shape: readonly [number, number];
  readonly entry: TensorEntry;
}

/** A quantized weight whose values are still in the file (scales and zero points are read). */
interface FileQTensor {
  readonly values: FileTensor;
  readonly scale: Tensor<'f32'>;
  /** Absent: all 0 (packed s4 files leave them out). */
  readonly zeroPoint: Tensor<'s8'> | undefined;
  /** The layout from `qaxon.quantization`; undefined: per-channel int8. */
  readonly layout: StoredQuantization | undefined;
}

type Stored = Tensor | QTensor | FileTensor | FileQTensor;

/**
 * Loads a safetensors file straight onto `backend` and returns a state whose parameters
 * are the backend's handles. For a file written by `toSafetensors` (no `mapping`), each
 * rank-2 float32 weight and each int8 QTensor's values are read into
 * `backend.uploadStreamed` in the blocks of rows it asks for (into its own buffer), so the
 * host never holds a whole weight; small tensors (biases, scales, zero points) are read whole and uploaded.
 * A QTensor's layout (4-bit, group-wise, per-row) goes along in `StreamedWeight.layout`.
 * A backend without `uploadStreamed` gets each weight read whole and `upload`ed, one at a
 * time; so does a QTensor with a layout other than per-channel int8 when `uploadStreamed`
 * refuses it (`KernelUnsupportedError`, or any error but a `SafetensorsError`) or returns a
 * handle whose `quantization` is not that layout (the handle is released: the backend
 * would have read the weight as per-channel int8). Other files (PyTorch, with a `mapping`) are loaded on the host as by `loadState`
 * without a backend, then uploaded parameter by parameter.
 *
 * @internal
 */
export async function loadStateOnBackend(path: string | URL, backend: Backend, options: FromSafetensorsOptions): Promise<ModelState> {
  const file = await openSafetensorsFile(path);
  const placed: { key: ParameterKey; handle: Handle; frozen: boolean }[] = [];
  try {
    if (file.metadata[QAXON_METADATA.format] === undefined || options.mapping !== undefined) {
      const host = stateFromContents(await readAll(file), options);
      for (const [layer, param, value] of host.parameters()) {
        placed.push({ key: [layer, param], handle: backend.upload(value as Tensor | QTensor), frozen: host.isFrozen(layer, param) });
      }
    } else {
      for (const parameter of await decodeLazily(file)) {
        placed.push({ key: parameter.key!, handle: await place(file, backend, parameter.value), frozen: parameter.frozen });
      }
    }
  } catch (error) {
    for (const { handle } of placed) backend.release(handle);
    throw error;
  } finally {
    await file.close();
  }
  return stateOfHandles(placed);
}

/** The qaxon layout of an open file, with rank-2 F32/I8 tensors left in the file and every other tensor read. */
async function decodeLazily(file: OpenSafetensorsFile): Promise<StoredParameter<Stored>[]> {
  const tensors = Object.create(null) as Record<string, Tensor | FileTensor>;
  for (const entry of file.entries) {
    const streamable = entry.shape.length === 2 && (entry.dtype === 'F32' || entry.dtype === 'I8');
    tensors[entry.name] = streamable
      ? { dtype: entry.dtype === 'F32' ? 'f32' : 's8', rank: 2, shape: [entry.shape[0]!, entry.shape[1]!], entry }
      : await readTensor(file, entry);
  }
  // Group-wise scales and zero points are rank 2: read them (small) before the QTensors are checked.
  const parts: FileTensor[] = [];
  decodeStateLayout<Tensor | FileTensor, null>({ tensors, metadata: file.metadata }, (_values, scale, zeroPoint) => {
    for (const part of [scale, zeroPoint]) if (part !== undefined && !(part instanceof Tensor)) parts.push(part);
    return null;
  });
  for (const part of parts) tensors[part.entry.name] = await readTensor(file, part.entry);
  return decodeStateLayout<Tensor | FileTensor, QTensor | FileQTensor>({ tensors, metadata: file.metadata }, (values, scale, zeroPoint, layout) => {
    if (values instanceof Tensor) return new QTensor(values as Tensor<'s8'>, scale as Tensor<'f32'>, zeroPoint as Tensor<'s8'> | undefined, layout);
    // The same checks of the scales and zero points as a QTensor's, on a small stand-in for the values.
    const standIn = standInFor(scale.shape, layout);
    new QTensor(standIn.value, scale as Tensor<'f32'>, zeroPoint as Tensor<'s8'> | undefined, standIn.layout);
    return { values, scale: scale as Tensor<'f32'>, zeroPoint: zeroPoint as Tensor<'s8'> | undefined, layout };
  });
}

/**
 * Zero values whose layout gives scales of `scaleShape` (already checked against the real
 * values): one row (or column) per channel, one element per group (group size 1).
 */
function standInFor(scaleShape: readonly number[], layout: StoredQuantization | undefined): { value: Tensor<'s8'>; layout: StoredQuantization | undefined } {
  const channels = scaleShape[scaleShape.length - 1]!;
  const groups = scaleShape.length === 2 ? scaleShape[0]! : 1;
  const axis = layout?.axis ?? 1;
  // One (unpacked, zero) value per group; 4-bit groups along axis 0 are even, so two per group there.
  const perGroup = layout?.bits === 4 && axis === 1 && layout.groupSize !== undefined ? 2 : 1;
  const shape: [number, number] = axis === 1 ? [groups * perGroup, channels] : [channels, groups];
  const value = new Tensor(new Int8Array(groups * perGroup * channels), shape, 's8');
  if (layout === undefined) return { value, layout };
  const { packedRows: _packed, ...unpacked } = layout;
  return { value, layout: { ...unpacked, groupSize: layout.groupSize === undefined ? undefined : perGroup } };
}

/** Puts one stored parameter on the backend. */
async function place(file: OpenSafetensorsFile, backend: Backend, value: Stored): Promise<Handle> {
  if (value instanceof Tensor || value instanceof QTensor) return backend.upload(value);
  if ('entry' in value) {
    if (value.dtype === 'f32' && backend.uploadStreamed !== undefined) return await backend.uploadStreamed({ values: rowSource(file, value) });
    return backend.upload(await readTensor(file, value.entry));
  }
  const weight: StreamedWeight = {
    // Packed s4 bytes are any bit pattern; unpacked 4-bit values (format 2) are checked row by row.
    values: rowSource(file, value.values, value.layout?.bits === 4 && value.layout.packedRows === undefined),
    scale: value.scale,
    ...(value.zeroPoint === undefined ? {} : { zeroPoint: value.zeroPoint }),
    ...(value.layout === undefined ? {} : { layout: value.layout }),
  };
  if (backend.uploadStreamed !== undefined) {
    let handle: Handle | undefined;
    try {
      handle = await backend.uploadStreamed(weight);
    } catch (error) {
      // A layout the backend cannot stream (KernelUnsupportedError, or scales it does not expect): read it whole and upload it.
      if (value.layout === undefined || error instanceof SafetensorsError) throw error;
    }
    if (handle !== undefined) {
      if (value.layout === undefined || keepsLayout(handle, value.layout)) return handle;
      // The backend dropped the layout (it would read the weight as per-channel int8): upload the QTensor instead.
      backend.release(handle);
    }
  }
  const values = (await readTensor(file, value.values.entry)) as Tensor<'s8'>;
  let q: QTensor;
  try {
    q = new QTensor(values, value.scale, value.zeroPoint, value.layout);
  } catch (error) {
    // Scales and zero points were checked when decoding: what is left is 4-bit values out of [-8, 7].
    const name = value.values.entry.name;
    throw new SafetensorsError(`tensor ${quoteName(name)}: ${(error as Error).message.replace(/^QTensor: /, '')}`, { tensorName: name, cause: error });
  }
  return backend.upload(q);
}

/** True when a streamed handle says it holds the weight with the file's layout. */
function keepsLayout(handle: Handle, layout: StoredQuantization): boolean {
  const held = handle.quantization;
  return held !== undefined && held.bits === layout.bits && held.axis === layout.axis && held.groupSize === layout.groupSize;
}

/** Rows of a rank-2 tensor in the file, read into the caller's buffer (little-endian in the file). */
function rowSource(file: OpenSafetensorsFile, tensor: FileTensor, fourBit = false): RowSource {
  const [rows, columns] = tensor.shape;
  const elementBytes = tensor.dtype === 'f32' ? 4 : 1;
  return {
    shape: [rows, columns],
    dtype: tensor.dtype === 'f32' ? 'f32' : 's8',
    async read(firstRow, rowCount, into) {
      if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > rows || into.length < rowCount * columns) {
        throw new SafetensorsError(`tensor ${quoteName(tensor.entry.name)}: cannot read rows [${firstRow}, ${firstRow + rowCount}) of ${rows} into ${into.length} elements`);
      }
      const length = rowCount * columns * elementBytes;
      const bytes = new Uint8Array(into.buffer, into.byteOffset, length);
      await file.read(tensor.entry.begin + firstRow * columns * elementBytes, length, bytes);
      if (!PLATFORM_IS_LITTLE_ENDIAN && elementBytes === 4) {
        const view = new DataView(into.buffer, into.byteOffset, length);
        for (let at = 0; at < length; at += 4) view.setUint32(at, view.getUint32(at, true));
      }
      if (fourBit) checkFourBit(tensor.entry.name, into as Int8Array, rowCount * columns, firstRow, columns);
    },
  };
}

/** 4-bit values lie in [-8, 7]: a file saying otherwise is damaged. */
function checkFourBit(name: string, values: Int8Array, count: number, firstRow: number, columns: number): void {
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v < -8 || v > 7) {
      const at = `[${firstRow + Math.floor(i / columns)}, ${i % columns}]`;
      throw new SafetensorsError(`tensor ${quoteName(name)}: expected every 4-bit value in [-8, 7], got ${v} at value index ${at}`, { tensorName: name });
    }
  }
}

async function readTensor(file: OpenSafetensorsFile, entry: TensorEntry): Promise<Tensor> {
  return decodeTensor(await file.read(entry.begin, entry.end - entry.begin), 0, entry, file.dataStart + entry.begin);
}

async function readAll(file: OpenSafetensorsFile): Promise<{ tensors: Record<string, Tensor>; metadata: Record<string, string> }> {
  const tensors = Object.create(null) as Record<string, Tensor>;
  for (const entry of file.entries) tensors[entry.name] = await readTensor(file, entry);
  return { tensors, metadata: file.metadata };
}

function stateOfHandles(placed: readonly { key: ParameterKey; handle: Handle; frozen: boolean }[]): ModelState {
  const data: Record<string, Record<string, Handle>> = {};
  for (const { key: [layer, param], handle } of placed) {
    if (layer === '__proto__' || param === '__proto__') {
      // ModelState keeps its data in ordinary objects, where this key would be lost.
      throw new SafetensorsError(`cannot load layer ${quoteName(layer)} parameter ${quoteName(param)}: "__proto__" cannot name a layer or parameter of a ModelState`);
    }
    (data[layer] ??= {})[param] = handle;
  }
  try {
    return ModelState.fromData(data as ModelStateData, { frozen: placed.filter((p) => p.frozen).map((p) => p.key) });
  } catch (error) {
    throw new SafetensorsError(`cannot build the model state: ${(error as Error).message}`, { cause: error });
  }
}
