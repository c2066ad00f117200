// Writes a synthetic checkpoint with TinyLlama-1.1B's shapes (hidden 2048, intermediate 5632,
// 22 layers, 32 heads, 4 key/value heads, vocab 32000, untied head) in the Hugging Face
// layout: config.json, two F16 safetensors shards and model.safetensors.index.json (about
// 2.2 GB). Weights are random with a trained model's scale: projections and embeddings
// N(0, 0.02), norms 1 + N(0, 0.02). Used by tinyllama.mjs; never committed.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const TINYLLAMA_CONFIG = Object.freeze({
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: 2048,
  intermediate_size: 5632,
  num_hidden_layers: 22,
  num_attention_heads: 32,
  num_key_value_heads: 4,
  vocab_size: 32000,
  max_position_embeddings: 2048,
  rms_norm_eps: 1e-5,
  rope_theta: 10000,
  rope_scaling: null,
  tie_word_embeddings: false,
  hidden_act: 'silu',
  bos_token_id: 1,
  eos_token_id: 2,
  torch_dtype: 'float16',
});

/** The tensors of the checkpoint in file order, with the shard each goes to (layers 0-10 and the embedding in the first). */
export function tinyllamaTensors(config = TINYLLAMA_CONFIG) {
  const { hidden_size: hidden, intermediate_size: inter, num_hidden_layers: layers, vocab_size: vocab } = config;
  const kv = (hidden / config.num_attention_heads) * config.num_key_value_heads;
  const tensors = [{ name: 'model.embed_tokens.weight', shape: [vocab, hidden], kind: 'matrix', shard: 0 }];
  for (let layer = 0; layer < layers; layer++) {
    const shard = layer < layers / 2 ? 0 : 1;
    const prefix = `model.layers.${layer}`;
    tensors.push(
      { name: `${prefix}.input_layernorm.weight`, shape: [hidden], kind: 'norm', shard },
      { name: `${prefix}.self_attn.q_proj.weight`, shape: [hidden, hidden], kind: 'matrix', shard },
      { name: `${prefix}.self_attn.k_proj.weight`, shape: [kv, hidden], kind: 'matrix', shard },
      { name: `${prefix}.self_attn.v_proj.weight`, shape: [kv, hidden], kind: 'matrix', shard },
      { name: `${prefix}.self_attn.o_proj.weight`, shape: [hidden, hidden], kind: 'matrix', shard },
      { name: `${prefix}.post_attention_layernorm.weight`, shape: [hidden], kind: 'norm', shard },
      { name: `${prefix}.mlp.gate_proj.weight`, shape: [inter, hidden], kind: 'matrix', shard },
      { name: `${prefix}.mlp.up_proj.weight`, shape: [inter, hidden], kind: 'matrix', shard },
      { name: `${prefix}.mlp.down_proj.weight`, shape: [hidden, inter], kind: 'matrix', shard },
    );
  }
  tensors.push({ name: 'model.norm.weight', shape: [hidden], kind: 'norm', shard: 1 }, { name: 'lm_head.weight', shape: [vocab, hidden], kind: 'matrix', shard: 1 });
  return tensors;
}

/** float32 -> IEEE half bits, rounding to nearest (subnormals included; the values here are far from overflow). */
function toHalfBits(value) {
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -14) return sign | Math.round(magnitude / 2 ** -24);
  let exponent = Math.floor(Math.log2(magnitude));
  let mantissa = Math.round((magnitude / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent += 1;
  }
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** 4096 half values drawn from N(mean, std) (Box-Muller on a fixed generator): the fill picks among them at random. */
function halfTable(mean, std, seed) {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 2 ** 32;
  };
  const table = new Uint16Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = toHalfBits(mean + std * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
  return table;
}

const CHUNK = 1 << 24;

function writeTensor(fd, count, table, seed) {
  const chunk = new Uint16Array(Math.min(CHUNK, count));
  let state = seed >>> 0 || 1;
  for (let done = 0; done < count; done += chunk.length) {
    const size = Math.min(chunk.length, count - done);
    for (let i = 0; i < size; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk[i] = table[state >>> 20];
    }
    writeSync(fd, new Uint8Array(chunk.buffer, 0, size * 2));
  }
}

/**
 * Writes the checkpoint into `folder` unless it is already complete there (the index is
 * written last, and the shards' sizes are checked). Returns the folder's byte count.
 */
export function ensureSyntheticTinyllama(folder, log = () => {}) {
  const tensors = tinyllamaTensors();
  const shards = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
  const headers = shards.map(() => ({}));
  const sizes = shards.map(() => 0);
  for (const tensor of tensors) {
    const bytes = tensor.shape.reduce((a, b) => a * b, 1) * 2;
    headers[tensor.shard][tensor.name] = { dtype: 'F16', shape: tensor.shape, data_offsets: [sizes[tensor.shard], sizes[tensor.shard] + bytes] };
    sizes[tensor.shard] += bytes;
  }
  const encoded = headers.map((header) => {
    const json = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' }, ...header }));
    return Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)]);
  });
  const fileSizes = shards.map((_, shard) => 8 + encoded[shard].length + sizes[shard]);
  const indexPath = join(folder, 'model.safetensors.index.json');
  const complete = existsSync(indexPath) && shards.every((shard, index) => existsSync(join(folder, shard)) && statSync(join(folder, shard)).size === fileSizes[index]);
  if (complete) return fileSizes.reduce((a, b) => a + b, 0);
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const tables = { matrix: halfTable(0, 0.02, 7), norm: halfTable(1, 0.02, 11) };
  for (const [shard, file] of shards.entries()) {
    const partial = join(folder, `${file}.partial`);
    const fd = openSync(partial, 'w');
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(encoded[shard].length));
    writeSync(fd, length);
    writeSync(fd, encoded[shard]);
    tensors.forEach((tensor, index) => {
      if (tensor.shard === shard) writeTensor(fd, tensor.shape.reduce((a, b) => a * b, 1), tables[tensor.kind], 0x9e3779b9 ^ (index * 2654435761));
    });
    closeSync(fd);
    renameSync(partial, join(folder, file));
  }
  writeFileSync(join(folder, 'config.json'), `${JSON.stringify(TINYLLAMA_CONFIG, null, 2)}\n`);
  const weightMap = Object.fromEntries(tensors.map((tensor) => [tensor.name, shards[tensor.shard]]));
  const total = fileSizes.reduce((a, b) => a + b, 0);
  writeFileSync(indexPath, `${JSON.stringify({ metadata: { total_size: sizes[0] + sizes[1] }, weight_map: weightMap }, null, 2)}\n`);
  log(`wrote ${(total / 1e9).toFixed(2)} GB to ${folder} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return total;
}
