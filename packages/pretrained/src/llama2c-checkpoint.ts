import type { ModelState } from '@qaxon/graph';
import { Tensor, type Backend } from '@qaxon/tensor';
import type { ByteSource } from './byte-source.js';
import { PretrainedError } from './errors.js';
import type { LlamaConfig } from './llama-config.js';
import { llamaWeightTargets } from './llama-weights.js';
import { StateAssembler, type LoadQuantizationReport, type QuantizeOnLoad } from './state-assembler.js';

/** Bytes of the llama2.c header: 7 int32. */
export const LLAMA2C_HEADER_BYTES = 28;

/**
 * Reads the 28-byte header of a llama2.c checkpoint (`dim, hidden_dim, n_layers, n_heads,
 * n_kv_heads, vocab_size, seq_len`, int32 little-endian; a negative `vocab_size` means an
 * untied classifier follows the weights) into a {@link LlamaConfig} with
 * `interleavedRope: true` (llama2.c rotates pairs `(2i, 2i + 1)`), theta 10000, epsilon
 * 1e-5, BOS 1 and EOS 2, as `run.c` has them.
 *
 * @example
 * ```ts
 * import { parseLlama2cHeader } from '@qaxon/pretrained';
 * const header = new Int32Array([64, 172, 5, 8, 4, 512, 512]);
 * console.log(parseLlama2cHeader(new Uint8Array(header.buffer)).kvHeads); // 4
 * ```
 */
export function parseLlama2cHeader(bytes: Uint8Array, where = 'llama2.c checkpoint'): LlamaConfig {
  if (bytes.length < LLAMA2C_HEADER_BYTES) {
    throw new PretrainedError(`${where}: truncated header: expected ${LLAMA2C_HEADER_BYTES} bytes (7 int32: dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len), got ${bytes.length}`, where);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, LLAMA2C_HEADER_BYTES);
  if (view.getUint32(0, true) === 0x616b3432) {
    throw new PretrainedError(`${where}: this is a llama2.c export of version 1 or later (magic 'ak42'); expected the legacy version 0 format (a header of 7 int32 and float32 weights)`, where);
  }
  const names = ['dim', 'hidden_dim', 'n_layers', 'n_heads', 'n_kv_heads', 'vocab_size', 'seq_len'] as const;
  const values = names.map((_, index) => view.getInt32(index * 4, true));
  const [dim, hidden, layers, heads, kvHeads, vocab, seqLen] = values as [number, number, number, number, number, number, number];
  names.forEach((name, index) => {
    const value = values[index]!;
    const valid = name === 'vocab_size' ? value !== 0 : value > 0;
    if (!valid) throw new PretrainedError(`${where}: expected header field ${name} (int32 at byte ${index * 4}) to be ${name === 'vocab_size' ? 'non-zero' : 'positive'}, got ${value}`, where);
  });
  if (dim % heads !== 0 || heads % kvHeads !== 0) {
    throw new PretrainedError(`${where}: expected n_heads (${heads}) to divide dim (${dim}) and n_kv_heads (${kvHeads}) to divide n_heads`, where);
  }
  return {
    modelType: 'llama',
    hiddenSize: dim,
    intermediateSize: hidden,
    layers,
    heads,
    kvHeads,
    headDim: dim / heads,
    vocabSize: Math.abs(vocab),
    maxPositions: seqLen,
    epsilon: 1e-5,
    theta: 10000,
    tiedEmbeddings: vocab > 0,
    interleavedRope: true,
    bosTokenId: 1,
    eosTokenId: 2,
  };
}

/**
 * What {@link readLlama2cCheckpoint} returns.
 *
 * @example
 * ```ts
 * import type { Llama2cCheckpoint } from '@qaxon/pretrained';
 * const layers = (checkpoint: Llama2cCheckpoint) => checkpoint.config.layers;
 * ```
 */
export interface Llama2cCheckpoint {
  /** The configuration from the header. */
  readonly config: LlamaConfig;
  /** The weights, as the state of `llamaGraph(config)`. */
  readonly state: ModelState;
  /** The quantization report, when quantized while loading. */
  readonly quantization: LoadQuantizationReport | undefined;
}

/** One array of the llama2.c weight stream: its name, per-layer count and per-layer shape. */
interface Llama2cArray {
  readonly name: string;
  /** Hugging Face tensor name of layer `l` (or of the model, for `perLayer: false`); undefined: skipped. */
  readonly target: ((layer: number) => string) | undefined;
  readonly perLayer: boolean;
  readonly shape: readonly number[];
}

