import type { HeldOutDigits } from '../held-out/held-out-digits.js';
import { paintDigit } from './digit-image.js';
import { element } from './dom.js';

/**
 * A grid of held-out digits as thumbnail buttons (`data-index`, `data-label`); clicking one
 * calls `onPick(index)`.
 *
 * @example
 * ```ts
 * renderDigitPicker(container, digits, (index) => classify(digits.image(index)));
 * ```
 */
export function renderDigitPicker(container: HTMLElement, digits: HeldOutDigits, onPick: (index: number) => void): void {
  container.replaceChildren();
  for (let index = 0; index < digits.count; index++) {
    const button = element('button', 'digit-thumb');
    button.type = 'button';
    button.dataset.index = String(index);
    button.dataset.label = String(digits.labels[index]);
    button.title = `held-out digit #${digits.ids[index]} (a ${digits.labels[index]})`;
    const canvas = element('canvas');
    paintDigit(canvas, digits.image(index));
    button.append(canvas);
    button.addEventListener('click', () => {
      for (const other of container.querySelectorAll('.digit-thumb.is-selected')) other.classList.remove('is-selected');
      button.classList.add('is-selected');
      onPick(index);
    });
    container.append(button);
  }
}
