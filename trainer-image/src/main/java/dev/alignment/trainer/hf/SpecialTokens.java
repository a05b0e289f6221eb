package dev.alignment.trainer.hf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tokenizer's special tokens: BOS, EOS and pad as {@code tokenizer_config.json} names them, with their ids;
 * {@code eosIds} are the ids generation stops at ({@code generation_config.json}'s {@code eos_token_id}, an int or a
 * list, else the EOS token's id).
 */
public record SpecialTokens(
    Optional<String> bosToken,
    OptionalInt bosId,
    Optional<String> eosToken,
    List<Integer> eosIds,
    Optional<String> padToken,
    OptionalInt padId,
    Optional<String> unkToken) {}
