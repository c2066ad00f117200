import { STAGING_BYTES } from './kernel-upload.js';

/**
 * The host buffers rows of a streamed weight pass through on their way into the module's
 * memory: one is reused by every streamed upload in turn (a new one only while several
 * run at once, or for a row longer than {@link STAGING_BYTES}), so loading a model
 * leaves no garbage of the size of its weights behind.
 *
 * @example
 * ```text
 * const buffer = buffers.take(rowBytes);
 * try { ... } finally { buffers.giveBack(buffer); }
 * ```
 */
export class StagingBuffers {
  private readonly free: ArrayBuffer[] = [];

  /** A buffer of at least `STAGING_BYTES` and at least `minimumBytes`. */
  take(minimumBytes: number): ArrayBuffer {
    const reused = this.free.pop();
    if (reused !== undefined && reused.byteLength >= minimumBytes) return reused;
    if (reused !== undefined) this.free.push(reused);
    return new ArrayBuffer(Math.max(STAGING_BYTES, minimumBytes));
  }

  /** Returns a buffer for the next upload (only the usual size is kept). */
  giveBack(buffer: ArrayBuffer): void {
    if (buffer.byteLength === STAGING_BYTES) this.free.push(buffer);
  }
}
