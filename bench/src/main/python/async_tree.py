"""The async-tree workload's asyncio anchor: pyperformance's async_tree, "none" variant, as aioloop's
dev.aioloop.bench.AsyncTree runs it: a tree of gathers, depth 5 and branching 5, sleep(0) at each leaf.

    python3 async_tree.py asyncio async-tree [TREES]
    python3 async_tree.py asyncio async-tree-eager [TREES]     (Python 3.12+: asyncio.eager_task_factory)
    /usr/bin/python3 async_tree.py uvloop async-tree [TREES]   (Debian's python3-uvloop)

Prints ``<workload> <loop> <figure> us/tree``, the mean over TREES trees (20 by default) after one tree
of warm-up.
"""
import asyncio
import sys
import time

DEPTH = 5
BRANCHES = 5


async def node(level):
    if level == 0:
        await asyncio.sleep(0)
        return
    await asyncio.gather(*[node(level - 1) for _ in range(BRANCHES)])


async def trees(eager, n):
    if eager:
        if not hasattr(asyncio, "eager_task_factory"):
            sys.exit(f"async-tree-eager: asyncio.eager_task_factory needs Python 3.12+, this is {sys.version.split()[0]}")
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await node(DEPTH)
    t0 = time.perf_counter()
    for _ in range(n):
        await node(DEPTH)
    return (time.perf_counter() - t0) / n * 1e6


if __name__ == "__main__":
    loop_name, workload = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    if workload not in ("async-tree", "async-tree-eager"):
        sys.exit(f"unknown workload {workload!r}: async-tree | async-tree-eager")
    if loop_name == "uvloop":
        import uvloop
        uvloop.install()
    us = asyncio.run(trees(workload.endswith("-eager"), n))
    print(f"{workload} {loop_name} {us:.1f} us/tree")
