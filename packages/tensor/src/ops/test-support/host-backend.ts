import { HostHandle } from '../host-handle.js';
import { ValueError } from '../../errors.js';
import { add } from '../../elementwise.js';
import { matmul } from '../../matmul.js';
import { QTensor } from '../../qtensor.js';
import type { Tensor } from '../../tensor.js';
import type { Backend, KernelTable } from '../../backend.js';
import type { Handle } from '../handle.js';

/**
 * A small host backend for the core's own tests (the reference backend lives in another
 * package): `dense` through `matmul` + `add`, counting uploads, downloads and releases.
 */
export function countingHostBackend(name = 'counting'): Backend & { counts: { uploads: number; downloads: number; releases: number } } {
  const counts = { uploads: 0, downloads: 0, releases: 0 };
  const live = new Set<HostHandle>();
  const valueOf = (handle: Handle): Tensor => {
    if (!(handle instanceof HostHandle) || !live.has(handle)) throw new ValueError(`${name}: not a live handle of this backend`);
    const value = handle.value;
    if (value instanceof QTensor) return value.dequantize();
    return value;
  };
  const make = (value: Tensor | QTensor): HostHandle => {
    const handle = new HostHandle(name, value);
    live.add(handle);
    return handle;
  };
  const kernels: KernelTable = {
    dense({ x, kernel, bias }) {
      const y = matmul(valueOf(x), valueOf(kernel));
      return make(bias === undefined ? y : add(y, valueOf(bias)));
    },
  };
  return {
    name,
    counts,
    kernels,
    upload(value) {
      counts.uploads++;
      return make(value);
    },
    download(handle) {
      counts.downloads++;
      return valueOf(handle);
    },
    release(handle) {
      if (handle instanceof HostHandle && live.delete(handle)) {
        counts.releases++;
        handle.release();
      }
    },
    owns(handle): handle is Handle {
      return handle instanceof HostHandle && live.has(handle);
    },
  };
}
