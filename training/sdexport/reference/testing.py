"""pytest support for training/tests/test_sd_reference_*.py (imported there, so the fixture is seen)."""
import pytest

try:
    import diffusers  # noqa: F401
    import onnxruntime  # noqa: F401
    import transformers  # noqa: F401
except ImportError as error:  # fail loudly: these tests must never be skipped silently
    raise ImportError(f"{error}: run the SD reference tests with .venv/bin/python (bash scripts/python-venv.sh)") from error


@pytest.fixture(scope="session")
def model_dirs():
    """pack name -> diffusers model folder of that test pack's random-weight model (D1's
    sdexport.tiny_models, built once and cached)."""
    from sdexport.tiny_models import TINY_MODEL_NAMES, tiny_model_folder
    return {name: str(tiny_model_folder(name)) for name in TINY_MODEL_NAMES}
