// The benchmark model: `layers` dense layers of `width` units with relu between them.
import { dense, input } from '@qaxon/graph';

export function mlp(width, layers) {
  let x = input('x', { shape: [null, width] });
  for (let i = 0; i < layers; i++) x = dense(x, width, i < layers - 1 ? { activation: 'relu' } : {});
  return x;
}
