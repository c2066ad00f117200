import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from '@qaxon/safetensors';
import { STORIES_FOLDER } from './fixtures.js';

/** A tensor to write: float32 values stored as F32, F16 or BF16. */
export interface TensorToWrite {
  dtype: 'F32' | 'F16' | 'BF16';
  shape: readonly number[];
  /** F32: the values; F16/BF16: the 16-bit patterns. */
  data: Float32Array | Uint16Array;
}

/** The float32 tensors of stories260K's model.safetensors, by name. */
export function storiesTensors(): Record<string, { shape: number[]; data: Float32Array }> {
  const { tensors } = readSafetensors(readFileSync(join(STORIES_FOLDER, 'model.safetensors')));
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, { shape: [...tensor.shape], data: Float32Array.from(tensor.data as Float32Array) }]));
}

/** stories260K's config.json, parsed. */
export function storiesConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(STORIES_FOLDER, 'config.json'), 'utf8')) as Record<string, unknown>;
}

/** Writes a safetensors file by hand (header, then the data in order), so any dtype can be written. */
export function writeSafetensorsFile(path: string, tensors: Record<string, TensorToWrite>): void {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const bytes = new Uint8Array(8 + json.length + offset);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(new TextEncoder().encode(json), 8);
  let at = 8 + json.length;
  for (const tensor of Object.values(tensors)) {
    bytes.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), at);
    at += tensor.data.byteLength;
  }
  writeFileSync(path, bytes);
}

/** A new temporary folder with a config.json (and the stories260K tokenizer). */
export function checkpointFolder(config: Record<string, unknown>): string {
  const folder = mkdtempSync(join(tmpdir(), 'qaxon-pretrained-'));
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
  copyFileSync(join(STORIES_FOLDER, 'tok512.bin'), join(folder, 'tokenizer.bin'));
  return folder;
}

/** BF16 pattern of a float32 (its upper 16 bits: truncation). */
export function toBFloat16Bits(values: Float32Array): Uint16Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  return Uint16Array.from(words, (word) => word >>> 16);
}

/** F16 pattern of a float32, rounded toward zero (normal numbers; tiny ones become zero). */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  return Uint16Array.from(words, (word) => {
    const sign = (word >>> 16) & 0x8000;
    const exponent = ((word >>> 23) & 0xff) - 127 + 15;
    if (exponent <= 0) return sign;
    if (exponent >= 31) return sign | 0x7bff;
    return sign | (exponent << 10) | ((word >>> 13) & 0x3ff);
  });
}
