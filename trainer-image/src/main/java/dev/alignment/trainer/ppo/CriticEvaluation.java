package dev.alignment.trainer.ppo;

/** The critic's view of a rollout batch: V per completion token of each rollout, and its reward-model score. */
public record CriticEvaluation(double[][] values, double[] scores) {}
