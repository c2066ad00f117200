/** A texture's `toArray()` (a `Float32Array`, or nested rows of them) as one flat array of `length`. */
export function flattenTextureArray(value: unknown, length: number): Float32Array {
  if (value instanceof Float32Array) return value.length === length ? value : value.slice(0, length);
  const out = new Float32Array(length);
  let offset = 0;
  const visit = (part: unknown): void => {
    if (offset >= length) return;
    if (part instanceof Float32Array) {
      const take = Math.min(part.length, length - offset);
      out.set(take === part.length ? part : part.subarray(0, take), offset);
      offset += take;
      return;
    }
    if (Array.isArray(part)) for (const item of part) visit(item);
  };
  visit(value);
  return out;
}
