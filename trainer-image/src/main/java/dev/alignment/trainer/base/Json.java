package dev.alignment.trainer.base;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON writer: plain UTF-8 text, without Gson's HTML escaping of quotes and angle brackets. */
public final class Json {
  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}
}
