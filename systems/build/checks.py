"""How the builder stops when its sources disagree."""


class SourceDisagreement(Exception):
    """Two source files disagree, or a file is not what the builder expects."""


def require(condition, message):
    if not condition:
        raise SourceDisagreement(message)
