import { describe, expect, it } from 'vitest';
import { encodeVarint, ProtobufWriter } from './protobuf-writer.js';

describe('encodeVarint', () => {
  it('writes the examples of the protobuf encoding guide', () => {
    expect([...encodeVarint(0)]).toEqual([0]);
    expect([...encodeVarint(1)]).toEqual([1]);
    expect([...encodeVarint(150)]).toEqual([0x96, 0x01]);
    expect([...encodeVarint(300)]).toEqual([0xac, 0x02]);
  });

  it('writes negative numbers as 10-byte two\'s complement', () => {
    expect([...encodeVarint(-1)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(encodeVarint(-1n)).toEqual(encodeVarint(-1));
  });

  it('refuses values that are not safe integers', () => {
    expect(() => encodeVarint(1.5)).toThrow(/expected a safe integer, got 1.5/);
    expect(() => encodeVarint(1n << 64n)).toThrow(/fits 64 bits/);
  });
});

describe('ProtobufWriter', () => {
  it('writes keys, floats, strings and nested messages', () => {
    const bytes = new ProtobufWriter()
      .varint(1, 150)
      .float(2, 1)
      .string(3, 'hi')
      .message(4, (inner) => inner.varint(1, 1))
      .finish();
    expect([...bytes]).toEqual([0x08, 0x96, 0x01, 0x15, 0, 0, 0x80, 0x3f, 0x1a, 2, 0x68, 0x69, 0x22, 2, 0x08, 1]);
  });

  it('refuses field number 0', () => {
    expect(() => new ProtobufWriter().varint(0, 1)).toThrow(/field number in 1..2\^29-1, got 0/);
  });
});
