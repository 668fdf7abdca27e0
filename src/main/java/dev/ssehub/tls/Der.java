package dev.ssehub.tls;

import java.io.ByteArrayOutputStream;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * The little of DER that turning PKCS#1 and SEC1 private keys into PKCS#8, the one form the JDK's
 * key factories read, takes: a value's tag, its length and its content.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** The explicit [0] that holds a SEC1 key's curve. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** One tag-length-value: the tag, and where its content starts and ends in the input. */
    record Value(int tag, int start, int end) {
    }

    /** The value that starts at {@code at}. */
    static Value read(byte[] der, int at) throws InvalidKeySpecException {
        if (at + 2 > der.length) {
            throw new InvalidKeySpecException("the DER ends early");
        }
        int tag = der[at] & 0xFF;
        int length = der[at + 1] & 0xFF;
        int start = at + 2;
        if (length > 0x80) {
            int octets = length - 0x80;
            if (octets > 3 || start + octets > der.length) {
                throw new InvalidKeySpecException("a DER length is out of range");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[start++] & 0xFF);
            }
        } else if (length == 0x80) {
            throw new InvalidKeySpecException("an indefinite DER length");
        }
        if (start + length > der.length) {
            throw new InvalidKeySpecException("a DER value runs past its end");
        }
        return new Value(tag, start, start + length);
    }

    /** The whole encoding (tag, length and content) of a value. */
    static byte[] encoding(byte[] der, int at, Value value) {
        return Arrays.copyOfRange(der, at, value.end());
    }

    /** A value of this tag around this content. */
    static byte[] wrap(int tag, byte[]... contents) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 + octets);
            for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
