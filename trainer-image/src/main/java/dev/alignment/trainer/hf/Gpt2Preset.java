package dev.alignment.trainer.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.data.WordTokenizer;
import dev.alignment.trainer.model.Architecture;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a GPT-2 trained from scratch on the built-in task ({@code builtin://gpt2-tiny|small}): a GPT-2
 * {@code config.json} of the preset's shape and the built-in word vocabulary as a {@code tokenizer.json} (WordLevel
 * model, lower-casing, split on whitespace) that transformers' {@code PreTrainedTokenizerFast} loads, so the model a
 * stage saves is an ordinary Hugging Face directory.
 */
public final class Gpt2Preset {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Gpt2Preset() {}

  public static HfFiles files(String name, Architecture shape, WordTokenizer words) {
    List<String> vocabulary = words.vocabulary();
    int pad = vocabulary.indexOf(WordTokenizer.PAD);
    int eos = vocabulary.indexOf(WordTokenizer.EOS);
    Map<String, byte[]> companions = new LinkedHashMap<>();
    companions.put(HfTokenizer.FILE, json(tokenizerJson(vocabulary)));
    companions.put(HfTokenizer.CONFIG, json(tokenizerConfig(shape)));
    ObjectNode generation = MAPPER.createObjectNode().put("eos_token_id", eos).put("pad_token_id", pad);
    companions.put(HfTokenizer.GENERATION_CONFIG, json(generation));
    return new HfFiles(Path.of("builtin:", name), config(shape, vocabulary.size(), pad, eos), companions);
  }

  private static ObjectNode config(Architecture shape, int vocabSize, int pad, int eos) {
    ObjectNode config = MAPPER.createObjectNode();
    config.putArray("architectures").add("GPT2LMHeadModel");
    config.put("model_type", "gpt2")
        .put("vocab_size", vocabSize)
        .put("n_positions", shape.contextLength())
        .put("n_embd", shape.hiddenSize())
        .put("n_layer", shape.layers())
        .put("n_head", shape.heads())
        .put("activation_function", "gelu_new")
        .put("layer_norm_epsilon", 1e-5)
        .put("initializer_range", 0.02)
        // The trainer runs without dropout (as TRL's preference trainers do by default); the config says so.
        .put("resid_pdrop", 0.0)
        .put("embd_pdrop", 0.0)
        .put("attn_pdrop", 0.0)
        .put("bos_token_id", eos)
        .put("eos_token_id", eos)
        .put("pad_token_id", pad)
        .put("tie_word_embeddings", true);
    return config;
  }

  private static ObjectNode tokenizerJson(List<String> vocabulary) {
    ObjectNode tokenizer = MAPPER.createObjectNode().put("version", "1.0");
    tokenizer.putNull("truncation");
    tokenizer.putNull("padding");
    ArrayNode added = tokenizer.putArray("added_tokens");
    for (String special : List.of(WordTokenizer.PAD, WordTokenizer.EOS, WordTokenizer.UNKNOWN)) {
      added.addObject().put("id", vocabulary.indexOf(special)).put("content", special).put("single_word", false)
          .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
    }
    tokenizer.putObject("normalizer").put("type", "Lowercase");
    tokenizer.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
    tokenizer.putNull("post_processor");
    tokenizer.putNull("decoder");
    ObjectNode model = tokenizer.putObject("model").put("type", "WordLevel");
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < vocabulary.size(); id++) {
      vocab.put(vocabulary.get(id), id);
    }
    model.put("unk_token", WordTokenizer.UNKNOWN);
    return tokenizer;
  }

  private static ObjectNode tokenizerConfig(Architecture shape) {
    return MAPPER.createObjectNode()
        .put("tokenizer_class", "PreTrainedTokenizerFast")
        .put("eos_token", WordTokenizer.EOS)
        .put("pad_token", WordTokenizer.PAD)
        .put("unk_token", WordTokenizer.UNKNOWN)
        .put("model_max_length", shape.contextLength())
        .put("clean_up_tokenization_spaces", false);
  }

  private static byte[] json(ObjectNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a preset file", e);
    }
  }
}
