/**
 * Decodes base64 text to bytes with `atob` (present in browsers and in Node >= 16), so the
 * embedded WebAssembly binaries load anywhere without `Buffer`.
 *
 * @example
 * ```text
 * decodeBase64('AGFzbQ=='); // Uint8Array [0, 97, 115, 109]
 * ```
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
