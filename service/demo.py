"""`haven demo`: a lived-in data set so a newcomer sees the system working in a minute."""


async def fill(now):
    return []
