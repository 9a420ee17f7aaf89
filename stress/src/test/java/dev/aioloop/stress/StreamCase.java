package dev.aioloop.stress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One generated case of the streams fuzzing: the reader's limit, the bytes the peer sends, where
 * its writes cut them (1 byte to 64 KiB), and the reads the program makes. Made from a seed, so that
 * a failing case is named by its seed and made again the same.
 */
record StreamCase(long seed, int limit, byte[] data, List<Integer> cuts, List<Op> ops) {
    private static final byte[] ALPHABET = "aab|\nx".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] LIMITS = {1, 2, 3, 5, 8, 16, 100, 1000, 65536};
    private static final byte[][] SEPARATORS = {"|".getBytes(), "ab".getBytes(), "\n".getBytes(), "aba".getBytes(),
            "x|\n".getBytes(), new byte[0]};

    /** A read the program makes: its kind, and the size or the separator it is given. */
    record Op(Kind kind, int n, byte[] separator) {
        @Override
        public String toString() {
            return switch (kind) {
                case READ, READEXACTLY -> kind.call + "(" + n + ")";
                case READUNTIL -> kind.call + "(" + StreamModel.show(separator) + ")";
                default -> kind.call + "()";
            };
        }
    }

    enum Kind {
        READ("read"), READEXACTLY("readexactly"), READLINE("readline"), READUNTIL("readuntil"), AT_EOF("atEof");

        final String call;

        Kind(String call) {
            this.call = call;
        }
    }

    static StreamCase generate(long seed) {
        Random random = new Random(seed);
        int limit = LIMITS[random.nextInt(LIMITS.length)];
        int length = random.nextInt(16) == 0 ? random.nextInt(256 * 1024) : random.nextInt(400);
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        List<Integer> cuts = new ArrayList<>();
        for (int at = 0; at < length; ) {
            int max = switch (random.nextInt(3)) {
                case 0 -> 16;
                case 1 -> 1024;
                default -> 64 * 1024;
            };
            at = Math.min(length, at + 1 + random.nextInt(max));
            cuts.add(at);
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 1 + random.nextInt(10); i > 0; i--) {
            ops.add(randomOp(random, limit));
        }
        return new StreamCase(seed, limit, data, cuts, ops);
    }

    private static Op randomOp(Random random, int limit) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        int n = switch (random.nextInt(6)) {
            case 0 -> -1;
            case 1 -> 0;
            case 2 -> Math.max(1, limit + random.nextInt(3) - 1);
            case 3 -> 1 + random.nextInt(70_000);
            default -> 1 + random.nextInt(64);
        };
        return new Op(kind, n, SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }

    /** The chunks the peer writes, one per cut. */
    List<byte[]> chunks() {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            chunks.add(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        return chunks;
    }

    /** Smaller cases that keep this one's shape, smallest first: fewer reads, fewer bytes, fewer cuts. */
    List<StreamCase> shrinks() {
        List<StreamCase> smaller = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            List<Op> fewer = new ArrayList<>(ops);
            fewer.remove(i);
            smaller.add(new StreamCase(seed, limit, data, cuts, fewer));
        }
        for (int keep : new int[] {data.length / 2, data.length - 1}) {
            if (keep >= 0 && keep < data.length) {
                List<Integer> kept = new ArrayList<>(cuts.stream().filter(c -> c < keep).toList());
                if (keep > 0) {
                    kept.add(keep);
                }
                smaller.add(new StreamCase(seed, limit, Arrays.copyOf(data, keep), kept, ops));
            }
        }
        if (cuts.size() > 1) {
            smaller.add(new StreamCase(seed, limit, data, List.of(data.length), ops));
        }
        return smaller;
    }

    @Override
    public String toString() {
        String shown = data.length <= 200 ? StreamModel.show(data) : data.length + " bytes";
        return "seed " + seed + ": limit " + limit + ", data " + shown + " cut at " + cuts + ", reads " + ops;
    }
}
