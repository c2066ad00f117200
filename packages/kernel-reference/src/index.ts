/**
 * `@qaxon/kernel-reference`: the reference backend of qaxon (the oracle every other backend
 * is judged against; it implements every op of the op table).
 *
 * Subpath exports: `@qaxon/kernel-reference/impl` (the same maths over typed arrays),
 * `@qaxon/kernel-reference/conformance` (the shared vitest suite; import it from tests
 * only) and `@qaxon/kernel-reference/conformance-runner` (its cases and runner without
 * vitest).
 *
 * @example
 * ```ts
 * import { ones, runOp } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * const y = await runOp(referenceBackend, 'dense', { x: ones([1, 4]), kernel: ones([4, 2]) }, {});
 * console.log(y.toArray()); // [[4, 4]]
 * ```
 *
 * @packageDocumentation
 */
export { createReferenceBackend, implementsOp, referenceBackend, type ReferenceBackend, type ReferenceKernelTable } from './reference-backend.js';
export { readStreamedWeight } from './read-streamed-weight.js';
