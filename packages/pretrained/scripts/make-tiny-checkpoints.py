#!/usr/bin/env python3
"""Writes the tiny random checkpoints of fixtures/tiny-* and their expected outputs.

Each folder holds a Hugging Face layout (config.json, model.safetensors) and expected.json:
the inputs and the outputs of a float64 forward pass written by hand in PyTorch after
transformers' modeling_llama.py (LlamaForCausalLM), modeling_gpt2.py (GPT2LMHeadModel) and
modeling_bert.py (BertModel), plus a greedy continuation for the causal LMs.
The weights are stored as float32 and the reference computes in float64 from them.

Run with Debian's PyTorch (1.13): /usr/bin/python3 scripts/make-tiny-checkpoints.py
CI needs no Python: the outputs are committed.
"""
import json
import math
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures')


def write_safetensors(path, tensors):
    """The safetensors format by hand: u64 header length, JSON header, F32 data in order."""
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':'))
    text += ' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as file:
        file.write(struct.pack('<Q', len(text)))
        file.write(text.encode('utf-8'))
        for chunk in chunks:
            file.write(chunk)


def save(name, config, tensors, expected):
    folder = os.path.join(FIXTURES, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'config.json'), 'w') as file:
        json.dump(config, file, indent=2)
        file.write('\n')
    write_safetensors(os.path.join(folder, 'model.safetensors'), tensors)
    with open(os.path.join(folder, 'expected.json'), 'w') as file:
        json.dump(expected, file, separators=(',', ':'))
        file.write('\n')


def rounded(tensor):
    return [round(float(v), 7) for v in tensor.reshape(-1).tolist()]


def weights(generator, shape, scale):
    return (torch.randn(*shape, generator=generator) * scale).to(torch.float32)


def f64(tensors):
    return {name: tensor.to(torch.float64) for name, tensor in tensors.items()}


def linear(x, weight, bias=None):
    """torch.nn.Linear: x @ weight.T + bias, weight [out, in]."""
    y = x @ weight.T
    return y if bias is None else y + bias


def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdim=True)
    variance = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(variance + eps) * weight + bias


def softmax_attention(q, k, v, mask_add):
    """q [b, heads, t, d], k/v [b, heads, s, d], additive mask broadcast to [b, heads, t, s]."""
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + mask_add
    return torch.softmax(scores, dim=-1) @ v


def heads_of(x, heads):
    b, t, width = x.shape
    return x.view(b, t, heads, width // heads).transpose(1, 2)


def merge_heads(x):
    b, heads, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, heads * d)


def causal_mask(t):
    return torch.triu(torch.full((t, t), float('-inf'), dtype=torch.float64), diagonal=1)


def greedy(forward, ids, steps):
    """Greedy continuation of row 0 by recomputing the whole sequence, with the top-2 margins."""
    tokens, margins = list(ids), []
    for _ in range(steps):
        logits = forward(torch.tensor([tokens]))[0, -1]
        top = torch.topk(logits, 2).values
        margins.append(float(top[0] - top[1]))
        tokens.append(int(torch.argmax(logits)))
    return tokens[len(ids):], min(margins)


