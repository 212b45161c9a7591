"""SD exporter pieces that need no export: the CLIP vocabulary, scheduler settings, and the clear
errors for model folders it cannot export."""
import json
import shutil

import pytest

try:
    import diffusers  # noqa: F401
    import transformers  # noqa: F401
except ImportError as error:  # fail loudly: never skip the SD tests silently
    raise ImportError(f"{error}: run the SD tests with .venv/bin/python (bash scripts/python-venv.sh)") from error

from sdexport.__main__ import main as sdexport_main
from sdexport.attention_marker import UnsupportedModelError
from sdexport.clip_vocab import VOCAB_SIZE, build_vocab, find_bpe_file, read_merges
from sdexport.model_folder import MissingComponentError, load_model_folder
from sdexport.scheduler_settings import scheduler_settings
from sdexport.tiny_models import tiny_model_folder


@pytest.fixture(scope="module")
def sd1_folder(tmp_path_factory):
    return tiny_model_folder("sd1-tiny", tmp_path_factory.mktemp("tiny"))


def _copy(folder, tmp_path):
    dst = tmp_path / "model"
    shutil.copytree(folder, dst)
    return dst


def test_clip_vocabulary_has_the_real_49408_tokens_in_clip_order():
    vocab = build_vocab(read_merges(find_bpe_file()))
    assert len(vocab) == VOCAB_SIZE
    assert vocab["<|startoftext|>"] == 49406 and vocab["<|endoftext|>"] == 49407
    assert vocab["!"] == 0 and vocab["a</w>"] == 320 and vocab["cat</w>"] == 2368 and vocab["photo</w>"] == 1125


def test_missing_tokenizer_is_a_clear_error(sd1_folder, tmp_path, capsys):
    folder = _copy(sd1_folder, tmp_path)
    shutil.rmtree(folder / "tokenizer")
    with pytest.raises(MissingComponentError, match=r"no tokenizer \(expected tokenizer/vocab.json"):
        load_model_folder(folder)
    assert sdexport_main(["--model", str(folder), "--out", str(tmp_path / "pack")]) == 2
    assert "no tokenizer" in capsys.readouterr().err
    assert not (tmp_path / "pack").exists()  # nothing written


@pytest.mark.parametrize("edit, message", [
    (lambda c: c.update(addition_embed_type="text_time"), r"addition_embed_type='text_time' \(SDXL"),
    (lambda c: c.update(in_channels=9), r"in/out channels 9/4"),
])
def test_unsupported_unet_config_is_a_clear_error(sd1_folder, tmp_path, edit, message):
    folder = _copy(sd1_folder, tmp_path)
    path = folder / "unet" / "config.json"
    config = json.loads(path.read_text())
    edit(config)
    path.write_text(json.dumps(config))
    with pytest.raises(UnsupportedModelError, match=message):
        load_model_folder(folder)


def test_unsupported_pipeline_is_a_clear_error(sd1_folder, tmp_path):
    folder = _copy(sd1_folder, tmp_path)
    index = json.loads((folder / "model_index.json").read_text())
    index["_class_name"] = "StableDiffusionXLPipeline"
    (folder / "model_index.json").write_text(json.dumps(index))
    with pytest.raises(UnsupportedModelError, match="StableDiffusionXLPipeline.*not supported"):
        load_model_folder(folder)


SD15 = {"_class_name": "PNDMScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear",
        "beta_start": 0.00085, "num_train_timesteps": 1000, "set_alpha_to_one": False,
        "skip_prk_steps": True, "steps_offset": 1, "trained_betas": None}


def test_scheduler_settings_follow_the_models_pipeline():
    block, cfg = scheduler_settings(SD15)
    assert cfg and block["type"] == "dpmpp-2m-karras" and block["predictionType"] == "epsilon"
    assert (block["betaStart"], block["betaEnd"], block["stepsOffset"], block["timestepSpacing"]) == (0.00085, 0.012, 1, "leading")
    assert (block["defaultSteps"], block["defaultGuidance"]) == (25, 7.5) and "ddim" in block["samplers"]
    turbo, cfg = scheduler_settings({**SD15, "_class_name": "EulerDiscreteScheduler", "timestep_spacing": "trailing"})
    assert not cfg and turbo["type"] == "euler" and turbo["defaultSteps"] == 1 and turbo["timestepSpacing"] == "trailing"
    lcm, cfg = scheduler_settings({**SD15, "_class_name": "LCMScheduler", "original_inference_steps": 50, "timestep_scaling": 10.0})
    assert not cfg and lcm["samplers"] == ["lcm"] and lcm["lcm"] == {"originalInferenceSteps": 50, "timestepScaling": 10.0}
    v, _ = scheduler_settings({**SD15, "_class_name": "DDIMScheduler", "prediction_type": "v_prediction"})
    assert v["type"] == "ddim" and v["predictionType"] == "v_prediction"


@pytest.mark.parametrize("edit, message", [
    ({"trained_betas": [0.1] * 1000}, "trained_betas"),
    ({"prediction_type": "sample"}, "prediction_type 'sample'"),
    ({"beta_schedule": "sigmoid"}, "beta_schedule 'sigmoid'"),
])
def test_unsupported_scheduler_config_is_a_clear_error(edit, message):
    with pytest.raises(UnsupportedModelError, match=message):
        scheduler_settings({**SD15, **edit})