function llama2cArrays(config: LlamaConfig): Llama2cArray[] {
  const { hiddenSize: dim, intermediateSize: hidden, vocabSize: vocab, headDim, heads, kvHeads, maxPositions } = config;
  const layer = (suffix: string) => (l: number) => `model.layers.${l}.${suffix}.weight`;
  const arrays: Llama2cArray[] = [
    { name: 'token_embedding_table', target: () => 'model.embed_tokens.weight', perLayer: false, shape: [vocab, dim] },
    { name: 'rms_att_weight', target: layer('input_layernorm'), perLayer: true, shape: [dim] },
    { name: 'wq', target: layer('self_attn.q_proj'), perLayer: true, shape: [heads * headDim, dim] },
    { name: 'wk', target: layer('self_attn.k_proj'), perLayer: true, shape: [kvHeads * headDim, dim] },
    { name: 'wv', target: layer('self_attn.v_proj'), perLayer: true, shape: [kvHeads * headDim, dim] },
    { name: 'wo', target: layer('self_attn.o_proj'), perLayer: true, shape: [dim, heads * headDim] },
    { name: 'rms_ffn_weight', target: layer('post_attention_layernorm'), perLayer: true, shape: [dim] },
    { name: 'w1', target: layer('mlp.gate_proj'), perLayer: true, shape: [hidden, dim] },
    { name: 'w2', target: layer('mlp.down_proj'), perLayer: true, shape: [dim, hidden] },
    { name: 'w3', target: layer('mlp.up_proj'), perLayer: true, shape: [hidden, dim] },
    { name: 'rms_final_weight', target: () => 'model.norm.weight', perLayer: false, shape: [dim] },
    { name: 'freq_cis_real', target: undefined, perLayer: false, shape: [maxPositions, headDim / 2] },
    { name: 'freq_cis_imag', target: undefined, perLayer: false, shape: [maxPositions, headDim / 2] },
  ];
  if (!config.tiedEmbeddings) arrays.push({ name: 'wcls', target: () => 'lm_head.weight', perLayer: false, shape: [vocab, dim] });
  return arrays;
}

/**
 * Bytes a llama2.c (version 0) checkpoint of this configuration takes: header and weights.
 *
 * @example
 * ```ts
 * import { llama2cFileSize, parseLlama2cHeader } from '@qaxon/pretrained';
 * const config = parseLlama2cHeader(new Uint8Array(new Int32Array([64, 172, 5, 8, 4, 512, 512]).buffer));
 * console.log(llama2cFileSize(config)); // 1056540 (stories260K.bin)
 * ```
 */
export function llama2cFileSize(config: LlamaConfig): number {
  let floats = 0;
  for (const array of llama2cArrays(config)) floats += (array.perLayer ? config.layers : 1) * array.shape.reduce((a, b) => a * b, 1);
  return LLAMA2C_HEADER_BYTES + 4 * floats;
}

/**
 * Reads a llama2.c checkpoint (Karpathy's `run.c` format, version 0: the header, then the
 * float32 weights in `run.c`'s order) one weight at a time into the state of
 * `llamaGraph(config)`: `wq, wk, wv, wo, w1 (gate), w2 (down), w3 (up)` are PyTorch
 * `[out, in]` matrices, transposed to dense kernels; q and k keep llama2.c's interleaved
 * RoPE layout, and the config says `interleavedRope: true`. The stored RoPE tables are
 * skipped (the graph computes them). A file of the wrong size is an error naming the array
 * and byte offset that are cut off, or the extra bytes.
 *
 * @example
 * ```ts
 * import { bytesSource, readLlama2cCheckpoint } from '@qaxon/pretrained';
 * declare const bytes: Uint8Array; // the contents of stories260K.bin
 * const { config, state } = await readLlama2cCheckpoint(bytesSource(bytes, 'stories260K.bin'), { quantize: true });
 * ```
 */
export async function readLlama2cCheckpoint(
  source: ByteSource,
  options: { quantize?: QuantizeOnLoad; backend?: Backend } = {},
): Promise<Llama2cCheckpoint> {
  const config = parseLlama2cHeader(await source.read(0, Math.min(LLAMA2C_HEADER_BYTES, source.size)), source.name);
  const assembler = new StateAssembler(llamaWeightTargets(config), options.quantize ?? false, source.name, undefined, options.backend);
  try {
    return await readLlama2cWeights(source, config, assembler);
  } catch (error) {
    assembler.release();
    throw error;
  }
}

async function readLlama2cWeights(source: ByteSource, config: LlamaConfig, assembler: StateAssembler): Promise<Llama2cCheckpoint> {
  const expectedSize = llama2cFileSize(config);
  let offset = LLAMA2C_HEADER_BYTES;
  for (const array of llama2cArrays(config)) {
    const count = array.shape.reduce((a, b) => a * b, 1);
    for (let layer = 0; layer < (array.perLayer ? config.layers : 1); layer++) {
      const label = array.perLayer ? `'${array.name}' of layer ${layer}` : `'${array.name}'`;
      if (offset + count * 4 > source.size) {
        throw new PretrainedError(
          `${source.name}: truncated file: expected ${expectedSize} bytes for this header, got ${source.size}; array ${label} [${array.shape.join(', ')}] at byte ${offset} is cut off`,
          source.name,
        );
      }
      if (array.target !== undefined) {
        const bytes = await source.read(offset, count * 4);
        const floats = new Float32Array(count);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (let i = 0; i < count; i++) floats[i] = view.getFloat32(i * 4, true);
        assembler.accept(array.target(layer), new Tensor(floats, [...array.shape], 'f32'), source.name);
      }
      offset += count * 4;
    }
  }
  if (source.size !== expectedSize) {
    throw new PretrainedError(`${source.name}: expected ${expectedSize} bytes for this header, got ${source.size} (${source.size - expectedSize} bytes after the last weight)`, source.name);
  }
  const { state, report } = assembler.finish();
  return { config, state, quantization: report };
}
