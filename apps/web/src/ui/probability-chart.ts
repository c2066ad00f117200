import type { Prediction } from '../model/prediction.js';
import { MNIST_CLASSES } from '../model/mnist-model.js';
import { element, formatMilliseconds } from './dom.js';

/**
 * A horizontal bar chart of the ten class probabilities of one model, with its predicted
 * digit and latency. The container carries `data-prediction` and each bar
 * `data-probability`, so tests read what is shown.
 *
 * @example
 * ```ts
 * const chart = new ProbabilityChart(container, 'float32');
 * chart.show({ digit: 3, probabilities, latencyMs: 1.2 });
 * ```
 */
export class ProbabilityChart {
  readonly #root: HTMLElement;
  readonly #digit: HTMLElement;
  readonly #latency: HTMLElement;
  readonly #rows: { row: HTMLElement; fill: HTMLElement; value: HTMLElement }[] = [];

  constructor(root: HTMLElement, title: string) {
    this.#root = root;
    root.classList.add('chart');
    const header = element('div', 'chart-header');
    header.append(element('span', 'chart-title', title));
    this.#digit = element('span', 'chart-digit', '–');
    this.#latency = element('span', 'chart-latency', '');
    header.append(this.#digit, this.#latency);
    root.append(header);
    const bars = element('div', 'chart-bars');
    for (let digit = 0; digit < MNIST_CLASSES; digit++) {
      const row = element('div', 'chart-row');
      row.dataset.class = String(digit);
      const track = element('div', 'chart-track');
      const fill = element('div', 'chart-fill');
      track.append(fill);
      const value = element('span', 'chart-value', '');
      row.append(element('span', 'chart-label', String(digit)), track, value);
      bars.append(row);
      this.#rows.push({ row, fill, value });
    }
    root.append(bars);
  }

  /** Draws one prediction. */
  show(prediction: Prediction): void {
    this.#root.dataset.prediction = String(prediction.digit);
    this.#root.dataset.latencyMs = String(prediction.latencyMs);
    this.#digit.textContent = String(prediction.digit);
    this.#latency.textContent = formatMilliseconds(prediction.latencyMs) + (prediction.firstRun === true ? ' (first run: upload + compile)' : '');
    prediction.probabilities.forEach((probability, digit) => {
      const bar = this.#rows[digit];
      if (bar === undefined) return;
      bar.row.dataset.probability = String(probability);
      bar.row.classList.toggle('is-prediction', digit === prediction.digit);
      bar.fill.style.width = `${(Math.max(0, Math.min(1, probability)) * 100).toFixed(2)}%`;
      bar.value.textContent = `${(probability * 100).toFixed(1)}%`;
    });
  }
}
