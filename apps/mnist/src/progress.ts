/** Where a progress bar writes: `process.stderr` or anything shaped like it (tests). */
export interface ProgressStream {
  write(text: string): unknown;
  /** True for a terminal: the bar redraws in place; otherwise it prints a few plain lines. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/**
 * A progress bar for one task of `total` steps.
 *
 * @example
 * ```ts
 * const bar = startProgress('scoring', 10);
 * for (let i = 0; i < 10; i++) bar.advance();
 * bar.finish('done');
 * ```
 */
export interface Progress {
  /** Moves `steps` (default 1) forward; `note` replaces the text shown after the counter. */
  advance(steps?: number, note?: string): void;
  /** Ends the bar with a final line (`note` after the elapsed time). */
  finish(note?: string): void;
}

/** Options of {@link startProgress}. */
export interface ProgressOptions {
  /** Where to draw (default `process.stderr`). */
  readonly stream?: ProgressStream;
  /** Draw nothing at all (for `--quiet` and tests). */
  readonly silent?: boolean;
  /** The clock, in milliseconds (default `performance.now`). */
  readonly now?: () => number;
}

const BAR_WIDTH = 24;
/** A terminal bar redraws at most this often (ms); a plain stream prints a line per this many ms at most. */
const TTY_REDRAW_MS = 80;
const PLAIN_LINE_MS = 5_000;

/**
 * Starts a tiny progress bar. On a terminal it redraws one line in place
 * (`label [#####-----] 40/100 note 1.2s`); on anything else (CI logs, pipes) it prints
 * plain lines — one at each quarter of the way at most every few seconds and a final one —
 * so logs never fill with carriage returns or escape codes.
 *
 * @example
 * ```ts
 * const bar = startProgress('training epoch 1', 57);
 * bar.advance(57, 'loss 0.31');
 * bar.finish('val 97.1%');
 * ```
 */
export function startProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  if (options.silent === true) return { advance: () => undefined, finish: () => undefined };
  const started = now();
  const terminal = stream.isTTY === true;
  let done = 0;
  let note = '';
  let lastDraw = terminal ? -Infinity : started;
  let lastQuarter = 0;

  const seconds = (): string => `${((now() - started) / 1000).toFixed(1)}s`;
  const line = (): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const text = `${label} ${bar} ${done}/${total}${note === '' ? '' : ` ${note}`}`;
    const time = ` ${seconds()}`;
    // Keep the line shorter than the terminal (or it wraps and the redraw breaks): cut the
    // text, never the elapsed time.
    const columns = stream.columns !== undefined && stream.columns >= 20 ? stream.columns : 100;
    const room = Math.max(0, columns - 1 - time.length);
    return `${text.length > room ? text.slice(0, room) : text}${time}`;
  };

  return {
    advance(steps = 1, newNote?: string) {
      done += steps;
      if (newNote !== undefined) note = newNote;
      const time = now();
      if (terminal) {
        if (time - lastDraw >= TTY_REDRAW_MS) {
          stream.write(`\r\x1b[2K${line()}`);
          lastDraw = time;
        }
        return;
      }
      const quarter = total > 0 ? Math.floor((4 * done) / total) : 4;
      if (quarter > lastQuarter && quarter < 4 && time - lastDraw >= PLAIN_LINE_MS) {
        stream.write(`${label}: ${done}/${total}${note === '' ? '' : ` ${note}`} ${seconds()}\n`);
        lastDraw = time;
        lastQuarter = quarter;
      }
    },
    finish(finalNote?: string) {
      done = total;
      if (finalNote !== undefined) note = finalNote;
      if (terminal) stream.write(`\r\x1b[2K${line()}\n`);
      else stream.write(`${label}: ${done}/${total}${note === '' ? '' : ` ${note}`} ${seconds()}\n`);
    },
  };
}
