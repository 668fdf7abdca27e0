package dev.ssehub.stream;

/**
 * The frames of one write, in order, and their size in bytes.
 *
 * @param frames the frames; shared with other writes, so never changed
 * @param count  how many of {@code frames} belong to this write
 * @param bytes  the sum of their sizes
 */
public record WriteBatch(Frame[] frames, int count, int bytes) {

    /** Copies the frames' bytes into {@code target} from {@code offset}; returns the offset after them. */
    public int copyTo(byte[] target, int offset) {
        int at = offset;
        for (int i = 0; i < count; i++) {
            byte[] frame = frames[i].bytes();
            System.arraycopy(frame, 0, target, at, frame.length);
            at += frame.length;
        }
        return at;
    }

    /** The frames' bytes in one array. */
    public byte[] toBytes() {
        byte[] all = new byte[bytes];
        copyTo(all, 0);
        return all;
    }
}
