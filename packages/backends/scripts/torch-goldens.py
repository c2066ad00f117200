#!/usr/bin/python3
"""PyTorch golden fixtures for qaxon's transformer layers (issue #19).

Writes packages/backends/fixtures/{llama-block,bert-block,ops}.{safetensors,json}: small
but real-shaped blocks and single ops computed by PyTorch, with their weights (under the
Hugging Face names, PyTorch Linear layout [out, in]), inputs and expected outputs. The
fixtures are committed, so the tests (src/transformer-goldens/) need no Python.

Rerun (Debian's python3-torch 1.13; the system Python, not a virtualenv one):

    cd packages/backends && /usr/bin/python3 scripts/torch-goldens.py

The output is deterministic for a given PyTorch build (fixed seed, float64 compute).

How the expected outputs are computed:
- LLaMA decoder block: written here after Hugging Face's modeling_llama.py (LlamaRMSNorm,
  rotate_half RoPE with inv_freq = theta^(-2i/d), repeat_kv for grouped-query attention,
  causal softmax attention with a KV cache, SiLU-gated MLP, two residuals), and a variant
  with Meta's interleaved RoPE (pairs (2i, 2i+1), as llama/model.py's apply_rotary_emb
  does with complex numbers).
- BERT encoder block: torch.nn.TransformerEncoderLayer(activation='gelu', norm_first=False,
  layer_norm_eps=1e-12, batch_first=True) with src_key_padding_mask, its weights renamed to
  BERT's (in_proj split into query/key/value, out_proj -> attention.output.dense, linear1 ->
  intermediate.dense, linear2 -> output.dense, norm1 -> attention.output.LayerNorm, norm2 ->
  output.LayerNorm). It is checked here against a hand-written BERT layer.
- Ops: rope (both conventions, partial rotary, per-batch positions), attention (GQA, causal
  with a cache offset, padding) against softmax(Q K^T * scale + mask) V, gelu (erf and tanh),
  silu, rmsNorm, layerNorm (with and without bias), softmax/logSoftmax on a middle axis.

Every golden is computed in float64 (the oracle) and stored as float32; the JSON records,
per output, how far PyTorch's own float32 run lands from it ("torchFloat32MaxAbsError"), the
float32 noise floor a backend is compared against.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

SEED = 19
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")


# --- safetensors, written by hand: u64 LE header length, JSON header, raw LE data ----------

def write_safetensors(path, tensors, metadata):
    """tensors: ordered list of (name, numpy array of float32 or int32)."""
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    blobs = []
    offset = 0
    for name, array in tensors:
        if array.dtype == np.float32:
            dtype = "F32"
        elif array.dtype == np.int32:
            dtype = "I32"
        else:
            raise TypeError(f"{name}: expected float32 or int32, got {array.dtype}")
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


class Fixture:
    """Collects tensors and a JSON description of one fixture file."""

    def __init__(self, name):
        self.name = name
        self.tensors = []
        self.names = set()
        self.json = {}

    def add(self, name, value):
        if name in self.names:
            raise ValueError(f"{self.name}: tensor {name} written twice")
        self.names.add(name)
        array = value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else np.asarray(value)
        if array.dtype in (np.float64, np.float32):
            array = array.astype(np.float32)
        elif array.dtype in (np.int64, np.int32, np.bool_):
            array = array.astype(np.int32)
        self.tensors.append((name, array))
        return name

    def write(self):
        write_safetensors(os.path.join(OUT, f"{self.name}.safetensors"), self.tensors, {"format": "qaxon-golden", "generator": "scripts/torch-goldens.py"})
        with open(os.path.join(OUT, f"{self.name}.json"), "w") as f:
            json.dump(self.json, f, indent=2)
            f.write("\n")


def max_abs(a, b):
    return float((a.double() - b.double()).abs().max())


def f32_error(fn, inputs64):
    """Max abs difference between fn run in float32 and in float64, for every output."""
    out64 = fn(*[t for t in inputs64])
    out32 = fn(*[t.float() if t.is_floating_point() else t for t in inputs64])
    if isinstance(out64, torch.Tensor):
        return max_abs(out64, out32)
    return [max_abs(a, b) for a, b in zip(out64, out32)]


# --- LLaMA decoder block, after Hugging Face's modeling_llama.py -------------------------

def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2 :]
    return torch.cat((-x2, x1), dim=-1)


def rope_cos_sin(positions, dim, theta, dtype):
    """positions [batch, seq] -> cos, sin [batch, seq, dim] (HF: emb = cat(freqs, freqs))."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
    freqs = positions.to(torch.float64)[..., None] * inv_freq
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def apply_rope_hf(x, positions, theta, rotary_dim=None):
    """x [batch, heads, seq, headDim]; HF rotate_half over the first rotary_dim entries."""
    head_dim = x.shape[-1]
    rotary_dim = rotary_dim or head_dim
    cos, sin = rope_cos_sin(positions, rotary_dim, theta, x.dtype)
    cos, sin = cos[:, None], sin[:, None]
    rot, rest = x[..., :rotary_dim], x[..., rotary_dim:]
    rot = rot * cos + rotate_half(rot) * sin
    return torch.cat((rot, rest), dim=-1)


