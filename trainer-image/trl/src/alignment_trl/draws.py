"""Which rows each step trains on, drawn as the reference trainer draws them (TrainingLoop, Batches.sample): batchSize
indices with replacement from java.util.Random seeded by (seed, step), so a step's batch depends on nothing else (a
resumed run sees the same data) and both runtimes train on the same rows."""

from torch.utils.data import Sampler

_MULTIPLIER = 0x5DEECE66D
_MASK48 = (1 << 48) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def _int32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


def _int64(x: int) -> int:
    x &= 0xFFFFFFFFFFFFFFFF
    return x - (1 << 64) if x & (1 << 63) else x


class JavaRandom:
    """java.util.Random's linear congruential generator, as far as nextInt(bound) needs it."""

    def __init__(self, seed: int):
        self._state = (seed ^ _MULTIPLIER) & _MASK48

    def _next(self, bits: int) -> int:
        self._state = (self._state * _MULTIPLIER + 0xB) & _MASK48
        return _int32(self._state >> (48 - bits))

    def next_int(self, bound: int) -> int:
        if bound & (bound - 1) == 0:
            return _int32((bound * self._next(31)) >> 31)
        while True:
            bits = self._next(31)
            value = bits % bound
            if _int32(bits - value + bound - 1) >= 0:
                return value


def step_seed(seed: int, step: int) -> int:
    """TrainingSettings.stepSeed: seed * golden ratio + step in Java's long arithmetic."""
    return _int64(seed * _GOLDEN + step)


def batch(rows: int, size: int, seed: int, step: int) -> list[int]:
    """The row indices of step (1-based)."""
    random = JavaRandom(step_seed(seed, step))
    return [random.next_int(rows) for _ in range(size)]


class StepDraws(Sampler):
    """The indices of steps 1..steps, batch after batch; the Trainer's batch sampler cuts them into per-process batches
    of batchSize / processes, and accelerate deals those out in turn, so each step's batches make up its draw."""

    def __init__(self, rows: int, size: int, seed: int, steps: int):
        self.rows, self.size, self.seed, self.steps = rows, size, seed, steps

    def __iter__(self):
        for step in range(1, self.steps + 1):
            yield from batch(self.rows, self.size, self.seed, step)

    def __len__(self):
        return self.steps * self.size
