import { readFileSync } from 'node:fs';
import { Tensor } from '@qaxon/tensor';

/** Where scripts/torch-goldens.py writes the fixtures. */
const FIXTURES = new URL('../../../fixtures/', import.meta.url);

/** The tensors of one golden fixture by name, and its JSON description. */
export interface GoldenFixture<J> {
  readonly name: string;
  readonly json: J;
  /** The tensor stored under `name`; throws naming the fixture when it is missing. */
  tensor(name: string): Tensor;
  readonly names: readonly string[];
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * Reads `fixtures/<name>.safetensors` and `fixtures/<name>.json` (written by
 * scripts/torch-goldens.py: F32 and I32 tensors, little-endian). A dozen lines of the
 * format are enough here; @qaxon/safetensors is not a dependency of this package.
 */
export function readGoldenFixture<J>(name: string): GoldenFixture<J> {
  const bytes = readFileSync(new URL(`${name}.safetensors`, FIXTURES));
  const json = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as J;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, HeaderEntry>;
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, Tensor>();
  for (const [key, entry] of Object.entries(header)) {
    if (key === '__metadata__') continue;
    const [begin, end] = entry.data_offsets;
    const count = (end - begin) / 4;
    // Copy out: the file's buffer need not be 4-byte aligned at the tensor's offset.
    const raw = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
    if (entry.dtype === 'F32') {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = raw.getFloat32(4 * i, true);
      tensors.set(key, new Tensor(data, entry.shape, 'f32'));
    } else if (entry.dtype === 'I32') {
      const data = new Int32Array(count);
      for (let i = 0; i < count; i++) data[i] = raw.getInt32(4 * i, true);
      tensors.set(key, new Tensor(data, entry.shape, 's32'));
    } else {
      throw new Error(`fixtures/${name}.safetensors: tensor '${key}' has dtype ${entry.dtype}, expected F32 or I32`);
    }
  }
  return {
    name,
    json,
    names: [...tensors.keys()],
    tensor(key: string): Tensor {
      const found = tensors.get(key);
      if (found === undefined) throw new Error(`fixtures/${name}.safetensors: no tensor '${key}' (it holds ${[...tensors.keys()].join(', ')})`);
      return found;
    },
  };
}
