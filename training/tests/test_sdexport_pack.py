"""The SD exporter (training/sdexport) on the three random-weight tiny models, checked against
diffusers/transformers with onnxruntime (CPU) and a numpy attention core.

Tolerances (measured maxima in docs/model-pack.md, "Training-free packs"):
- fp32 graphs vs torch: |diff| <= 2e-5 absolute (outputs are O(1); measured <= 2e-6);
- fp16 graphs vs torch: |diff| <= 2e-2 * max|reference| (measured <= 4e-3 absolute).
"""
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

try:
    import diffusers  # noqa: F401
    import onnxruntime  # noqa: F401
    import transformers  # noqa: F401
except ImportError as error:  # fail loudly: these tests must never be skipped silently
    raise ImportError(f"{error}: run the SD tests with .venv/bin/python (bash scripts/python-venv.sh)") from error

from diffusers import AutoencoderKL, AutoencoderTiny, UNet2DConditionModel
from tokenizers import Tokenizer
from transformers import CLIPTextModel, CLIPTokenizer

from sdexport.exporter import export_pack
from sdexport.pack_files import sha256_of
from sdexport.pack_runner import PackRunner
from sdexport.tiny_models import TINY_MODEL_NAMES, tiny_model_folder, tiny_taesd_folder

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEST_PACKS = os.path.join(ROOT, "test-packs")
FP32_ATOL = 2e-5
FP16_RTOL_OF_MAX = 2e-2

STRINGS = [
    "a photo of a cat",
    "A Ginger CAT on a grey sofa, 4k, highly detailed!!!",
    "café crème brûlée à la carte",
    "日本の猫と東京タワー",
    "an emoji party 🎉🐱👍 and more",
    "Übergrößenträger — naïve coöperation",
    "   leading and    multiple   spaces\tand\ttabs  ",
    "numbers 1234567890 and punctuation: ;,.?!'\"()[]{}",
    "",
    " ".join(["a very long prompt with many words"] * 20),  # > 77 tokens: truncated
]


@pytest.fixture(scope="module")
def model_root(tmp_path_factory):
    root = os.environ.get("SDEXPORT_CACHE")
    return root if root else str(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="module")
def packs(model_root, tmp_path_factory):
    """Each tiny model exported with fp32 + fp16 (sd1-tiny with the tiny TAESD)."""
    out = tmp_path_factory.mktemp("packs")
    result = {}
    for name in TINY_MODEL_NAMES:
        taesd = tiny_taesd_folder(model_root) if name == "sd1-tiny" else None
        manifest = export_pack(tiny_model_folder(name, model_root), out / name, ("fp32", "fp16"), taesd,
                               name=name, license_id="MIT", log=lambda *_: None)
        result[name] = (out / name, manifest)
    return result


def _folder(model_root, name):
    return str(tiny_model_folder(name, model_root))


def _random_inputs(manifest, batch, seed):
    rng = np.random.default_rng(seed)
    shape = manifest["latent"]["shape"]
    sample = rng.standard_normal((batch, *shape)).astype(np.float32)
    timestep = rng.integers(0, 1000, batch).astype(np.float32)
    dim = manifest["unet"].get("timestepCondDim")
    tcond = rng.standard_normal((batch, dim)).astype(np.float32) if dim else None
    return sample, timestep, tcond


