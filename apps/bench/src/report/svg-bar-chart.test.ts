import { describe, expect, it } from 'vitest';
import { barChartSvg, chartAxis, escapeXml, type BarChart } from './svg-bar-chart.js';

const chart: BarChart = {
  title: 'GEMV <1×4096×4096> & friends',
  axisLabel: 'milliseconds (log scale)',
  series: [
    { name: 'f32', color: '#4e79a7' },
    { name: 'int8', color: '#f28e2b' },
  ],
  rows: [
    { label: 'qaxon wasm', values: [4.1, 1.9], highlight: true },
    { label: 'ORT "1 thread"', values: [3.2, undefined] },
    { label: 'TF.js cpu', values: [250, 260] },
  ],
  scale: 'log',
};

/** Checks that every opened element is closed in order (a well-formedness check without a parser). */
function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe('barChartSvg', () => {
  const svg = barChartSvg(chart);

  it('is one well-formed svg document with the SVG namespace', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  });

  it('draws one bar per defined value and marks missing ones n/a', () => {
    expect(svg.match(/class="bar"/g)).toHaveLength(5);
    expect(svg.match(/>n\/a</g)).toHaveLength(1);
  });

  it('escapes text and never prints NaN or Infinity', () => {
    expect(svg).toContain('GEMV &lt;1×4096×4096&gt; &amp; friends');
    expect(svg).toContain('ORT &quot;1 thread&quot;');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(svg).not.toContain('<script');
  });

  it('orders bar lengths like the values', () => {
    const widths = [...svg.matchAll(/class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((match) => Number(match[1]));
    // values in drawing order: 4.1, 1.9, 3.2, 250, 260
    expect(widths[1]!).toBeLessThan(widths[2]!);
    expect(widths[2]!).toBeLessThan(widths[0]!);
    expect(widths[0]!).toBeLessThan(widths[3]!);
    expect(widths[3]!).toBeLessThan(widths[4]!);
  });

  it('renders a chart with nothing to draw', () => {
    const empty = barChartSvg({ title: 'none', axisLabel: 'ms', series: [{ name: 'f32', color: '#000' }], rows: [{ label: 'a', values: [undefined] }] });
    expect(tagsBalance(empty)).toBe(true);
    expect(empty).not.toMatch(/NaN|Infinity/);
  });
});

describe('chartAxis', () => {
  it('spans whole decades on a log scale', () => {
    const axis = chartAxis([2, 300], 'log', 100);
    expect(axis.ticks).toEqual([1, 10, 100, 1000]);
    expect(axis.position(1)).toBe(0);
    expect(axis.position(1000)).toBe(100);
    expect(axis.position(10)).toBeCloseTo(100 / 3, 10);
  });

  it('starts at zero with round steps on a linear scale', () => {
    const axis = chartAxis([3, 47], 'linear', 200);
    expect(axis.ticks).toEqual([0, 10, 20, 30, 40, 50]);
    expect(axis.position(25)).toBe(100);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
