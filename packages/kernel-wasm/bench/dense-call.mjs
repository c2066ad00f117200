// `dense` / `quantizedDense` on a backend as a model's layer runs it: the kernel is
// uploaded on the first call and its handle kept (as the graph's weight cache does); each
// call uploads x, runs the kernel on handles, downloads the result and releases x and y.
import { QTensor } from '@qaxon/tensor';

export function denseCall(backend, kernel) {
  const op = kernel instanceof QTensor ? 'quantizedDense' : 'dense';
  let kernelHandle;
  const call = (x) => {
    kernelHandle ??= backend.upload(kernel);
    const xHandle = backend.upload(x);
    const yHandle = backend.kernels[op]({ x: xHandle, kernel: kernelHandle }, {});
    const y = backend.download(yHandle);
    backend.release(yHandle);
    backend.release(xHandle);
    return y;
  };
  call.release = () => {
    if (kernelHandle !== undefined) backend.release(kernelHandle);
    kernelHandle = undefined;
  };
  return call;
}
