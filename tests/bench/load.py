"""A lean HTTP/1.1 load client for the benchmarks: keep-alive connections on asyncio streams,
so that on a small machine the client costs the server as little CPU as possible (httpx costs
several times more per request than the server's fastest routes)."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, answered requests
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0  # no answer at all (connection refused, reset, timed out)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return self.failures + sum(n for status, n in self.statuses.items() if status >= 500)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    def line(self, name: str) -> str:
        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        return (f"{name}: {len(self.latencies)} answered, {rate:.0f} req/s, "
                f"p50 {statistics.median(self.latencies) * 1000:.1f} ms, "
                f"p99 {self.percentile(99) * 1000:.1f} ms, errors {self.errors}, statuses {self.statuses}")


class Connection:
    def __init__(self, host: str, port: int, headers: dict[str, str]):
        self.host, self.port = host, port
        self.head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{host}:{port}", **headers}.items())
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.head}\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        body = await self._body(fields)
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def _body(self, fields: dict[str, str]) -> bytes:
        if "content-length" in fields:
            return await self.reader.readexactly(int(fields["content-length"]))
        chunks = []
        while True:  # chunked
            size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
            chunks.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return b"".join(chunks)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def run(host: str, port: int, headers: dict[str, str], paths, clients: int, seconds: float,
              max_requests: int | None = None, timeout: float = 60) -> Result:
    """`clients` connections, each sending the next of `paths` (a function of a counter) as soon
    as its last answer arrives, until `seconds` have passed or `max_requests` were sent."""
    result, sent = Result(), 0
    started = time.perf_counter()
    until = started + seconds

    async def client(n: int) -> None:
        nonlocal sent
        connection = Connection(host, port, headers)
        while time.perf_counter() < until and (max_requests is None or sent < max_requests):
            sent += 1
            start = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(connection.get(paths(sent)), timeout)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
                result.failures += 1
                await connection.close()
                continue
            result.latencies.append(time.perf_counter() - start)
            result.statuses[status] = result.statuses.get(status, 0) + 1
        await connection.close()

    await asyncio.gather(*[client(n) for n in range(clients)])
    result.seconds = time.perf_counter() - started
    return result
