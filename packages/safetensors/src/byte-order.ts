/**
 * True on little-endian platforms (every mainstream JavaScript engine today). Safetensors
 * data is little-endian, so typed-array views over the file are only taken where this
 * holds; elsewhere the bytes are decoded with a `DataView`.
 *
 * @internal
 */
export const PLATFORM_IS_LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