# ---------------------------------------------------------------- LLaMA (modeling_llama.py)
# qwen2=True: Qwen2ForCausalLM (modeling_qwen2.py), a LLaMA with biases on q/k/v; here tied.
def make_llama(qwen2=False):
    g = torch.Generator().manual_seed(42 if qwen2 else 24)
    hidden, inner, layers, heads, kv_heads, vocab, theta, eps = 16, 40, 2, 4, 2, 64, 10000.0, 1e-5
    head_dim = hidden // heads
    config = {
        'architectures': ['Qwen2ForCausalLM' if qwen2 else 'LlamaForCausalLM'], 'model_type': 'qwen2' if qwen2 else 'llama',
        'hidden_size': hidden, 'intermediate_size': inner,
        'num_hidden_layers': layers, 'num_attention_heads': heads, 'num_key_value_heads': kv_heads, 'vocab_size': vocab,
        'max_position_embeddings': 64, 'rms_norm_eps': eps, 'rope_theta': theta, 'tie_word_embeddings': qwen2,
        'hidden_act': 'silu', 'bos_token_id': 1, 'eos_token_id': 2, 'torch_dtype': 'float32',
    }
    if qwen2:
        config['use_sliding_window'] = False
    t = {'model.embed_tokens.weight': weights(g, (vocab, hidden), 1.0)}
    for l in range(layers):
        p = f'model.layers.{l}'
        t[f'{p}.input_layernorm.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.self_attn.q_proj.weight'] = weights(g, (heads * head_dim, hidden), 0.4)
        t[f'{p}.self_attn.k_proj.weight'] = weights(g, (kv_heads * head_dim, hidden), 0.4)
        t[f'{p}.self_attn.v_proj.weight'] = weights(g, (kv_heads * head_dim, hidden), 0.4)
        if qwen2:
            t[f'{p}.self_attn.q_proj.bias'] = weights(g, (heads * head_dim,), 0.3)
            t[f'{p}.self_attn.k_proj.bias'] = weights(g, (kv_heads * head_dim,), 0.3)
            t[f'{p}.self_attn.v_proj.bias'] = weights(g, (kv_heads * head_dim,), 0.3)
        t[f'{p}.self_attn.o_proj.weight'] = weights(g, (hidden, heads * head_dim), 0.4)
        t[f'{p}.post_attention_layernorm.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.mlp.gate_proj.weight'] = weights(g, (inner, hidden), 0.3)
        t[f'{p}.mlp.up_proj.weight'] = weights(g, (inner, hidden), 0.3)
        t[f'{p}.mlp.down_proj.weight'] = weights(g, (hidden, inner), 0.3)
    t['model.norm.weight'] = 1 + weights(g, (hidden,), 0.2)
    if not qwen2:
        t['lm_head.weight'] = weights(g, (vocab, hidden), 0.5)
    w = f64(t)
    head = w['model.embed_tokens.weight'] if qwen2 else w['lm_head.weight']
    bias = (lambda name: w[name]) if qwen2 else (lambda name: None)

    def rms_norm(x, weight):
        return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * weight

    def rotate_half(x):
        half = x.shape[-1] // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)

    def forward(ids):
        b, n = ids.shape
        x = w['model.embed_tokens.weight'][ids]
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
        freqs = torch.arange(n, dtype=torch.float64)[:, None] * inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()
        for l in range(layers):
            p = f'model.layers.{l}'
            h = rms_norm(x, w[f'{p}.input_layernorm.weight'])
            q = heads_of(linear(h, w[f'{p}.self_attn.q_proj.weight'], bias(f'{p}.self_attn.q_proj.bias')), heads)
            k = heads_of(linear(h, w[f'{p}.self_attn.k_proj.weight'], bias(f'{p}.self_attn.k_proj.bias')), kv_heads)
            v = heads_of(linear(h, w[f'{p}.self_attn.v_proj.weight'], bias(f'{p}.self_attn.v_proj.bias')), kv_heads)
            q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
            # repeat_kv: query head i reads key/value head i // (heads / kv_heads).
            k, v = k.repeat_interleave(heads // kv_heads, dim=1), v.repeat_interleave(heads // kv_heads, dim=1)
            a = merge_heads(softmax_attention(q, k, v, causal_mask(n)))
            x = x + linear(a, w[f'{p}.self_attn.o_proj.weight'])
            h = rms_norm(x, w[f'{p}.post_attention_layernorm.weight'])
            gate = linear(h, w[f'{p}.mlp.gate_proj.weight'])
            x = x + linear(torch.nn.functional.silu(gate) * linear(h, w[f'{p}.mlp.up_proj.weight']), w[f'{p}.mlp.down_proj.weight'])
        return linear(rms_norm(x, w['model.norm.weight']), head)

    ids = [[1, 5, 9, 33, 2, 60, 17], [1, 40, 41, 42, 3, 0, 63]]
    continuation, margin = greedy(forward, ids[0], 6)
    save('tiny-qwen2' if qwen2 else 'tiny-llama', config, t, {
        'input_ids': ids, 'logits_shape': [2, 7, vocab], 'logits': rounded(forward(torch.tensor(ids))),
        'greedy_prompt': ids[0], 'greedy': continuation, 'greedy_min_margin': margin,
    })


# ---------------------------------------------------------------- GPT-2 (modeling_gpt2.py)
def make_gpt2():
    g = torch.Generator().manual_seed(2)
    hidden, layers, heads, vocab, positions, eps = 16, 2, 2, 64, 32, 1e-5
    inner = 4 * hidden
    config = {
        'architectures': ['GPT2LMHeadModel'], 'model_type': 'gpt2', 'n_embd': hidden, 'n_layer': layers, 'n_head': heads,
        'n_inner': None, 'vocab_size': vocab, 'n_positions': positions, 'n_ctx': positions, 'layer_norm_epsilon': eps,
        'activation_function': 'gelu_new', 'bos_token_id': 63, 'eos_token_id': 63, 'scale_attn_weights': True,
        'tie_word_embeddings': True,
    }
    # Saved like OpenAI's gpt2 on the Hub: GPT2Model names (no 'transformer.' prefix), the causal-mask buffers included.
    t = {'wte.weight': weights(g, (vocab, hidden), 1.0), 'wpe.weight': weights(g, (positions, hidden), 0.3)}
    for l in range(layers):
        p = f'h.{l}'
        t[f'{p}.ln_1.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.ln_1.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.attn.bias'] = torch.tril(torch.ones(positions, positions)).view(1, 1, positions, positions)
        # Conv1D: weight [in, out], y = x @ weight + bias.
        t[f'{p}.attn.c_attn.weight'] = weights(g, (hidden, 3 * hidden), 0.4)
        t[f'{p}.attn.c_attn.bias'] = weights(g, (3 * hidden,), 0.2)
        t[f'{p}.attn.c_proj.weight'] = weights(g, (hidden, hidden), 0.4)
        t[f'{p}.attn.c_proj.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.ln_2.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.ln_2.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.mlp.c_fc.weight'] = weights(g, (hidden, inner), 0.3)
        t[f'{p}.mlp.c_fc.bias'] = weights(g, (inner,), 0.2)
        t[f'{p}.mlp.c_proj.weight'] = weights(g, (inner, hidden), 0.3)
        t[f'{p}.mlp.c_proj.bias'] = weights(g, (hidden,), 0.2)
    t['ln_f.weight'] = 1 + weights(g, (hidden,), 0.2)
    t['ln_f.bias'] = weights(g, (hidden,), 0.2)
    w = f64(t)

    def gelu_new(x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))

    def forward(ids):
        b, n = ids.shape
        x = w['wte.weight'][ids] + w['wpe.weight'][torch.arange(n)]
        for l in range(layers):
            p = f'h.{l}'
            h = layer_norm(x, w[f'{p}.ln_1.weight'], w[f'{p}.ln_1.bias'], eps)
            qkv = h @ w[f'{p}.attn.c_attn.weight'] + w[f'{p}.attn.c_attn.bias']
            q, k, v = (heads_of(part, heads) for part in qkv.split(hidden, dim=2))
            a = merge_heads(softmax_attention(q, k, v, causal_mask(n)))
            x = x + a @ w[f'{p}.attn.c_proj.weight'] + w[f'{p}.attn.c_proj.bias']
            h = layer_norm(x, w[f'{p}.ln_2.weight'], w[f'{p}.ln_2.bias'], eps)
            m = gelu_new(h @ w[f'{p}.mlp.c_fc.weight'] + w[f'{p}.mlp.c_fc.bias'])
            x = x + m @ w[f'{p}.mlp.c_proj.weight'] + w[f'{p}.mlp.c_proj.bias']
        x = layer_norm(x, w['ln_f.weight'], w['ln_f.bias'], eps)
        return x @ w['wte.weight'].T  # tied head

    ids = [[10, 20, 30, 40, 50, 60], [1, 2, 3, 4, 5, 6]]
    continuation, margin = greedy(forward, ids[0], 6)
    save('tiny-gpt2', config, t, {
        'input_ids': ids, 'logits_shape': [2, 6, vocab], 'logits': rounded(forward(torch.tensor(ids))),
        'greedy_prompt': ids[0], 'greedy': continuation, 'greedy_min_margin': margin,
    })


