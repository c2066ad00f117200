import { MNIST_SIDE } from '../model/mnist-model.js';
import type { InkImage } from '../preprocess/mnist-preprocess.js';

/** Stroke width on the 280 x 280 pad: about 2 pixels once a digit is scaled to MNIST's 20-pixel box. */
const STROKE_WIDTH = 20;

/**
 * A canvas to draw a digit on with a mouse, a finger or a pen (pointer events), white ink on
 * black like MNIST. It can also show a 28 x 28 digit, enlarged.
 *
 * @example
 * ```ts
 * const pad = new DrawingPad(canvas, { onInk: () => classify(preprocessInk(pad.ink())) });
 * ```
 */
export class DrawingPad {
  readonly #canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #onInk: (final: boolean) => void;
  #last: { x: number; y: number } | undefined;
  #showingDigit = false;

  /**
   * @param canvas - the pad (its width/height attributes set the ink resolution).
   * @param options.onInk - called while drawing (`final` false, at most once per frame) and when a stroke ends (`final` true).
   */
  constructor(canvas: HTMLCanvasElement, options: { onInk: (final: boolean) => void }) {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('DrawingPad: expected a 2D canvas context, got none');
    this.#canvas = canvas;
    this.#context = context;
    this.#onInk = options.onInk;
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', (event) => this.#start(event));
    canvas.addEventListener('pointermove', (event) => this.#move(event));
    for (const type of ['pointerup', 'pointercancel'] as const) canvas.addEventListener(type, (event) => this.#end(event));
    this.clear();
  }

  /** Wipes the pad. */
  clear(): void {
    this.#context.fillStyle = '#000';
    this.#context.fillRect(0, 0, this.#canvas.width, this.#canvas.height);
    this.#showingDigit = false;
  }

  /** Shows a 28 x 28 digit (grey levels in [0, 1]) enlarged, pixel by pixel; the next stroke starts on a clean pad. */
  showDigit(pixels: Float32Array): void {
    this.clear();
    const cell = this.#canvas.width / MNIST_SIDE;
    for (let y = 0; y < MNIST_SIDE; y++) {
      for (let x = 0; x < MNIST_SIDE; x++) {
        const level = Math.round((pixels[y * MNIST_SIDE + x] as number) * 255);
        if (level === 0) continue;
        this.#context.fillStyle = `rgb(${level}, ${level}, ${level})`;
        this.#context.fillRect(x * cell, y * cell, Math.ceil(cell), Math.ceil(cell));
      }
    }
    this.#showingDigit = true;
  }

  /** The pad's ink (the red channel, scaled to [0, 1]). */
  ink(): InkImage {
    const { width, height } = this.#canvas;
    const rgba = this.#context.getImageData(0, 0, width, height).data;
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = (rgba[i * 4] as number) / 255;
    return { width, height, ink };
  }

  #point(event: PointerEvent): { x: number; y: number } {
    const box = this.#canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * this.#canvas.width, y: ((event.clientY - box.top) / box.height) * this.#canvas.height };
  }

  #start(event: PointerEvent): void {
    event.preventDefault();
    if (this.#showingDigit) this.clear();
    this.#canvas.setPointerCapture?.(event.pointerId);
    this.#last = this.#point(event);
    this.#line(this.#last, this.#last);
  }

  #move(event: PointerEvent): void {
    if (this.#last === undefined) return;
    event.preventDefault();
    const next = this.#point(event);
    this.#line(this.#last, next);
    this.#last = next;
    this.#onInk(false);
  }

  #end(event: PointerEvent): void {
    if (this.#last === undefined) return;
    event.preventDefault();
    this.#last = undefined;
    this.#onInk(true);
  }

  #line(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const context = this.#context;
    context.strokeStyle = '#fff';
    context.lineWidth = STROKE_WIDTH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }
}
