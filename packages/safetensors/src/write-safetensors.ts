import { bytesPerElement, Tensor } from '@qaxon/tensor';
import { PLATFORM_IS_LITTLE_ENDIAN } from './byte-order.js';
import { writtenDTypeOf } from './dtypes.js';
import { quoteName, SafetensorsError } from './errors.js';
import { MAX_HEADER_BYTES } from './header-length.js';
import { METADATA_KEY } from './read-header.js';

/**
 * Serializes tensors (f32 -> `F32`, s8 -> `I8`, s32 -> `I32`) and an optional
 * string-to-string `__metadata__` map into safetensors bytes, laid out like the reference
 * implementation: tensors ordered by element size (largest first) then by name, stored
 * back to back, and the JSON header padded with spaces to a multiple of 8 bytes. So every
 * tensor's data starts at a file offset that is a multiple of its element size, and a
 * reader can view it in place.
 *
 * @param tensors - tensors by name (any string except `__metadata__`).
 * @param metadata - optional string values, written as `__metadata__` when given.
 *
 * @example
 * ```ts
 * import { writeSafetensors } from '@qaxon/safetensors';
 * import { tensor } from '@qaxon/tensor';
 * const bytes = writeSafetensors({ 'dense_0.kernel': tensor([[1, 2], [3, 4]]) });
 * console.log(bytes.length); // 8 + header + 16
 * ```
 */
export function writeSafetensors(tensors: Readonly<Record<string, Tensor>>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  if (tensors === null || typeof tensors !== 'object') {
    throw new SafetensorsError(`writeSafetensors: expected an object of tensors by name, got ${tensors === null ? 'null' : typeof tensors}`);
  }
  const named = Object.entries(tensors).map(([name, value]) => {
    if (name === METADATA_KEY) {
      throw new SafetensorsError(`writeSafetensors: ${quoteName(METADATA_KEY)} is reserved for metadata and cannot name a tensor`, {
        tensorName: name,
      });
    }
    if (!(value instanceof Tensor)) {
      throw new SafetensorsError(`writeSafetensors: expected tensor ${quoteName(name)} to be a Tensor, got ${describe(value)}`, {
        tensorName: name,
      });
    }
    return { name, tensor: value, elementSize: bytesPerElement(value.dtype) };
  });
  named.sort((a, b) => b.elementSize - a.elementSize || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const fields: string[] = [];
  if (metadata !== undefined) fields.push(`${JSON.stringify(METADATA_KEY)}:${metadataJson(metadata)}`);
  let offset = 0;
  for (const { name, tensor } of named) {
    const end = offset + tensor.byteSize;
    const info = `{"dtype":"${writtenDTypeOf(tensor.dtype)}","shape":[${tensor.shape.join(',')}],"data_offsets":[${offset},${end}]}`;
    fields.push(`${JSON.stringify(name)}:${info}`);
    offset = end;
  }
  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsError(`writeSafetensors: the header would be ${headerLength} bytes, more than the ${MAX_HEADER_BYTES}-byte limit readers accept`);
  }
  const out = allocateFile(8 + headerLength + offset);
  writeU64(out, headerLength);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const { tensor } of named) {
    copyLittleEndian(out, at, tensor);
    at += tensor.byteSize;
  }
  return out;
}

function metadataJson(metadata: Readonly<Record<string, string>>): string {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new SafetensorsError(`writeSafetensors: expected metadata to be an object of strings, got ${describe(metadata)}`);
  }
  const fields = Object.entries(metadata).map(([key, value]) => {
    if (typeof value !== 'string') {
      throw new SafetensorsError(`writeSafetensors: expected metadata value ${quoteName(key)} to be a string, got ${describe(value)}`);
    }
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{${fields.join(',')}}`;
}

function allocateFile(length: number): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch (error) {
    throw new SafetensorsError(`writeSafetensors: cannot allocate a ${length}-byte file in one Uint8Array`, { cause: error });
  }
}

function writeU64(out: Uint8Array, value: number): void {
  // value <= MAX_HEADER_BYTES < 2^32: the high word is 0.
  for (let i = 0; i < 4; i++) out[i] = (value >>> (8 * i)) & 0xff;
}

function copyLittleEndian(out: Uint8Array, at: number, tensor: Tensor): void {
  const data = tensor.data;
  if (PLATFORM_IS_LITTLE_ENDIAN || tensor.dtype === 's8') {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, data.byteLength);
  for (let i = 0; i < data.length; i++) {
    if (tensor.dtype === 'f32') view.setFloat32(i * 4, data[i] as number, true);
    else view.setInt32(i * 4, data[i] as number, true);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'object'}`;
  return typeof value;
}