# ---------------------------------------------------------------- BERT (modeling_bert.py)
def make_bert():
    g = torch.Generator().manual_seed(12)
    hidden, inner, layers, heads, vocab, positions, types, eps = 16, 32, 2, 2, 64, 32, 2, 1e-12
    config = {
        'architectures': ['BertModel'], 'model_type': 'bert', 'hidden_size': hidden, 'intermediate_size': inner,
        'num_hidden_layers': layers, 'num_attention_heads': heads, 'vocab_size': vocab, 'max_position_embeddings': positions,
        'type_vocab_size': types, 'layer_norm_eps': eps, 'hidden_act': 'gelu', 'position_embedding_type': 'absolute',
        'pad_token_id': 0,
    }
    # Saved with the 'bert.' prefix (as BertForPreTraining checkpoints are), pooler included (not read).
    t = {
        'bert.embeddings.word_embeddings.weight': weights(g, (vocab, hidden), 1.0),
        'bert.embeddings.position_embeddings.weight': weights(g, (positions, hidden), 0.3),
        'bert.embeddings.token_type_embeddings.weight': weights(g, (types, hidden), 0.3),
        'bert.embeddings.LayerNorm.weight': 1 + weights(g, (hidden,), 0.2),
        'bert.embeddings.LayerNorm.bias': weights(g, (hidden,), 0.2),
    }
    for l in range(layers):
        p = f'bert.encoder.layer.{l}'
        for part in ('query', 'key', 'value'):
            t[f'{p}.attention.self.{part}.weight'] = weights(g, (hidden, hidden), 0.4)
            t[f'{p}.attention.self.{part}.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.attention.output.dense.weight'] = weights(g, (hidden, hidden), 0.4)
        t[f'{p}.attention.output.dense.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.attention.output.LayerNorm.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.attention.output.LayerNorm.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.intermediate.dense.weight'] = weights(g, (inner, hidden), 0.3)
        t[f'{p}.intermediate.dense.bias'] = weights(g, (inner,), 0.2)
        t[f'{p}.output.dense.weight'] = weights(g, (hidden, inner), 0.3)
        t[f'{p}.output.dense.bias'] = weights(g, (hidden,), 0.2)
        t[f'{p}.output.LayerNorm.weight'] = 1 + weights(g, (hidden,), 0.2)
        t[f'{p}.output.LayerNorm.bias'] = weights(g, (hidden,), 0.2)
    t['bert.pooler.dense.weight'] = weights(g, (hidden, hidden), 0.4)
    t['bert.pooler.dense.bias'] = weights(g, (hidden,), 0.2)
    w = f64(t)

    def forward(ids, token_types, mask):
        b, n = ids.shape
        p = 'bert.embeddings'
        x = w[f'{p}.word_embeddings.weight'][ids] + w[f'{p}.position_embeddings.weight'][torch.arange(n)] + w[f'{p}.token_type_embeddings.weight'][token_types]
        x = layer_norm(x, w[f'{p}.LayerNorm.weight'], w[f'{p}.LayerNorm.bias'], eps)
        # get_extended_attention_mask: (1 - mask) * finfo.min, added to every query's scores.
        mask_add = (1.0 - mask.to(torch.float64))[:, None, None, :] * torch.finfo(torch.float64).min
        for l in range(layers):
            p = f'bert.encoder.layer.{l}'
            q, k, v = (heads_of(linear(x, w[f'{p}.attention.self.{part}.weight'], w[f'{p}.attention.self.{part}.bias']), heads) for part in ('query', 'key', 'value'))
            a = merge_heads(softmax_attention(q, k, v, mask_add))
            h = layer_norm(x + linear(a, w[f'{p}.attention.output.dense.weight'], w[f'{p}.attention.output.dense.bias']),
                           w[f'{p}.attention.output.LayerNorm.weight'], w[f'{p}.attention.output.LayerNorm.bias'], eps)
            m = torch.nn.functional.gelu(linear(h, w[f'{p}.intermediate.dense.weight'], w[f'{p}.intermediate.dense.bias']))
            x = layer_norm(h + linear(m, w[f'{p}.output.dense.weight'], w[f'{p}.output.dense.bias']),
                           w[f'{p}.output.LayerNorm.weight'], w[f'{p}.output.LayerNorm.bias'], eps)
        return x

    ids = [[2, 17, 33, 48, 9, 3], [2, 40, 41, 3, 0, 0]]
    token_types = [[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 0, 0]]
    mask = [[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]
    hidden_state = forward(torch.tensor(ids), torch.tensor(token_types), torch.tensor(mask))
    # sentence-transformers' mean pooling: sum of the unmasked hidden states over their count.
    weight = torch.tensor(mask, dtype=torch.float64)[:, :, None]
    pooled = (hidden_state * weight).sum(1) / weight.sum(1).clamp(min=1e-9)
    save('tiny-bert', config, t, {
        'input_ids': ids, 'token_type_ids': token_types, 'attention_mask': mask, 'hidden_shape': [2, 6, hidden],
        'last_hidden_state': rounded(hidden_state), 'mean_pooled': rounded(pooled),
    })


if __name__ == '__main__':
    torch.set_grad_enabled(False)
    make_llama()
    make_llama(qwen2=True)
    make_gpt2()
    make_bert()
