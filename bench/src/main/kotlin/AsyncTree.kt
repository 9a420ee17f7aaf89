// The async-tree workload's Kotlin anchor, built with the anchors' JVM project by bench/compare.sh: a tree
// of depth 5 and branching 5 of awaitAll()s, yield() at each leaf, on runBlocking's single-thread event
// loop. The eager variant starts each child UNDISPATCHED: it runs in its parent until its first
// suspension, as an eager asyncio task does. Prints `<workload> kotlin <figure> us/tree`, as the JVM
// anchors do: five runs, the last one printed.
package anchors

import kotlinx.coroutines.*

const val DEPTH = 5
const val BRANCHES = 5

suspend fun node(level: Int, start: CoroutineStart): Unit = coroutineScope {
    if (level == 0) {
        yield()
    } else {
        (0 until BRANCHES).map { async(start = start) { node(level - 1, start) } }.awaitAll()
    }
}

fun main(args: Array<String>) {
    val w = args[0]
    require(w == "async-tree" || w == "async-tree-eager") { "unknown workload $w: async-tree | async-tree-eager" }
    val trees = args.getOrNull(1)?.toInt() ?: 20
    val start = if (w == "async-tree-eager") CoroutineStart.UNDISPATCHED else CoroutineStart.DEFAULT
    repeat(5) { rep ->
        runBlocking {
            val t0 = System.nanoTime()
            repeat(trees) { node(DEPTH, start) }
            val dt = System.nanoTime() - t0
            if (rep == 4) println("%s kotlin %.1f us/tree".format(w, dt / 1e3 / trees))
        }
    }
}
