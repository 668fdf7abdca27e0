package dev.ssehub.topic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compiles an RFC 6570 URI template (levels 1 to 4) into a regular expression that matches every
 * URI the template can expand to. Used only for matching: no variable values are extracted.
 */
final class UriTemplatePattern {

    private static final String PCT_ENCODED = "%[0-9A-Fa-f]{2}";
    private static final String UNRESERVED = "[A-Za-z0-9\\-._~]";
    private static final String RESERVED = "[:/?#\\[\\]@!$&'()*+,;=]";
    private static final String UNRESERVED_VALUE = "(?:" + UNRESERVED + "|" + PCT_ENCODED + ")";
    private static final String RESERVED_VALUE = "(?:" + UNRESERVED + "|" + RESERVED + "|" + PCT_ENCODED + ")";
    private static final Pattern VARIABLE = Pattern.compile("(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*");

    private UriTemplatePattern() {
    }

    /** The compiled pattern, or empty when the text is not a valid URI template. */
    static Optional<Pattern> compile(String template) {
        StringBuilder regex = new StringBuilder();
        int position = 0;
        while (position < template.length()) {
            int open = template.indexOf('{', position);
            int strayClose = template.indexOf('}', position);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                return Optional.empty();
            }
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(position)));
                break;
            }
            if (open > position) {
                regex.append(Pattern.quote(template.substring(position, open)));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                return Optional.empty();
            }
            Optional<String> expression = expression(template.substring(open + 1, close));
            if (expression.isEmpty()) {
                return Optional.empty();
            }
            regex.append(expression.get());
            position = close + 1;
        }
        return Optional.of(Pattern.compile(regex.toString()));
    }

    private static Optional<String> expression(String body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Operator operator = Operator.of(body.charAt(0));
        String[] specs = (operator == Operator.SIMPLE ? body : body.substring(1)).split(",", -1);
        StringBuilder names = new StringBuilder();
        boolean exploded = false;
        int maxLength = 0;
        for (String spec : specs) {
            String name = spec;
            if (name.endsWith("*")) {
                exploded = true;
                name = name.substring(0, name.length() - 1);
            } else if (name.indexOf(':') >= 0) {
                String length = name.substring(name.indexOf(':') + 1);
                if (!length.matches("[1-9][0-9]{0,3}")) {
                    return Optional.empty();
                }
                maxLength = Math.max(maxLength, Integer.parseInt(length));
                name = name.substring(0, name.indexOf(':'));
            }
            if (!VARIABLE.matcher(name).matches()) {
                return Optional.empty();
            }
            names.append(names.isEmpty() ? "" : "|").append(Pattern.quote(name));
        }
        // A prefix modifier bounds the value only when it is the expression's sole variable.
        boolean bounded = specs.length == 1 && maxLength > 0;
        String value = operator.valueChars() + (bounded ? "{0," + maxLength + "}" : "*");
        String item = value;
        if (operator.named) {
            // An exploded associative array contributes keys of its own, not the variable's name.
            String key = exploded ? "(?:" + names + "|" + UNRESERVED_VALUE + "+)" : "(?:" + names + ")";
            item = key + (operator == Operator.PATH_PARAMETER ? "(?:=" + value + ")?" : "=" + value);
        }
        // A list value expands with ','; several variables, or an exploded one, with the operator's separator.
        String separator = specs.length > 1 || exploded ? "(?:" + Pattern.quote(operator.separator) + "|,)" : ",";
        return Optional.of("(?:" + Pattern.quote(operator.prefix) + item + "(?:" + separator + item + ")*)?");
    }

    private enum Operator {
        SIMPLE("", ",", false, false),
        RESERVED('+', "", ",", false, true),
        FRAGMENT('#', "#", ",", false, true),
        LABEL('.', ".", ".", false, false),
        PATH_SEGMENT('/', "/", "/", false, false),
        PATH_PARAMETER(';', ";", ";", true, false),
        QUERY('?', "?", "&", true, false),
        QUERY_CONTINUATION('&', "&", "&", true, false);

        private final char symbol;
        private final String prefix;
        private final String separator;
        private final boolean named;
        private final boolean allowsReserved;

        Operator(String prefix, String separator, boolean named, boolean allowsReserved) {
            this('\0', prefix, separator, named, allowsReserved);
        }

        Operator(char symbol, String prefix, String separator, boolean named, boolean allowsReserved) {
            this.symbol = symbol;
            this.prefix = prefix;
            this.separator = separator;
            this.named = named;
            this.allowsReserved = allowsReserved;
        }

        String valueChars() {
            return allowsReserved ? RESERVED_VALUE : UNRESERVED_VALUE;
        }

        static Operator of(char first) {
            for (Operator operator : values()) {
                if (operator.symbol == first && operator != SIMPLE) {
                    return operator;
                }
            }
            return SIMPLE;
        }
    }
}
