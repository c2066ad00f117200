/**
 * Creates an element with a class and optional text.
 *
 * @example
 * ```ts
 * const title = element('h2', 'card-title', 'Predictions');
 * ```
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The element with `id`, checked to exist and to be of the expected class.
 *
 * @example
 * ```ts
 * const canvas = byId('drawing-pad', HTMLCanvasElement);
 * ```
 */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`page: expected #${id} to be a ${kind.name}, got ${node === null ? 'nothing' : node.constructor.name}`);
  return node;
}

/**
 * Formats a byte count for people (`941.4 kB`).
 *
 * @example
 * ```ts
 * console.log(formatBytes(941400)); // '941.4 kB'
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/**
 * Formats milliseconds with a precision that suits their size.
 *
 * @example
 * ```ts
 * console.log(formatMilliseconds(0.4321), formatMilliseconds(12.3)); // '0.43 ms' '12.3 ms'
 * ```
 */
export function formatMilliseconds(milliseconds: number): string {
  return `${milliseconds < 10 ? milliseconds.toFixed(2) : milliseconds.toFixed(1)} ms`;
}
