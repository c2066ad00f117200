import { ModelState, dense, input } from '@qaxon/graph';
import { describe, expect, it } from 'vitest';
import { QuantizationError, quantize, quantizeModel, quantizeModelState } from './index.js';

// Careless arguments are refused at entry with a QuantizationError, not a raw TypeError.
describe('argument checks', () => {
  const model = dense(input('x'), 2);
  const state = ModelState.empty();

  it.each([
    ['quantize(model, null)', () => quantize(model, null as never), "quantize: expected a ModelState (from init or loadState) as the second argument, got null"],
    ['quantize(null, state)', () => quantize(null as never, state), 'quantize: expected a model (from input(), dense(), ...) as the first argument, got null'],
    ['quantize(model, state, null)', () => quantize(model, state, null as never), 'quantize: expected options to be an object such as { filter }, got null'],
    ['quantize(model, state, { filter: 3 })', () => quantize(model, state, { filter: 3 as never }), 'quantize: expected options.filter to be a function (node) => boolean, got 3'],
    ['quantizeModelState(model, {})', () => quantizeModelState(model, {} as never), 'quantizeModelState: expected a ModelState (from init or loadState) as the second argument, got an object (Object)'],
    ['quantizeModelState(undefined, state)', () => quantizeModelState(undefined as never, state), 'quantizeModelState: expected a model (from input(), dense(), ...) as the first argument, got undefined'],
    ['quantizeModel(null)', () => quantizeModel(null as never), 'quantizeModel: expected a model (from input(), dense(), ...) as the first argument, got null'],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(QuantizationError);
    expect(call).toThrow(message);
  });
});
