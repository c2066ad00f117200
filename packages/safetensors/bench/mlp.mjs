// The benchmark model: `layers` dense layers of `width` units with relu between them.
import { dense, input } from '@qaxon/graph';

export function mlp(width, layers) {
  let x = input('x', { shape: [null, width] });
  for (let i = 0; i < layers; i++) x = dense(x, width, i < layers - 1 ? { activation: 'relu' } : {});
  return x;
}

// The backends the bench loads onto. They are not dependencies of @qaxon/safetensors, so
// they are imported from their folders in this repository (after `pnpm build`).
export async function createBackend(name) {
  if (name === 'reference') return (await import('../../kernel-reference/dist/index.js')).referenceBackend;
  if (name === 'wasm') return await (await import('../../kernel-wasm/dist/index.js')).createWasmBackend({ threads: 1 });
  if (name.startsWith('gpu.js:')) {
    const backend = (await import('../../kernel-gpu/dist/index.js')).createGpuBackend({ mode: name.slice('gpu.js:'.length) });
    await backend.ready;
    return backend;
  }
  throw new Error(`unknown backend ${name}: expected reference, wasm or gpu.js:<mode>`);
}
