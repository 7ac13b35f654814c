"""APScheduler wiring: the periodic scan inside `haven serve`, and `haven worker`."""


async def start(settings):
    """Start the scan schedule; returns an async function that stops it."""

    async def stop():
        return None

    return stop


async def run_forever(settings):
    raise NotImplementedError