def _ids(tokenizer, texts):
    return np.array(tokenizer(texts, padding="max_length", max_length=77, truncation=True).input_ids,
                    dtype=np.int64)


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
@pytest.mark.parametrize("variant", ["fp32", "fp16"])
def test_segmented_unet_with_numpy_attention_equals_diffusers(packs, model_root, name, variant):
    pack, manifest = packs[name]
    folder = _folder(model_root, name)
    unet = UNet2DConditionModel.from_pretrained(folder, subfolder="unet").eval()
    text_encoder = CLIPTextModel.from_pretrained(folder, subfolder="text_encoder").eval()
    tokenizer = CLIPTokenizer.from_pretrained(folder, subfolder="tokenizer")
    runner = PackRunner(pack, variant)
    ids = _ids(tokenizer, ["", "a red apple on a table", "blue sky"])
    with torch.no_grad():
        cond = text_encoder(torch.from_numpy(ids))[0]
    sample, timestep, tcond = _random_inputs(manifest, 3, seed=7)
    kv = runner.prelude(cond.numpy())
    got = runner.unet(sample, timestep, kv, tcond)
    with torch.no_grad():
        want = unet(torch.from_numpy(sample), torch.from_numpy(timestep), encoder_hidden_states=cond,
                    timestep_cond=None if tcond is None else torch.from_numpy(tcond)).sample.numpy()
    diff = np.abs(got - want).max()
    limit = FP32_ATOL if variant == "fp32" else FP16_RTOL_OF_MAX * np.abs(want).max()
    print(f"{name} {variant} UNet max|diff| = {diff:.3g} (max|ref| {np.abs(want).max():.3g})")
    assert got.dtype == np.float32 and got.shape == want.shape
    assert diff <= limit


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_every_pool_tensor_is_float32_and_batch_first(packs, name):
    pack, manifest = packs[name]
    runner = PackRunner(pack, "fp32")
    for batch in (1, 2):
        sample, timestep, tcond = _random_inputs(manifest, batch, seed=batch)
        cond = np.random.default_rng(3).standard_normal(
            (batch, 77, manifest["textEncoder"]["outputShape"][2])).astype(np.float32)
        pool = {}
        runner.unet(sample, timestep, runner.prelude(cond), tcond, keep=pool)
        for tensor_name, value in pool.items():
            assert value.dtype == np.float32, tensor_name
            assert value.shape[0] == batch, (tensor_name, value.shape)


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_prelude_kv_equal_attn2_projections_of_the_text_encoder_output(packs, model_root, name):
    pack, manifest = packs[name]
    folder = _folder(model_root, name)
    unet = UNet2DConditionModel.from_pretrained(folder, subfolder="unet").eval()
    text_encoder = CLIPTextModel.from_pretrained(folder, subfolder="text_encoder").eval()
    tokenizer = CLIPTokenizer.from_pretrained(folder, subfolder="tokenizer")
    with torch.no_grad():
        cond = text_encoder(torch.from_numpy(_ids(tokenizer, ["a cat", "", "two dogs"])))[0]
    kv = PackRunner(pack).prelude(cond.numpy())
    modules = dict(unet.named_modules())
    sites = manifest["unet"]["sites"]
    assert len(kv) == 2 * len(sites)
    for site in sites:
        attn = modules[site["module"]]
        with torch.no_grad():
            k, v = attn.to_k(cond).numpy(), attn.to_v(cond).numpy()
        width = site["heads"] * site["headDim"]
        assert kv[site["key"]].shape == (3, 77, width)
        np.testing.assert_allclose(kv[site["key"]], k, atol=1e-5, rtol=0)
        np.testing.assert_allclose(kv[site["value"]], v, atol=1e-5, rtol=0)


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_text_encoder_equals_transformers(packs, model_root, name):
    pack, _ = packs[name]
    folder = _folder(model_root, name)
    text_encoder = CLIPTextModel.from_pretrained(folder, subfolder="text_encoder").eval()
    tokenizer = CLIPTokenizer.from_pretrained(folder, subfolder="tokenizer")
    ids = _ids(tokenizer, STRINGS)
    with torch.no_grad():
        want = text_encoder(torch.from_numpy(ids)).last_hidden_state.numpy()
    for variant, limit in (("fp32", FP32_ATOL), ("fp16", FP16_RTOL_OF_MAX * np.abs(want).max())):
        got = PackRunner(pack, variant).encode(ids)
        print(f"{name} {variant} text encoder max|diff| = {np.abs(got - want).max():.3g}")
        assert got.shape == want.shape and np.abs(got - want).max() <= limit


