package dev.alignment.contract;

/**
 * How a LoRA stage saves its model: {@code merged} adds the adapters into the base weights and saves a plain Hugging
 * Face directory; {@code adapter} saves a PEFT adapter directory (adapter_config.json, adapter_model.safetensors).
 */
public enum LoraOutput { merged, adapter }
