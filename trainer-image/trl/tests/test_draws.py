"""The reference trainer's batch draws, checked against java.util.Random's outputs (jshell)."""

from alignment_trl import draws


def test_the_draws_are_the_reference_trainers():
    assert draws.batch(10, 8, 0, 1) == [5, 8, 7, 3, 4, 4, 4, 6]
    assert draws.batch(10, 8, 0, 2) == [8, 2, 0, 7, 9, 0, 6, 9]
    assert draws.batch(16, 8, 7, 1) == [9, 4, 7, 9, 6, 0, 14, 2]
    assert draws.batch(16, 8, 7, 2) == [9, 8, 10, 6, 15, 12, 11, 11]
    assert draws.batch(8, 4, 0, 1) == [5, 0, 3, 3]


def test_the_sampler_yields_each_steps_draw_in_turn():
    assert list(draws.StepDraws(8, 4, 0, 2)) == draws.batch(8, 4, 0, 1) + draws.batch(8, 4, 0, 2)
    assert len(draws.StepDraws(8, 4, 0, 2)) == 8
