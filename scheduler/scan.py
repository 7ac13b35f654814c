"""scan(now): every alert rule, once, as of `now`."""


async def scan(now, settings) -> dict:
    return {"at": now.isoformat()}
