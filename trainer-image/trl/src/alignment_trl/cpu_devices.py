"""Saved tensors restored onto an indexed CPU device ("cpu:0"). transformers gives each process of a multi-process
CPU run (use_cpu with gloo) the device cpu:<n>, and its Trainer loads a checkpoint's optimizer state with that device
as map_location on resume; torch restores onto "cpu" only and refuses "cpu:0", so a restarted torchrun group could not
resume. Registered once, for the whole process."""

import torch

# torch's own locations: cpu 10, cuda 20; this one only answers for the locations they leave unanswered.
_PRIORITY = 30
_registered = False


def _restore_onto_cpu(storage, location: str):
    return storage.cpu() if location.startswith("cpu:") else None


def _tags_nothing(_obj):
    return None


def register() -> None:
    global _registered
    if not _registered:
        torch.serialization.register_package(_PRIORITY, _tags_nothing, _restore_onto_cpu)
        _registered = True
