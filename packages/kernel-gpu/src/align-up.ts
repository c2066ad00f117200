/** `value` rounded up to a multiple of `multiple` (the padded lengths of the buffer-mode programs). */
export function alignUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
