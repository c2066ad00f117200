import { ModelState, type ModelStateData, type ParameterKey } from '@qaxon/graph';
import { QTensor, Tensor, type Backend, type DType, type Handle, type RowSource, type StreamedWeight } from '@qaxon/tensor';
import { PLATFORM_IS_LITTLE_ENDIAN } from './byte-order.js';
import { decodeTensor } from './decode-tensor.js';
import { quoteName, SafetensorsError } from './errors.js';
import { stateFromContents, type FromSafetensorsOptions } from './from-safetensors.js';
import { openSafetensorsFile, type OpenSafetensorsFile } from './node-read-file.js';
import type { TensorEntry } from './read-header.js';
import { decodeStateLayout, QAXON_METADATA, type StoredParameter } from './state-layout.js';

/** A rank-2 F32 or I8 tensor still in the file: read row block by row block when placed. */
interface FileTensor {
  readonly dtype: DType;
  readonly rank: 2;
  readonly shape: readonly [number, number];
  readonly entry: TensorEntry;
}

/** A quantized weight whose int8 values are still in the file (scales and zero points are read). */
interface FileQTensor {
  readonly values: FileTensor;
  readonly scale: Tensor<'f32'>;
  readonly zeroPoint: Tensor<'s8'>;
}

type Stored = Tensor | QTensor | FileTensor | FileQTensor;

/**
 * Loads a safetensors file straight onto `backend` and returns a state whose parameters
 * are the backend's handles. For a file written by `toSafetensors` (no `mapping`), each
 * rank-2 float32 weight and each int8 QTensor's values are read into
 * `backend.uploadStreamed` in the blocks of rows it asks for (into its own buffer), so the
 * host never holds a whole weight; small tensors (biases, scales, zero points) are read whole and uploaded.
 * A backend without `uploadStreamed` gets each weight read whole and `upload`ed, one at a
 * time. Other files (PyTorch, with a `mapping`) are loaded on the host as by `loadState`
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
  return decodeStateLayout<Tensor | FileTensor, QTensor | FileQTensor>({ tensors, metadata: file.metadata }, (values, scale, zeroPoint) => {
    if (values instanceof Tensor) return new QTensor(values as Tensor<'s8'>, scale as Tensor<'f32'>, zeroPoint as Tensor<'s8'>);
    const units = values.shape[1];
    // The same checks of the scales as a QTensor's, on a one-row stand-in for the values.
    new QTensor(new Tensor(new Int8Array(units), [1, units], 's8'), scale as Tensor<'f32'>, zeroPoint as Tensor<'s8'>);
    return { values, scale: scale as Tensor<'f32'>, zeroPoint: zeroPoint as Tensor<'s8'> };
  });
}

/** Puts one stored parameter on the backend. */
async function place(file: OpenSafetensorsFile, backend: Backend, value: Stored): Promise<Handle> {
  if (value instanceof Tensor || value instanceof QTensor) return backend.upload(value);
  if ('entry' in value) {
    if (value.dtype === 'f32' && backend.uploadStreamed !== undefined) return await backend.uploadStreamed({ values: rowSource(file, value) });
    return backend.upload(await readTensor(file, value.entry));
  }
  const weight: StreamedWeight = { values: rowSource(file, value.values), scale: value.scale, zeroPoint: value.zeroPoint };
  if (backend.uploadStreamed !== undefined) return await backend.uploadStreamed(weight);
  const values = (await readTensor(file, value.values.entry)) as Tensor<'s8'>;
  return backend.upload(new QTensor(values, value.scale, value.zeroPoint));
}

/** Rows of a rank-2 tensor in the file, read into the caller's buffer (little-endian in the file). */
function rowSource(file: OpenSafetensorsFile, tensor: FileTensor): RowSource {
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
    },
  };
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
