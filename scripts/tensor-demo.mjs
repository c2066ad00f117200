// A first taste of qaxon's tensor core (the Quick start's main job until the MNIST demo
// lands): quantize a seeded random 784x128 kernel per output channel to int8 and show the
// memory saved and the round-trip error.
import { QTensor, randomNormal, subtract, max, map, tensor, matmul } from '@qaxon/tensor';

const weights = randomNormal([784, 128], { seed: 42, stddev: 0.05 });
const quantized = QTensor.fromTensor(weights, { name: 'demo.kernel' });
const error = max(map(subtract(quantized.dequantize(), weights), Math.abs)).data[0];
const x = randomNormal([1, 784], { seed: 7 });
const yFloat = matmul(x, weights);
const yInt8 = matmul(x, quantized.dequantize());
const outputError = max(map(subtract(yFloat, yInt8), Math.abs)).data[0];

console.log(`float32 kernel: ${weights.byteSize} bytes`);
console.log(`int8 kernel:    ${quantized.byteSize} bytes (${(quantized.byteSize / weights.byteSize).toFixed(3)}x)`);
console.log(`largest weight error: ${error.toExponential(3)} (largest scale / 2 = ${(Math.max(...quantized.scale.data) / 2).toExponential(3)})`);
console.log(`largest output error on a random input: ${outputError.toExponential(3)}`);
console.log(String(tensor([[-2], [1], [0], [-1.5]])), '->', String(QTensor.fromTensor(tensor([[-2], [1], [0], [-1.5]])).value));
