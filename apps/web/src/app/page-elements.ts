import { byId } from '../ui/dom.js';

/**
 * Every element of `index.html` the page drives, found once and type-checked.
 *
 * @example
 * ```ts
 * const elements = pageElements();
 * elements.clear.addEventListener('click', () => pad.clear());
 * ```
 */
export function pageElements() {
  return {
    status: byId('status', HTMLElement),
    pad: byId('drawing-pad', HTMLCanvasElement),
    clear: byId('clear-pad', HTMLButtonElement),
    modelInput: byId('model-input', HTMLCanvasElement),
    inputSource: byId('input-source', HTMLElement),
    heldOut: byId('held-out-digits', HTMLElement),
    chartFloat: byId('chart-float', HTMLElement),
    chartInt8: byId('chart-int8', HTMLElement),
    agreement: byId('agreement', HTMLElement),
    modeSelect: byId('mode-select', HTMLSelectElement),
    modeInUse: byId('mode-in-use', HTMLElement),
    modeNote: byId('mode-note', HTMLElement),
    bestName: byId('best-backend', HTMLElement),
    bestReason: byId('best-reason', HTMLElement),
    bestConsidered: byId('best-considered', HTMLDetailsElement),
    bestResult: byId('best-result', HTMLElement),
    quantizeToggle: byId('quantize-in-page', HTMLInputElement),
    int8Source: byId('int8-source', HTMLElement),
    bytesFloat: byId('bytes-float', HTMLElement),
    bytesInt8: byId('bytes-int8', HTMLElement),
    bytesRatio: byId('bytes-ratio', HTMLElement),
    conformanceRun: byId('conformance-run', HTMLButtonElement),
    conformanceResult: byId('conformance-result', HTMLElement),
  };
}

/** The page's elements, as {@link pageElements} returns them. */
export type PageElements = ReturnType<typeof pageElements>;
