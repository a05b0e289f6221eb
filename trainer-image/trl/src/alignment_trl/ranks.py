"""Where this process stands in a torchrun launch (RANK, LOCAL_RANK, WORLD_SIZE; one process without them)."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranks:
    rank: int
    local_rank: int
    world_size: int

    @staticmethod
    def from_env(env=os.environ) -> "Ranks":
        return Ranks(int(env.get("RANK", "0")), int(env.get("LOCAL_RANK", "0")), int(env.get("WORLD_SIZE", "1")))

    @property
    def writes(self) -> bool:
        """Only rank 0 writes the model, the checkpoints' completion marks and the termination summary."""
        return self.rank == 0

    def metrics_port(self, configured: int) -> int:
        """Every process serves its metrics: local rank k on configured + k, so the processes of one pod never collide
        and local rank 0 serves on the port the pod's annotations name (0: each picks a free port; < 0: none)."""
        return configured + self.local_rank if configured > 0 else configured
