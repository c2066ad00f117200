/**
 * `@qaxon/kernel-reference`: the reference backend of qaxon (the oracle every other backend
 * is judged against), and the input validation every backend shares.
 *
 * Subpath exports: `@qaxon/kernel-reference/impl` (the same maths over typed arrays) and
 * `@qaxon/kernel-reference/conformance` (the shared vitest suite; import it from tests only).
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * console.log(referenceBackend.dense(ones([1, 4]), ones([4, 2]), 0.5).toArray()); // [[4.5, 4.5]]
 * ```
 *
 * @packageDocumentation
 */
export { referenceBackend, type ReferenceBackend } from './reference-backend.js';
export { validateDenseInputs, type DenseDimensions } from './validate-dense-inputs.js';
