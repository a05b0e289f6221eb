"""Bad input: the stage ends with exit 2 and the message in its termination summary, and is not retried."""


class BadInput(Exception):
    """Input the contract refuses (a config, a dataset row, a model directory); the message names what and where."""
