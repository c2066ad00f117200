import { glFloatArrayBytes } from './device-bytes.js';
import type { StorageCell } from './handles/gpu-handle.js';

/** The bytes a backend's storage holds, by kind (see `GpuBackendMemory`). */
export interface StorageBytes {
  weightBytes: number;
  ioBytes: number;
  tensorBytes: number;
}

/**
 * Adds up the bytes of `cells`: packed weights and the kernels' input and output buffers,
 * and tensors (host arrays, the textures made of them, kernel outputs, weights kept on the
 * host).
 */
export function storageBytes(cells: Iterable<StorageCell>): StorageBytes {
  let weightBytes = 0;
  let ioBytes = 0;
  let tensorBytes = 0;
  for (const { storage } of cells) {
    const weights = storage.kind === 'weights' ? storage.weights : storage.kind === 'array' ? storage.denseWeights : undefined;
    if (weights !== undefined) {
      weightBytes += weights.weightBytes;
      ioBytes += weights.ioBytes;
    }
    if (storage.kind === 'array') {
      tensorBytes += storage.data.byteLength + (storage.texture === undefined ? 0 : glFloatArrayBytes(storage.data.length));
    } else if (storage.kind === 'texture') {
      tensorBytes += glFloatArrayBytes(storage.length);
    } else if (storage.kind === 'host') {
      tensorBytes += storage.value.byteSize;
    } else {
      tensorBytes += storage.weights.hostBytes;
    }
  }
  return { weightBytes, ioBytes, tensorBytes };
}
