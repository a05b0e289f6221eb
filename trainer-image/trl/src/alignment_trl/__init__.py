"""The alignment operator's trainer contract (docs/trainer-contract.md) on Hugging Face TRL."""
