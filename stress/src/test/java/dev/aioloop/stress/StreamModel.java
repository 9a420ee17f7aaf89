package dev.aioloop.stress;

import dev.aioloop.netty.IncompleteReadError;
import dev.aioloop.netty.LimitOverrunError;
import java.util.Arrays;

/**
 * asyncio's {@code StreamReader} rules, written out for a stream whose every byte is known ahead:
 * given what a real reader returned or threw for a read, says whether the rules allow it, and moves
 * on as the reader did. Where the rules leave room (how much a {@code read(n)} returns, the
 * {@code consumed} of a separator not found, whether {@code atEof} knows of the end yet) it checks the
 * bounds and follows what it saw.
 */
final class StreamModel {
    private final byte[] data;
    private final int limit;
    private int at;
    // Whether a read has shown the end of the stream: from then on atEof() answers as the bytes say.
    private boolean endSeen;

    StreamModel(byte[] data, int limit) {
        this.data = data;
        this.limit = limit;
    }

    /** Null if the rules allow {@code outcome} (a byte[] result, a Boolean, or the Throwable thrown); else why not. */
    String check(StreamCase.Op op, Object outcome) {
        int rest = data.length - at;
        return switch (op.kind()) {
            case READ -> read(op.n(), outcome, rest);
            case READEXACTLY -> readexactly(op.n(), outcome, rest);
            case READUNTIL -> readuntil(op.separator(), outcome, rest, false);
            case READLINE -> readuntil(new byte[] {'\n'}, outcome, rest, true);
            case AT_EOF -> {
                boolean eof = (Boolean) outcome;
                if (rest > 0 && eof) {
                    yield "atEof() true with " + rest + " bytes unread";
                }
                if (rest == 0 && endSeen && !eof) {
                    yield "atEof() false after the end was read";
                }
                endSeen |= eof;
                yield null;
            }
        };
    }

    private String read(int n, Object outcome, int rest) {
        if (!(outcome instanceof byte[] got)) {
            return "threw " + outcome;
        }
        if (n == 0) {
            return got.length == 0 ? null : "read(0) returned bytes";
        }
        if (n < 0) {
            return take(got, rest, "read(-1) is everything up to the end", true);
        }
        if (rest == 0) {
            endSeen = true;
            return got.length == 0 ? null : "returned bytes past the end";
        }
        if (got.length < 1 || got.length > Math.min(n, rest)) {
            return "returned " + got.length + " bytes; between 1 and " + Math.min(n, rest) + " expected";
        }
        return take(got, got.length, "read(n) returns the next bytes", false);
    }

    private String readexactly(int n, Object outcome, int rest) {
        if (n < 0) {
            return outcome instanceof IllegalArgumentException ? null : "readexactly(" + n + ") did not refuse: " + outcome;
        }
        if (n <= rest) {
            return outcome instanceof byte[] got ? take(got, n, "the next n bytes", false) : "threw " + outcome;
        }
        if (!(outcome instanceof IncompleteReadError e)) {
            return "only " + rest + " bytes left: IncompleteReadError expected, got " + outcome;
        }
        if (e.expected() != n) {
            return "IncompleteReadError expected " + e.expected() + " bytes, not " + n;
        }
        return take(e.partial(), rest, "IncompleteReadError's partial is what was left", true);
    }

    private String readuntil(byte[] separator, Object outcome, int rest, boolean line) {
        if (separator.length == 0) {
            return outcome instanceof IllegalArgumentException ? null : "readuntil(empty) did not refuse: " + outcome;
        }
        int found = indexOf(separator);
        if (found >= 0 && found <= limit) {
            return outcome instanceof byte[] got ? take(got, found + separator.length, "up to the separator", false)
                    : "separator at " + found + " within limit " + limit + ", yet threw " + outcome;
        }
        // The most bytes the reader can hold without the whole separator, counted as its offset.
        int searched = found >= 0 ? found : rest + 1 - separator.length;
        if (found < 0 && searched <= limit) {
            if (line) {
                return outcome instanceof byte[] got ? take(got, rest, "readline at the end returns what is left", true)
                        : "readline at the end threw " + outcome;
            }
            if (!(outcome instanceof IncompleteReadError e)) {
                return "no separator before the end: IncompleteReadError expected, got " + outcome;
            }
            return take(e.partial(), rest, "IncompleteReadError's partial is what was left", true);
        }
        if (!(outcome instanceof LimitOverrunError e)) {
            return "separator " + (found >= 0 ? "at " + found : "absent") + " past limit " + limit
                    + ": LimitOverrunError expected, got " + outcome;
        }
        boolean foundIt = e.getMessage().startsWith("Separator is found");
        if (foundIt ? e.consumed() != found : e.consumed() <= limit || e.consumed() > searched) {
            return "LimitOverrunError(" + e.getMessage() + ") consumed " + e.consumed() + "; limit " + limit
                    + ", separator " + (found >= 0 ? "at " + found : "absent");
        }
        if (line) {
            // readline drops the line with its newline when found, else what the reader held.
            at += foundIt ? found + 1 : e.consumed();
        }
        return null;
    }

    private String take(byte[] got, int n, String rule, boolean toTheEnd) {
        byte[] expected = Arrays.copyOfRange(data, at, at + n);
        if (!Arrays.equals(got, expected)) {
            return rule + ": expected " + show(expected) + ", got " + show(got);
        }
        at += n;
        endSeen |= toTheEnd;
        return null;
    }

    private int indexOf(byte[] separator) {
        for (int i = at; i + separator.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + separator.length, separator, 0, separator.length)) {
                return i - at;
            }
        }
        return -1;
    }

    static String show(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 120), java.nio.charset.StandardCharsets.US_ASCII)
                .replace("\n", "\\n");
        return "'" + text + (bytes.length > 120 ? "...' (" + bytes.length + " bytes)" : "'");
    }
}
