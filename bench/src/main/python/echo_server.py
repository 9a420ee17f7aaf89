"""The echo workload's Python servers: asyncio's streams echo, on CPython's own event loop or on uvloop.

    python3 echo_server.py asyncio [PORT]
    /usr/bin/python3 echo_server.py uvloop [PORT]     (Debian's python3-uvloop)

Prints ``listening on PORT`` (127.0.0.1; PORT 0 or none: one the system picks), then serves until its
standard input ends, so that it never outlives the program that started it (bench/compare.sh through
dev.aioloop.bench.echo.EchoLoad). The handler is the same as aioloop's EchoServer.ECHO.
"""
import asyncio
import os
import sys
import threading

READ_SIZE = 64 * 1024


async def echo(reader, writer):
    try:
        while data := await reader.read(READ_SIZE):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def serve(port):
    server = await asyncio.start_server(echo, "127.0.0.1", port)
    print("listening on", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def exit_when_input_ends():
    sys.stdin.read()
    os._exit(0)


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in ("asyncio", "uvloop"):
        sys.exit("usage: echo_server.py asyncio|uvloop [PORT]")
    if sys.argv[1] == "uvloop":
        import uvloop
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    threading.Thread(target=exit_when_input_ends, daemon=True).start()
    asyncio.run(serve(int(sys.argv[2]) if len(sys.argv) == 3 else 0))


if __name__ == "__main__":
    main()
