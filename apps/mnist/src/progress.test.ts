import { describe, expect, it } from 'vitest';
import { startProgress, type ProgressStream } from './progress.js';

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  const stream = {
    text: '',
    isTTY,
    columns: 80,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('startProgress', () => {
  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = startProgress('scoring', 4, { stream, now: clock.now });
    for (let i = 0; i < 4; i++) {
      clock.advance(100);
      bar.advance(1, `step ${i}`);
    }
    bar.finish('done');
    expect(stream.text.split('\r\x1b[2K').length).toBe(6);
    expect(stream.text.endsWith('scoring [########################] 4/4 done 0.4s\n')).toBe(true);
  });

  it('prints only plain lines (no carriage returns or escapes) when not a terminal', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const bar = startProgress('training', 100, { stream, now: clock.now });
    for (let i = 0; i < 100; i++) {
      clock.advance(200);
      bar.advance();
    }
    bar.finish('loss 0.1');
    expect(stream.text.includes('\r') || stream.text.includes('\x1b')).toBe(false);
    const lines = stream.text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines.at(-1)).toBe('training: 100/100 loss 0.1 20.0s');
  });

  it('prints just the final line for a short task on a plain stream', () => {
    const stream = fakeStream(false);
    const bar = startProgress('quick', 3, { stream, now: () => 0 });
    bar.advance(3);
    bar.finish();
    expect(stream.text).toBe('quick: 3/3 0.0s\n');
  });

  it('writes nothing when silent', () => {
    const stream = fakeStream(true);
    const bar = startProgress('quiet', 2, { stream, silent: true });
    bar.advance();
    bar.finish('x');
    expect(stream.text).toBe('');
  });

  it('fits the line into the terminal width', () => {
    const stream = { ...fakeStream(true), columns: 20 };
    const bar = startProgress('a long label that does not fit', 1, { stream, now: () => 0 });
    bar.finish();
    expect(stream.text.replace('\r\x1b[2K', '').trimEnd().length).toBeLessThan(20);
  });
});
