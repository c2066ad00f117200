import { ModelState } from '@qaxon/graph';
import { transpose, type Tensor } from '@qaxon/tensor';
import type { GoldenFixture } from './golden-fixture.js';

/**
 * Maps Hugging Face weights (PyTorch layout) to a qaxon `ModelState`, by name:
 * `<layer>.weight` of rank 2 (a `Linear`, `[out, in]`) becomes the dense `kernel` of layer
 * `<layer>`, transposed to Axon's `[in, units]`; `<layer>.bias` next to it its `bias`;
 * `<layer>.weight` of rank 1 (RMSNorm, LayerNorm) becomes `gamma` and the LayerNorm's
 * `<layer>.bias` its `beta`.
 */
export function stateFromHuggingFace(fixture: GoldenFixture<unknown>, names: readonly string[]): ModelState {
  const data: Record<string, Record<string, Tensor>> = {};
  const normLayers = new Set<string>();
  const split = (name: string): [string, string] => {
    const dot = name.lastIndexOf('.');
    return [name.slice(0, dot), name.slice(dot + 1)];
  };
  for (const name of names) {
    const [layer, kind] = split(name);
    const value = fixture.tensor(name);
    if (kind === 'weight' && value.rank === 1) normLayers.add(layer);
  }
  for (const name of names) {
    const [layer, kind] = split(name);
    const value = fixture.tensor(name);
    const parameters = (data[layer] ??= {});
    if (kind === 'weight') {
      parameters[value.rank === 2 ? 'kernel' : 'gamma'] = value.rank === 2 ? transpose(value, [1, 0]) : value;
    } else if (kind === 'bias') {
      parameters[normLayers.has(layer) ? 'beta' : 'bias'] = value;
    } else {
      throw new Error(`${fixture.name}: weight '${name}' ends in neither .weight nor .bias`);
    }
  }
  return ModelState.fromData(data);
}

/** Every `layer/parameter` key of a state, sorted (to compare what a model wants with what a checkpoint gives). */
export function parameterKeys(state: ModelState): string[] {
  return [...state].map(([layer, parameter]) => `${layer}/${parameter}`).sort();
}
