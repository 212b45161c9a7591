import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
TRAINING = os.path.dirname(HERE)
ROOT = os.path.dirname(TRAINING)
PACK = os.environ.get("BLOBGEN_PACK", os.path.join(ROOT, "public", "models", "blobgen-tiny-shapes"))
sys.path.insert(0, TRAINING)
torch.set_num_threads(1)  # the CI machine has 2 cores; single-threaded torch is steadier under load
