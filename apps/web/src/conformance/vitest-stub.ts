/**
 * Stands in for `vitest` in the browser bundle: `@qaxon/kernel-reference/conformance`
 * exports its vitest suite beside the plain helpers the page uses, and the page never calls
 * the suite. Anything that does gets this error.
 */
function unavailable(name: string): never {
  throw new Error(`vitest's ${name}() is not available in the browser page; use runConformanceCase from @qaxon/kernel-reference/conformance`);
}

export const describe = (): never => unavailable('describe');
export const it = (): never => unavailable('it');
export const beforeAll = (): never => unavailable('beforeAll');
export const afterAll = (): never => unavailable('afterAll');
