package dev.ssehub.protocol;

import java.util.List;
import java.util.Locale;

/**
 * Reads {@code Accept} headers as RFC 9110 (section 12.5.1) writes them: media ranges
 * ({@code type/subtype}, {@code type/*} or {@code *}{@code /*}) separated by commas, each with
 * {@code ;name=value} parameters, {@code q} a weight from 0 to 1.
 */
final class AcceptHeader {

    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private AcceptHeader() {
    }

    /**
     * True when the headers admit the media type (lower case); no header admits anything.
     *
     * @throws Refusal when a header is not a list of media ranges
     */
    static boolean admits(List<String> headers, String type, String subtype) {
        if (headers.isEmpty()) {
            return true;
        }
        boolean admitted = false;
        for (String header : headers) {
            for (String element : header.split(",", -1)) {
                if (element.isBlank()) {
                    continue;
                }
                admitted |= admits(element, type, subtype);
            }
        }
        return admitted;
    }

    private static boolean admits(String range, String type, String subtype) {
        String[] parts = range.split(";", -1);
        String[] typeAndSubtype = parts[0].trim().split("/", -1);
        if (typeAndSubtype.length != 2 || !isToken(typeAndSubtype[0]) || !isToken(typeAndSubtype[1])
                || typeAndSubtype[0].equals("*") && !typeAndSubtype[1].equals("*")) {
            throw malformed();
        }
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals <= 0 || !isToken(parameter.substring(0, equals).trim()) || !isValue(parameter.substring(equals + 1).trim())) {
                throw malformed();
            }
            if (parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                weight = weight(parameter.substring(equals + 1).trim());
            }
        }
        String rangeType = typeAndSubtype[0].toLowerCase(Locale.ROOT);
        String rangeSubtype = typeAndSubtype[1].toLowerCase(Locale.ROOT);
        boolean matches = rangeType.equals("*") || rangeType.equals(type) && (rangeSubtype.equals("*") || rangeSubtype.equals(subtype));
        return matches && weight > 0;
    }

    /** A qvalue: 0 or 1, with at most three decimals. */
    private static double weight(String value) {
        if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
            throw malformed();
        }
        return Double.parseDouble(value);
    }

    private static boolean isValue(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7F);
        }
        return isToken(value);
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TCHAR_SYMBOLS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static Refusal malformed() {
        return Refusal.badRequest("Accept", "Accept is not a list of media ranges");
    }
}