def _frame(tokenizer_json, text, bos, eos, pad):
    """The engine's CLIP framing (contracts §3a): [BOS] + first 75 tokens + [EOS], padded to 77."""
    words = tokenizer_json.encode(text, add_special_tokens=False).ids[:75]
    ids = [bos, *words, eos]
    return ids + [pad] * (77 - len(ids))


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_tokenizer_json_ids_equal_transformers_clip_tokenizer(packs, model_root, name):
    pack, manifest = packs[name]
    t = manifest["tokenizer"]
    expected_pad = 0 if name == "sd2-tiny" else 49407
    assert (t["kind"], t["bosTokenId"], t["eosTokenId"], t["padTokenId"]) == ("clip-bpe", 49406, 49407, expected_pad)
    tokenizer_json = Tokenizer.from_file(str(pack / t["file"]))
    assert tokenizer_json.get_vocab_size() == 49408
    reference = CLIPTokenizer.from_pretrained(_folder(model_root, name), subfolder="tokenizer")
    want = _ids(reference, STRINGS)
    for text, row in zip(STRINGS, want):
        got = _frame(tokenizer_json, text, t["bosTokenId"], t["eosTokenId"], t["padTokenId"])
        assert got == row.tolist(), text
    assert len(reference(STRINGS[-1]).input_ids) > 77  # the long one really is truncated


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_manifest_lists_every_file_with_its_size_and_sha256(packs, name):
    pack, manifest = packs[name]
    on_disk = {p.name for p in pack.iterdir() if p.name != "manifest.json"}
    listed = {f["path"] for f in manifest["files"]}
    assert listed == on_disk
    for entry in manifest["files"]:
        path = pack / entry["path"]
        assert entry["bytes"] == path.stat().st_size and entry["sha256"] == sha256_of(path), entry["path"]
    written = json.loads((pack / "manifest.json").read_text())
    assert written["files"] == manifest["files"]


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_manifest_describes_the_cut_and_the_schedule(packs, name):
    _, m = packs[name]
    unet = m["unet"]
    sites = unet["sites"]
    assert len(sites) == 7 and len(unet["segments"]) == 8
    assert [s["resolution"] for s in sites] == [[16, 16], [8, 8], [4, 4], [8, 8], [8, 8], [16, 16], [16, 16]]
    if name == "sd2-tiny":
        assert {s["headDim"] for s in sites} == {8} and [s["heads"] for s in sites] == [2, 4, 8, 4, 4, 2, 2]
    else:
        assert [s["headDim"] for s in sites] == [4, 8, 16, 8, 8, 4, 4]
    for s, site in enumerate(sites):
        assert unet["segments"][s]["outputs"][0] == site["query"] == f"site{s}_q"
        assert f"site{s}_attn" in unet["segments"][s + 1]["inputs"]
    assert unet["segments"][-1]["outputs"] == ["model_output"]
    assert m["conditioning"]["mode"] == "training-free"
    assert m["latent"] == {"shape": [4, 16, 16], "scale": 0.18215, "kind": "vae",
                           "channelOrder": "SD VAE latent channels 0..3"}
    assert m["image"] == {"width": 128, "height": 128}
    sched = m["scheduler"]
    if name == "lcm-tiny":
        assert unet["timestepCondInput"] == "timestep_cond" and unet["timestepCondDim"] == 256
        assert sched["type"] == "lcm" and sched["lcm"] == {"originalInferenceSteps": 50, "timestepScaling": 10.0}
        assert m["conditioning"]["classifierFreeGuidance"] is False
    else:
        assert "timestepCondInput" not in unet and m["conditioning"]["classifierFreeGuidance"] is True
    assert sched["predictionType"] == ("v_prediction" if name == "sd2-tiny" else "epsilon")
    assert ("previewDecoder" in m) == (name == "sd1-tiny")


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_fp16_variant_loads_and_keeps_float32_at_every_cut(packs, name):
    import onnx
    import onnxruntime as ort

    pack, m = packs[name]
    assert m["precision"]["variants"] == {"fp32": {"requiresShaderF16": False}, "fp16": {"requiresShaderF16": True}}
    graphs = [m["textEncoder"], m["prelude"], *m["unet"]["segments"], m["decoder"]]
    for entry in graphs:
        path = pack / entry["variants"]["fp16"]
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        for io in list(session.get_inputs()) + list(session.get_outputs()):
            if io.name != "input_ids":
                assert io.type == "tensor(float)", (path.name, io.name, io.type)
        weights = onnx.load(str(path)).graph.initializer
        assert any(w.data_type == onnx.TensorProto.FLOAT16 for w in weights), path.name


