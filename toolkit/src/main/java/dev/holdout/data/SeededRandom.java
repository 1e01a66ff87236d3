package dev.holdout.data;

/**
 * A small, fast, explicitly seeded random source (SplitMix64). Its output is defined by this code
 * alone, so the same seed gives the same sequence in every JVM, on every machine, forever: unlike
 * {@code SplittableRandom} or {@code Math.random}, no JDK change can move a split.
 *
 * <p>Not thread-safe; create one per call (they are cheap). Never share one in a static field.
 *
 * <pre>{@code
 * SeededRandom r = new SeededRandom(42);
 * int i = r.nextInt(10);      // same value on every run for seed 42
 * }</pre>
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A new generator whose seed is derived from this one's seed and {@code stream}. */
    public static SeededRandom derive(long seed, long stream) {
        return new SeededRandom(mix(seed ^ mix(stream + 0x632BE59BD9B4E019L)));
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound=" + bound + ": must be positive");
        long m = ((nextLong() >>> 32)) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = ((nextLong() >>> 32)) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box-Muller; uses two uniforms per call, keeps no spare). */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        if (u1 < 1e-300) u1 = 1e-300;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Moves a uniform random sample of {@code k} elements to the front of {@code a}[from, to). */
    public void sampleToFront(int[] a, int from, int to, int k) {
        int n = to - from;
        for (int i = 0; i < k; i++) {
            int j = from + i + nextInt(n - i);
            int t = a[from + i];
            a[from + i] = a[j];
            a[j] = t;
        }
    }
}
