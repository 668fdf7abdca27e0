package dev.ssehub.bench;

/**
 * A log-linear histogram of non-negative values (microseconds here): 64 sub-buckets per power of
 * two, so any percentile it reports is within about 1.6% of the true value. Not thread-safe; one
 * writer, merged under the owner's lock.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;

    private final long[] counts = new long[64 * SUB];
    private long count;
    private long max;
    private long sum;

    void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        count++;
        sum += v;
        if (v > max) {
            max = v;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    void reset() {
        java.util.Arrays.fill(counts, 0);
        count = 0;
        max = 0;
        sum = 0;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The value below which the given fraction (0..1) of the recorded values lie; 0 when empty. */
    long percentile(double fraction) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, highest(i));
            }
        }
        return max;
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int shift = exponent - SUB_BITS;
        int mantissa = (int) (v >>> shift) - SUB;
        return (shift + 1) * SUB + mantissa;
    }

    /** The largest value that falls in bucket i. */
    private static long highest(int i) {
        if (i < SUB) {
            return i;
        }
        int shift = i / SUB - 1;
        long lowest = (long) (SUB + i % SUB) << shift;
        return lowest + (1L << shift) - 1;
    }
}
