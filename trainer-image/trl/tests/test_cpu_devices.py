import io

import pytest
import torch

from alignment_trl import cpu_devices


def saved():
    buffer = io.BytesIO()
    torch.save({"exp_avg": torch.arange(3.0)}, buffer)
    buffer.seek(0)
    return buffer


def test_a_checkpoint_loads_onto_an_indexed_cpu_device_as_a_multi_process_cpu_run_asks():
    cpu_devices.register()
    cpu_devices.register()  # idempotent
    state = torch.load(saved(), map_location=torch.device("cpu", 0), weights_only=True)
    assert state["exp_avg"].tolist() == [0.0, 1.0, 2.0]
    assert state["exp_avg"].device.type == "cpu"


def test_other_locations_are_left_to_torch():
    cpu_devices.register()
    with pytest.raises(RuntimeError):
        torch.load(saved(), map_location="nowhere:0", weights_only=True)