def test_decoders_equal_diffusers(packs, model_root):
    pack, m = packs["sd1-tiny"]
    folder = _folder(model_root, "sd1-tiny")
    vae = AutoencoderKL.from_pretrained(folder, subfolder="vae").eval()
    taesd = AutoencoderTiny.from_pretrained(str(tiny_taesd_folder(model_root))).eval()
    latent = np.random.default_rng(5).standard_normal((2, 4, 16, 16)).astype(np.float32)
    runner = PackRunner(pack)
    for preview, decode in ((False, lambda z: vae.decode(z).sample),
                            (True, lambda z: taesd.decode(z * m["latent"]["scale"]).sample)):
        with torch.no_grad():
            rgb = (decode(torch.from_numpy(latent)) / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1).numpy()
        got = runner.decode(latent, preview=preview)
        assert got.shape == (2, 128, 128, 4)
        np.testing.assert_allclose(got[..., :3], rgb, atol=FP32_ATOL, rtol=0)
        assert (got[..., 3] == 1).all()


def test_graphs_over_the_threshold_use_onnx_external_data(model_root, tmp_path, monkeypatch):
    """The > 2 GB path, exercised with a 1 MB threshold: weights in `<file>.data`, listed in the
    manifest (externalData / variantExternalData, role "external-data"), and the pack still runs."""
    import sdexport.pack_files as pack_files

    monkeypatch.setattr(pack_files, "EXTERNAL_DATA_THRESHOLD", 1_000_000)
    m = export_pack(tiny_model_folder("sd2-tiny", model_root), tmp_path / "pack", ("fp32", "fp16"),
                    name="sd2-tiny", log=lambda *_: None)
    te = m["textEncoder"]
    assert te["externalData"] == ["text_encoder.onnx.data"]
    assert te["variantExternalData"] == {"fp16": ["text_encoder.fp16.onnx.data"]}
    roles = {f["path"]: f["role"] for f in m["files"]}
    assert roles["text_encoder.onnx.data"] == roles["text_encoder.fp16.onnx.data"] == "external-data"
    assert (tmp_path / "pack" / "text_encoder.onnx").stat().st_size < 100_000
    ids = np.full((1, 77), 49407, dtype=np.int64)
    ids[0, 0] = 49406
    ref = CLIPTextModel.from_pretrained(_folder(model_root, "sd2-tiny"), subfolder="text_encoder").eval()
    with torch.no_grad():
        want = ref(torch.from_numpy(ids))[0].numpy()
    assert np.abs(PackRunner(tmp_path / "pack").encode(ids) - want).max() <= FP32_ATOL


def _strip_fp16(manifest):
    """The manifest an fp32-only export writes, from an fp32+fp16 one."""
    m = json.loads(json.dumps(manifest))
    m.pop("_timings", None)
    m.pop("goldens", None)
    m["precision"] = {"default": "fp32", "variants": {"fp32": {"requiresShaderF16": False}}}
    for entry in [m["textEncoder"], m["prelude"], m["decoder"], *m["unet"]["segments"]] + (
            [m["previewDecoder"]] if "previewDecoder" in m else []):
        entry.pop("variants", None)
    m["files"] = [f for f in m["files"] if ".fp16." not in f["path"]]
    return m


@pytest.mark.parametrize("name", TINY_MODEL_NAMES)
def test_committed_test_pack_is_what_the_exporter_writes(packs, name):
    """test-packs/<name>/ (make_test_packs.py) = a fresh export, byte for byte (same SHA-256)."""
    committed = json.loads(open(os.path.join(TEST_PACKS, name, "manifest.json")).read())
    committed.pop("goldens", None)
    committed["files"] = [f for f in committed["files"] if f.get("role") != "golden"]
    fresh = _strip_fp16(packs[name][1])
    fresh["description"] = committed["description"]
    assert fresh == committed
    for entry in committed["files"]:
        assert sha256_of(Path(TEST_PACKS, name, entry["path"])) == entry["sha256"]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
