import { describe, expect, it } from 'vitest';
import { ones } from '@qaxon/tensor';
import { createWasmBackend } from '../index.js';
import { denseOn } from '../test-support/inputs.js';

function messagePorts(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'MessagePort').length;
}

describe('worker threads never keep the process alive', () => {
  it('a threaded backend holds no ref on the event loop, before or after dispose', async () => {
    const before = messagePorts();
    const backend = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
    expect(backend.threads).toBe(2);
    expect(denseOn(backend, ones([3, 40]), ones([40, 20])).data[0]).toBe(40);
    expect(messagePorts()).toBe(before); // a forgotten backend would not hang `node` or vitest
    backend.dispose(); // terminates the worker: its port is released once it has exited
    for (let i = 0; i < 100 && messagePorts() !== before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messagePorts()).toBe(before);
  });
});