def apply_rope_interleaved(x, positions, theta):
    """x [batch, heads, seq, headDim]; Meta's apply_rotary_emb: pairs (2i, 2i+1) as complex numbers."""
    head_dim = x.shape[-1]
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
    angles = positions.to(torch.float64)[..., None] * inv_freq  # [batch, seq, headDim/2]
    rotation = torch.polar(torch.ones_like(angles), angles)[:, None]  # [batch, 1, seq, headDim/2]
    complex_dtype = torch.complex128 if x.dtype == torch.float64 else torch.complex64
    xc = torch.view_as_complex(x.reshape(*x.shape[:-1], head_dim // 2, 2).contiguous())
    out = torch.view_as_real(xc * rotation.to(complex_dtype))
    return out.reshape(x.shape)


def repeat_kv(hidden_states, n_rep):
    batch, kv_heads, slen, head_dim = hidden_states.shape
    if n_rep == 1:
        return hidden_states
    hidden_states = hidden_states[:, :, None, :, :].expand(batch, kv_heads, n_rep, slen, head_dim)
    return hidden_states.reshape(batch, kv_heads * n_rep, slen, head_dim)


def llama_block(w, cfg, x, positions, past_key=None, past_value=None, interleaved=False):
    """One LlamaDecoderLayer. x [batch, seq, hidden]; positions [batch, seq];
    past_key/value [batch, past, kvHeads*headDim] (after RoPE), as qaxon holds the cache.
    Returns (output, present key, present value), the cache in qaxon's layout."""
    batch, seq, hidden = x.shape
    heads, kv_heads, head_dim = cfg["heads"], cfg["kvHeads"], cfg["headDim"]
    p = cfg["prefix"]
    W = lambda name: w[f"{p}.{name}.weight"].to(x.dtype)
    residual = x
    h = rms_norm(x, W("input_layernorm"), cfg["epsilon"])
    q = F.linear(h, W("self_attn.q_proj")).view(batch, seq, heads, head_dim).transpose(1, 2)
    k = F.linear(h, W("self_attn.k_proj")).view(batch, seq, kv_heads, head_dim).transpose(1, 2)
    v = F.linear(h, W("self_attn.v_proj")).view(batch, seq, kv_heads, head_dim).transpose(1, 2)
    if interleaved:
        q, k = apply_rope_interleaved(q, positions, cfg["theta"]), apply_rope_interleaved(k, positions, cfg["theta"])
    else:
        q, k = apply_rope_hf(q, positions, cfg["theta"]), apply_rope_hf(k, positions, cfg["theta"])
    if past_key is not None:
        past = past_key.shape[1]
        k = torch.cat((past_key.to(x.dtype).view(batch, past, kv_heads, head_dim).transpose(1, 2), k), dim=2)
        v = torch.cat((past_value.to(x.dtype).view(batch, past, kv_heads, head_dim).transpose(1, 2), v), dim=2)
    keys = k.shape[2]
    present_key = k.transpose(1, 2).reshape(batch, keys, kv_heads * head_dim)
    present_value = v.transpose(1, 2).reshape(batch, keys, kv_heads * head_dim)
    k_rep, v_rep = repeat_kv(k, heads // kv_heads), repeat_kv(v, heads // kv_heads)
    scores = torch.matmul(q, k_rep.transpose(2, 3)) / math.sqrt(head_dim)
    # Causal with a cache: query i sits at position keys - seq + i.
    allowed = torch.arange(keys)[None, :] <= (keys - seq + torch.arange(seq))[:, None]
    scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
    probs = torch.softmax(scores, dim=-1)
    attn = torch.matmul(probs, v_rep).transpose(1, 2).reshape(batch, seq, hidden)
    x = residual + F.linear(attn, W("self_attn.o_proj"))
    residual = x
    h = rms_norm(x, W("post_attention_layernorm"), cfg["epsilon"])
    mlp = F.linear(F.silu(F.linear(h, W("mlp.gate_proj"))) * F.linear(h, W("mlp.up_proj")), W("mlp.down_proj"))
    return residual + mlp, present_key, present_value


def llama_fixture(gen):
    cfg = {
        "prefix": "model.layers.0",
        "hidden": 64,
        "heads": 4,
        "kvHeads": 2,
        "headDim": 16,
        "intermediate": 172,
        "epsilon": 1e-5,
        "theta": 10000.0,
        "batch": 2,
        "tokens": 7,
    }
    p, hidden, inter = cfg["prefix"], cfg["hidden"], cfg["intermediate"]
    kv = cfg["kvHeads"] * cfg["headDim"]
    normal = lambda shape, std: torch.randn(*shape, generator=gen, dtype=torch.float64) * std
    # Realistic scales: projections like an initialized/trained small model, norm gains near 1.
    w = {
        f"{p}.input_layernorm.weight": 1.0 + normal([hidden], 0.1),
        f"{p}.self_attn.q_proj.weight": normal([hidden, hidden], 0.1),
        f"{p}.self_attn.k_proj.weight": normal([kv, hidden], 0.1),
        f"{p}.self_attn.v_proj.weight": normal([kv, hidden], 0.1),
        f"{p}.self_attn.o_proj.weight": normal([hidden, hidden], 0.1),
        f"{p}.post_attention_layernorm.weight": 1.0 + normal([hidden], 0.1),
        f"{p}.mlp.gate_proj.weight": normal([inter, hidden], 0.08),
        f"{p}.mlp.up_proj.weight": normal([inter, hidden], 0.08),
        f"{p}.mlp.down_proj.weight": normal([hidden, inter], 0.06),
    }
    # Round the weights to float32 first: the float64 oracle then runs on exactly the stored weights.
    w = {k: v.float().double() for k, v in w.items()}
    fx = Fixture("llama-block")
    for name, value in w.items():
        fx.add(name, value)
    batch, tokens = cfg["batch"], cfg["tokens"]
    cases = {}

    def case(name, description, x, positions, interleaved=False, past=None, compare_full=None, theta=None):
        c = dict(cfg, theta=theta or cfg["theta"])
        x = x.float().double()
        inputs = {"hidden": fx.add(f"{name}.input.hidden", x), "positions": fx.add(f"{name}.input.positions", positions)}
        past64 = past32 = (None, None)
        if past is not None:
            past64 = tuple(t.float().double() for t in past)
            past32 = tuple(t.float() for t in past)
            inputs["pastKey"] = fx.add(f"{name}.input.past_key", past64[0])
            inputs["pastValue"] = fx.add(f"{name}.input.past_value", past64[1])
        out, key, value = llama_block(w, c, x, positions, *past64, interleaved)
        w32 = {k: v.float() for k, v in w.items()}
        out32, key32, value32 = llama_block(w32, c, x.float(), positions, *past32, interleaved)
        cases[name] = {
            "description": description,
            "interleaved": interleaved,
            "theta": c["theta"],
            "inputs": inputs,
            "expected": {
                "output": fx.add(f"{name}.expected.output", out),
                "key": fx.add(f"{name}.expected.key", key),
                "value": fx.add(f"{name}.expected.value", value),
            },
            "torchFloat32MaxAbsError": {"output": max_abs(out, out32), "key": max_abs(key, key32), "value": max_abs(value, value32)},
            "branchToResidualRms": float((out - x).pow(2).mean().sqrt() / x.pow(2).mean().sqrt()),
        }
        if compare_full is not None:
            # The cached step must equal the last rows of the full-sequence run (up to the cache rounded to f32).
            gap = max_abs(compare_full, out)
            assert gap < 1e-6, f"{name}: cached decode step differs from the full run by {gap}"
        return out, key, value

    x = torch.randn(batch, tokens, hidden, generator=gen, dtype=torch.float64)
    positions = torch.arange(tokens)[None].expand(batch, tokens).contiguous()
    case("prefill", "7 tokens at positions 0..6, Hugging Face rotate_half RoPE, no cache", x, positions)
    case("interleaved", "the same block and input with Meta-style interleaved RoPE (pairs 2i, 2i+1)", x, positions, interleaved=True)
    # Decoding: 4 tokens, then 1 token at position 4 with their key/value cache.
    xd = torch.randn(batch, 5, hidden, generator=gen, dtype=torch.float64).float().double()
    pos5 = torch.arange(5)[None].expand(batch, 5).contiguous()
    full_out, _, _ = llama_block(w, cfg, xd, pos5)
    _, pk, pv = case("decode_prompt", "the 4-token prompt of the decoding case (positions 0..3)", xd[:, :4], pos5[:, :4].contiguous())
    case("decode_step", "1 new token at position 4 with the 4-token cache of decode_prompt", xd[:, 4:], pos5[:, 4:].contiguous(), past=(pk, pv), compare_full=full_out[:, 4:])
    # Per-batch positions (e.g. a batch of sequences at different offsets) with theta 500000 (LLaMA 3).
    pos_b = torch.tensor([[3, 4, 5, 6, 7, 8, 9], [10, 11, 12, 13, 14, 15, 16]])
    case("positions_per_batch", "per-batch positions [batch, seq] (3.. and 10..), theta 500000 (LLaMA 3)", x, pos_b, theta=500000.0)
    fx.json = {"block": "llama", "config": cfg, "cases": cases, "weights": list(w.keys())}
    fx.write()
    return cfg, cases


# --- BERT encoder block via torch.nn.TransformerEncoderLayer -----------------------------

def bert_reference(w, cfg, x, attention_mask):
    """A hand-written BERT layer (post-LayerNorm, erf GELU), to check the renaming."""
    p, heads = cfg["prefix"], cfg["heads"]
    batch, seq, hidden = x.shape
    head_dim = hidden // heads
    L = lambda name, t: F.linear(t, w[f"{p}.{name}.weight"], w[f"{p}.{name}.bias"])
    split = lambda t: t.view(batch, seq, heads, head_dim).transpose(1, 2)
    q, k, v = split(L("attention.self.query", x)), split(L("attention.self.key", x)), split(L("attention.self.value", x))
    scores = q @ k.transpose(2, 3) / math.sqrt(head_dim)
    scores = scores.masked_fill(attention_mask[:, None, None, :] == 0, float("-inf"))
    ctx = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(batch, seq, hidden)
    ln = lambda name, t: F.layer_norm(t, (hidden,), w[f"{p}.{name}.weight"], w[f"{p}.{name}.bias"], cfg["epsilon"])
    h = ln("attention.output.LayerNorm", x + L("attention.output.dense", ctx))
    return ln("output.LayerNorm", h + L("output.dense", F.gelu(L("intermediate.dense", h))))


def bert_fixture(gen):
    cfg = {"prefix": "bert.encoder.layer.0", "hidden": 64, "heads": 4, "intermediate": 256, "epsilon": 1e-12, "batch": 2, "tokens": 7}
    hidden, inter, p = cfg["hidden"], cfg["intermediate"], cfg["prefix"]
    layer = torch.nn.TransformerEncoderLayer(hidden, cfg["heads"], inter, dropout=0.0, activation="gelu", batch_first=True, norm_first=False, layer_norm_eps=cfg["epsilon"], dtype=torch.float64)
    normal = lambda shape, std: torch.randn(*shape, generator=gen, dtype=torch.float64) * std
    with torch.no_grad():
        for name, param in layer.named_parameters():
            if name.startswith("norm") and name.endswith("weight"):
                param.copy_(1.0 + normal(param.shape, 0.1))
            elif name.endswith("bias"):
                param.copy_(normal(param.shape, 0.05))
            else:
                param.copy_(normal(param.shape, 0.08))
            param.copy_(param.float().double())
    a = layer.self_attn
    qw, kw, vw = a.in_proj_weight.detach().chunk(3, dim=0)
    qb, kb, vb = a.in_proj_bias.detach().chunk(3, dim=0)
    w = {
        f"{p}.attention.self.query.weight": qw, f"{p}.attention.self.query.bias": qb,
        f"{p}.attention.self.key.weight": kw, f"{p}.attention.self.key.bias": kb,
        f"{p}.attention.self.value.weight": vw, f"{p}.attention.self.value.bias": vb,
        f"{p}.attention.output.dense.weight": a.out_proj.weight.detach(), f"{p}.attention.output.dense.bias": a.out_proj.bias.detach(),
        f"{p}.attention.output.LayerNorm.weight": layer.norm1.weight.detach(), f"{p}.attention.output.LayerNorm.bias": layer.norm1.bias.detach(),
        f"{p}.intermediate.dense.weight": layer.linear1.weight.detach(), f"{p}.intermediate.dense.bias": layer.linear1.bias.detach(),
        f"{p}.output.dense.weight": layer.linear2.weight.detach(), f"{p}.output.dense.bias": layer.linear2.bias.detach(),
        f"{p}.output.LayerNorm.weight": layer.norm2.weight.detach(), f"{p}.output.LayerNorm.bias": layer.norm2.bias.detach(),
    }
    fx = Fixture("bert-block")
    for name, value in w.items():
        fx.add(name, value)
    batch, tokens = cfg["batch"], cfg["tokens"]
    x = torch.randn(batch, tokens, hidden, generator=gen, dtype=torch.float64).float().double()
    # BERT's attention_mask: 1 = token, 0 = padding (the second sequence has 2 padding tokens).
    attention_mask = torch.tensor([[1] * tokens, [1] * (tokens - 2) + [0, 0]])

    def run(layer_, x_):
        # Gradients on and the layer in training mode with dropout 0: PyTorch 1.13's inference
        # fast path (nested tensors) would zero the padded rows; the plain path keeps them.
        layer_.train()
        with torch.enable_grad():
            return layer_(x_, src_key_padding_mask=(attention_mask == 0)).detach()

    out = run(layer, x)
    check = bert_reference(w, cfg, x, attention_mask)
    gap = max_abs(out, check)
    assert gap < 1e-10, f"TransformerEncoderLayer and the hand-written BERT layer differ by {gap}"
    layer32 = torch.nn.TransformerEncoderLayer(hidden, cfg["heads"], inter, dropout=0.0, activation="gelu", batch_first=True, norm_first=False, layer_norm_eps=cfg["epsilon"])
    layer32.load_state_dict({k: v.float() for k, v in layer.state_dict().items()})
    out32 = run(layer32, x.float())
    cases = {
        "padded": {
            "description": "2 sequences of 7 tokens, the second with 2 padding tokens at the end (BERT attention_mask)",
            "inputs": {"hidden": fx.add("padded.input.hidden", x), "mask": fx.add("padded.input.mask", attention_mask)},
            "expected": {"output": fx.add("padded.expected.output", out)},
            "torchFloat32MaxAbsError": {"output": max_abs(out, out32)},
            "checkedAgainstHandWrittenBert": gap,
        }
    }
    fx.json = {
        "block": "bert",
        "config": cfg,
        "source": "torch.nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=256, dropout=0, activation='gelu', batch_first=True, norm_first=False, layer_norm_eps=1e-12); in_proj split into query/key/value",
        "cases": cases,
        "weights": list(w.keys()),
    }
    fx.write()
    return cfg, cases


# --- Single ops ---------------------------------------------------------------------------

def ops_fixture(gen):
    fx = Fixture("ops")
    cases = {}
    randn = lambda *shape: torch.randn(*shape, generator=gen, dtype=torch.float64).float().double()

    def case(name, op, attrs, inputs, fn, description):
        names = {k: fx.add(f"{name}.input.{k}", v) for k, v in inputs.items()}
        out = fn(*inputs.values())
        cases[name] = {
            "op": op,
            "attrs": attrs,
            "description": description,
            "inputs": names,
            "expected": fx.add(f"{name}.expected", out),
            "torchFloat32MaxAbsError": f32_error(fn, list(inputs.values())),
        }

    def rope_fn(heads, head_dim, theta, interleaved, rotary_dim=None):
        def fn(x, positions):
            batch, seq = x.shape[0], x.shape[1]
            pos = positions if positions.dim() == 2 else positions[None].expand(batch, seq)
            xh = x.view(batch, seq, heads, head_dim).transpose(1, 2)
            y = apply_rope_interleaved(xh, pos, theta) if interleaved else apply_rope_hf(xh, pos, theta, rotary_dim)
            return y.transpose(1, 2).reshape(batch, seq, heads * head_dim)
        return fn

    x = randn(2, 5, 4 * 16)
    case("rope_hf", "rope", {"headDim": 16, "theta": 10000, "interleaved": False}, {"x": x, "positions": torch.tensor([0, 1, 2, 3, 4])}, rope_fn(4, 16, 10000.0, False), "HF rotate_half, positions [seq]")
    case("rope_interleaved", "rope", {"headDim": 16, "theta": 500000, "interleaved": True}, {"x": x, "positions": torch.tensor([[5, 6, 7, 8, 9], [100, 101, 102, 103, 104]])}, rope_fn(4, 16, 500000.0, True), "Meta-style interleaved pairs, per-batch positions, theta 500000")
    case("rope_partial", "rope", {"headDim": 16, "theta": 10000, "interleaved": False, "rotaryDim": 8}, {"x": x, "positions": torch.tensor([7, 8, 9, 10, 11])}, rope_fn(4, 16, 10000.0, False, 8), "HF rotate_half over the first 8 of 16 entries (GPT-NeoX partial rotary)")

    def attention_fn(heads, kv_heads, causal, scale=None):
        def fn(q, k, v, mask=None):
            batch, queries, keys = q.shape[0], q.shape[1], k.shape[1]
            head_dim = q.shape[2] // heads
            qh = q.view(batch, queries, heads, head_dim).transpose(1, 2)
            kh = repeat_kv(k.view(batch, keys, kv_heads, head_dim).transpose(1, 2), heads // kv_heads)
            vh = repeat_kv(v.view(batch, keys, kv_heads, head_dim).transpose(1, 2), heads // kv_heads)
            s = scale if scale is not None else 1 / math.sqrt(head_dim)
            scores = qh @ kh.transpose(2, 3) * s
            additive = torch.zeros(batch, 1, queries, keys, dtype=q.dtype)
            if causal:
                allowed = torch.arange(keys)[None, :] <= (keys - queries + torch.arange(queries))[:, None]
                additive = additive.masked_fill(~allowed, float("-inf"))
            if mask is not None:
                additive = additive.masked_fill(mask[:, None, None, :] == 0, float("-inf"))
            probs = torch.softmax(scores + additive, dim=-1)
            return (probs @ vh).transpose(1, 2).reshape(batch, queries, heads * head_dim)
        return fn

    # Scores of a realistic spread: q, k entries ~ N(0, 1), headDim 8.
    q, k, v = randn(2, 5, 4 * 8), randn(2, 6, 2 * 8), randn(2, 6, 2 * 8)
    mask = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]])
    case("attention_gqa_causal_padding", "attention", {"heads": 4, "kvHeads": 2, "causal": True}, {"query": q, "key": k, "value": v, "mask": mask}, attention_fn(4, 2, True), "GQA 4/2, 5 queries on 6 keys (a cache of 1), causal, padding of the last 2 keys in the second sequence")
    q2, k2, v2 = randn(2, 7, 4 * 16), randn(2, 7, 4 * 16), randn(2, 7, 4 * 16)
    mask2 = torch.tensor([[1] * 7, [1] * 5 + [0, 0]])
    case("attention_padding", "attention", {"heads": 4, "kvHeads": 4, "causal": False}, {"query": q2, "key": k2, "value": v2, "mask": mask2}, attention_fn(4, 4, False), "BERT-style: 4 heads, not causal, padding mask")
    case("attention_scale", "attention", {"heads": 4, "kvHeads": 1, "causal": True, "scale": 0.5}, {"query": q, "key": k[:, :, :8].contiguous(), "value": v[:, :, :8].contiguous()}, attention_fn(4, 1, True, 0.5), "multi-query (1 key/value head), causal, scale 0.5, no mask")

    wide = torch.linspace(-6, 6, 97, dtype=torch.float64)[None].expand(2, 97) + randn(2, 97) * 0.01
    case("gelu_tanh", "geluTanh", {}, {"x": wide.contiguous()}, lambda t: F.gelu(t, approximate="tanh"), "F.gelu(x, approximate='tanh') on [-6, 6]")
    case("gelu", "gelu", {}, {"x": wide.contiguous()}, lambda t: F.gelu(t), "F.gelu(x) (erf) on [-6, 6]")
    case("silu", "silu", {}, {"x": wide.contiguous()}, F.silu, "F.silu on [-6, 6]")
    xn = randn(3, 5, 64) * 2 + 0.5
    gamma = 1.0 + randn(64) * 0.1
    beta = randn(64) * 0.05
    case("rms_norm", "rmsNorm", {"eps": 1e-6}, {"x": xn, "gamma": gamma}, lambda t, g: rms_norm(t, g, 1e-6), "LlamaRMSNorm, eps 1e-6")
    case("layer_norm", "layerNorm", {"eps": 1e-12}, {"x": xn, "gamma": gamma, "beta": beta}, lambda t, g, b: F.layer_norm(t, (64,), g, b, 1e-12), "nn.LayerNorm, eps 1e-12 (BERT)")
    case("layer_norm_no_bias", "layerNorm", {"eps": 1e-5}, {"x": xn, "gamma": gamma}, lambda t, g: F.layer_norm(t, (64,), g, None, 1e-5), "LayerNorm without bias, eps 1e-5")
    xs = randn(2, 6, 5) * 3
    case("softmax_axis1", "softmax", {"axis": 1}, {"x": xs}, lambda t: torch.softmax(t, dim=1), "softmax along axis 1 of [2, 6, 5]")
    case("log_softmax_last", "logSoftmax", {"axis": -1}, {"x": xs}, lambda t: torch.log_softmax(t, dim=-1), "log-softmax along the last axis")
    fx.json = {"cases": cases}
    fx.write()
    return cases


def main():
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)
    os.makedirs(OUT, exist_ok=True)
    llama_cfg, llama_cases = llama_fixture(gen)
    bert_cfg, bert_cases = bert_fixture(gen)
    op_cases = ops_fixture(gen)
    print(f"torch {torch.__version__}: wrote llama-block ({len(llama_cases)} cases), bert-block ({len(bert_cases)} case), ops ({len(op_cases)} cases) to {os.path.normpath(OUT)}", file=sys.stderr)
    for name, c in llama_cases.items():
        print(f"  llama {name}: torch f32 max abs error {c['torchFloat32MaxAbsError']}, branch/residual rms {c['branchToResidualRms']:.3f}", file=sys.stderr)
    for name, c in bert_cases.items():
        print(f"  bert {name}: torch f32 max abs error {c['torchFloat32MaxAbsError']}", file=sys.stderr)


if __name__ == "__main__":
    main()
