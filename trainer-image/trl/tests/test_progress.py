"""Progress: the step values under the contract's names, some lines on stdout, all steps on the gauges."""

from alignment_trl import progress


class Gauges:
    def __init__(self):
        self.steps, self.seen = [], {}

    def progress(self, step, total, throughput, eta):
        self.steps.append((step, total))

    def values(self, values):
        self.seen.update(values)


class State:
    global_step, max_steps, num_input_tokens_seen = 0, 100, 0


def test_the_trainers_log_under_the_contracts_names():
    values = progress.step_values({"loss": 0.5, "grad_norm": 1.5, "learning_rate": 1e-3, "epoch": 0.2,
                                   "num_tokens": 40.0, "rewards/chosen": 0.1, "note": "x"})
    assert values == {"loss": 0.5, "gradNorm": 1.5, "learningRate": 1e-3, "rewards/chosen": 0.1}


def test_every_step_reaches_the_gauges_and_about_twenty_reach_stdout():
    lines, gauges = [], Gauges()
    reporter = progress.Progress(gauges, out=lambda line, flush: lines.append(line), clock=iter(range(1000)).__next__)
    reporter.on_train_begin(None, State(), None)
    for step in range(1, 101):
        reporter.step(step, 100, {"loss": 1.0 / step}, 0)
    assert len(gauges.steps) == 101 and gauges.seen == {"loss": 0.01}
    assert [line.split()[1] for line in lines][:3] == ["1/100", "5/100", "10/100"] and len(lines) == 21
    assert lines[-1].startswith("step 100/100 loss 0.010000 tokens/s 0 eta 0:00:00")
    assert reporter.means() == {"loss": sum(1.0 / s for s in range(91, 101)) / 10}
