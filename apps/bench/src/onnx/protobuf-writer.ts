/**
 * A minimal protocol-buffers writer: just the wire types the ONNX model files need
 * (varint, 32-bit float, length-delimited). Fields are written in the order they are added.
 *
 * Wire format reminder: every field is a key `(fieldNumber << 3) | wireType` written as a
 * varint, followed by the value. Wire type 0 is a varint, 2 is length-delimited (strings,
 * bytes, embedded messages), 5 is a little-endian 32-bit value (float).
 *
 * @example
 * ```ts
 * const bytes = new ProtobufWriter().varint(1, 150).finish();
 * console.log([...bytes]); // [8, 150, 1]
 * ```
 */
export class ProtobufWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  /** Writes field `field` as a varint (wire type 0). Negative values use 10-byte two's complement, as int64 does. */
  varint(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.raw(encodeVarint(value));
    return this;
  }

  /** Writes field `field` as a little-endian float32 (wire type 5). */
  float(field: number, value: number): this {
    this.key(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.raw(bytes);
    return this;
  }

  /** Writes field `field` as UTF-8 text (wire type 2). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Writes field `field` as raw bytes (wire type 2). */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.raw(encodeVarint(value.length));
    this.raw(value);
    return this;
  }

  /** Writes field `field` as an embedded message (wire type 2), built by `build` on a fresh writer. */
  message(field: number, build: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** The bytes written so far, as one array. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private key(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 536_870_911) {
      throw new RangeError(`ProtobufWriter: expected a field number in 1..2^29-1, got ${field}`);
    }
    this.raw(encodeVarint(field * 8 + wireType));
  }

  private raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
}

/**
 * Encodes an integer as a protobuf varint: 7 bits per byte, low bits first, the high bit
 * set on every byte but the last. Negative numbers are written as 64-bit two's complement
 * (10 bytes), as protobuf does for `int64` and `int32`.
 *
 * @example
 * ```ts
 * console.log([...encodeVarint(300)]); // [172, 2]
 * console.log(encodeVarint(-1).length); // 10
 * ```
 */
export function encodeVarint(value: number | bigint): Uint8Array {
  let remaining = typeof value === 'bigint' ? value : BigInt(checkedInteger(value));
  if (remaining < 0n) remaining += 1n << 64n;
  if (remaining >= 1n << 64n) throw new RangeError(`encodeVarint: expected a value that fits 64 bits, got ${value}`);
  const bytes: number[] = [];
  do {
    let byte = Number(remaining & 0x7fn);
    remaining >>= 7n;
    if (remaining !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (remaining !== 0n);
  return Uint8Array.from(bytes);
}

function checkedInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`encodeVarint: expected a safe integer, got ${value}`);
  return value;
}
