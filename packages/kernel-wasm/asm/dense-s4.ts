// The s4 dense job (operation OPERATION_DENSE_S4 of job.ts). It reads the common job
// fields with these meanings:
//   JOB_X          quantized x: per row `pairs` blocks of 4 i16 (hi[2j], hi[2j+1], lo[2j], lo[2j+1]); odd depth padded with 0
//   JOB_ROW_SUMS   f32 per row: the scale of that row of x
//   JOB_WEIGHTS    s4 panels (gemv-s4.ts), `pairs * 16` bytes each
//   JOB_SCALE      group scales, per panel `[groups][16]` f32
//   JOB_ZERO_POINTS  pairs per group (s4 is symmetric: no zero points)
// and leaves the bias to finalizeColumns like the other dense jobs.
import { gemvS4Panel } from './gemv-s4';
import { finalizeColumns } from './finalize';

/**
 * Runs panels p0 .. p1-1 of every row of an s4 job (fields as read by job.ts, in the
 * meanings above), then adds the bias.
 */
export function runS4Panels(
  xq: usize,
  rows: i32,
  depth: i32,
  weights: usize,
  p0: i32,
  p1: i32,
  y: usize,
  yStride: usize,
  scales: usize,
  xScales: usize,
  groupPairs: i32,
  bias: usize,
): void {
  const pairs = (depth + 1) >> 1;
  const groups = (pairs + groupPairs - 1) / groupPairs;
  const panelBytes = <usize>pairs << 4;
  const scaleBytes = <usize>groups << 6;
  const xStride = <usize>pairs << 3;
  for (let p = p0; p < p1; p++) {
    const panel = weights + <usize>p * panelBytes;
    const panelScales = scales + <usize>p * scaleBytes;
    for (let m = 0; m < rows; m++) {
      const out = y + <usize>m * yStride + (<usize>p << 6);
      gemvS4Panel(xq + <usize>m * xStride, pairs, groupPairs, panel, panelScales, load<f32>(xScales + (<usize>m << 2)), out);
    }
  }
  finalizeColumns(rows, p0, p1, y, yStride, 0, bias, 0, 0);
}
