"""Risk weights: configurable defaults loaded from a data file with their sources."""


async def load() -> None:
    return None
