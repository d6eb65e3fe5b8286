package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mentorhub.connectors.scim.Schemas.Attribute;
import io.mentorhub.connectors.scim.Schemas.Path;
import io.mentorhub.connectors.scim.Schemas.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2): attribute expressions with {@code eq ne co sw ew gt ge lt le pr}, {@code and},
 * {@code or}, {@code not}, parentheses and value paths such as {@code emails[type eq "work" and value co "@x.org"]}.
 * Parsed against a resource type — attribute names and operators ignoring case, unknown attributes and comparisons
 * an attribute's type does not allow are {@code invalidFilter} — and evaluated on a resource's JSON, strings
 * compared by the attribute's {@code caseExact} rule, dateTimes in time order.
 */
sealed interface Filter {

    /** Whether the resource (or, inside a value path, the multi-valued attribute's element) matches. */
    boolean matches(JsonNode node);

    enum Op {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE
    }

    record And(Filter left, Filter right) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            return left.matches(node) && right.matches(node);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            return left.matches(node) || right.matches(node);
        }
    }

    record Not(Filter inner) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            return !inner.matches(node);
        }
    }

    record Present(Path path) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            for (JsonNode value : values(node, path)) {
                if (!(value.isTextual() && value.asText().isEmpty()) && !(value.isObject() && value.isEmpty())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code path op value}; {@code value} is a JSON literal, NullNode for {@code null}. */
    record Compare(Path path, Op op, JsonNode value) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            List<JsonNode> values = values(node, path);
            if (value.isNull()) {
                return op == Op.EQ ? values.isEmpty() : !values.isEmpty();
            }
            if (op == Op.NE) {
                return values.stream().noneMatch(v -> test(Op.EQ, v));
            }
            return values.stream().anyMatch(v -> test(op, v));
        }

        private boolean test(Op operator, JsonNode actual) {
            Attribute leaf = path.leaf();
            return switch (leaf.type()) {
                case BOOLEAN -> actual.isBoolean() && actual.booleanValue() == value.booleanValue();
                case DATE_TIME -> {
                    Instant at = instant(actual.asText());
                    yield at != null && order(operator, at.compareTo(instant(value.asText())));
                }
                case INTEGER, DECIMAL -> actual.isNumber()
                        && order(operator, actual.decimalValue().compareTo(value.decimalValue()));
                default -> text(operator, actual.asText(), value.asText(), leaf.caseExact());
            };
        }

        private static boolean text(Op operator, String actual, String expected, boolean caseExact) {
            String a = caseExact ? actual : actual.toLowerCase(Locale.ROOT);
            String e = caseExact ? expected : expected.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case EQ -> a.equals(e);
                case CO -> a.contains(e);
                case SW -> a.startsWith(e);
                case EW -> a.endsWith(e);
                default -> order(operator, a.compareTo(e));
            };
        }

        private static boolean order(Op operator, int comparison) {
            return switch (operator) {
                case EQ -> comparison == 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                default -> false;
            };
        }
    }

    /** {@code attr[filter]}: some element of the multi-valued attribute matches the inner filter. */
    record ValuePath(Path path, Filter inner) implements Filter {
        @Override
        public boolean matches(JsonNode node) {
            for (JsonNode element : values(node, new Path(path.extension(), path.attribute(), null, false))) {
                if (inner.matches(element)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The values a path reaches in a node, multi-valued attributes flattened. A path without an attribute but with
     * a sub-attribute is relative to a value path's element.
     */
    static List<JsonNode> values(JsonNode node, Path path) {
        List<JsonNode> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (path.attribute() == null) {
            flatten(node.get(path.sub().name()), values);
            return values;
        }
        JsonNode container = path.extension() == null ? node : node.get(path.extension());
        if (container == null) {
            return values;
        }
        JsonNode attribute = container.get(path.attribute().name());
        if (path.sub() == null) {
            flatten(attribute, values);
        } else if (attribute != null && attribute.isArray()) {
            attribute.forEach(element -> flatten(element.get(path.sub().name()), values));
        } else if (attribute != null) {
            flatten(attribute.get(path.sub().name()), values);
        }
        return values;
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> {
                if (!element.isNull()) {
                    into.add(element);
                }
            });
        } else {
            into.add(node);
        }
    }

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses a filter for a resource type; {@code invalidFilter} for anything RFC 7644 Figure 1 does not allow. */
    static Filter parse(String text, Schemas.ResourceType type) {
        if (text == null || text.isBlank()) {
            throw ScimException.badRequest(ScimException.INVALID_FILTER, "the filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimException.badRequest(ScimException.INVALID_FILTER,
                    "the filter is longer than " + MAX_LENGTH + " characters");
        }
        return new Parser(text, type).filter();
    }

    /**
     * Parses the filter of a PATCH value path ({@code emails[type eq "work"]}): attribute names are the
     * sub-attributes of {@code within}.
     */
    static Filter parseWithin(String text, Schemas.ResourceType type, Path within) {
        if (text.isBlank()) {
            throw ScimException.badRequest(ScimException.INVALID_PATH, "a value filter is empty");
        }
        Parser parser = new Parser(text, type);
        parser.within = within;
        try {
            return parser.filter();
        } catch (ScimException e) {
            throw ScimException.badRequest(ScimException.INVALID_PATH, e.getMessage());
        }
    }

    int MAX_LENGTH = 10_000;

    /** Recursive descent over RFC 7644 Figure 1; precedence: grouping, not, and, or. */
    final class Parser {
        private static final int MAX_DEPTH = 50;
        private final String text;
        private final Schemas.ResourceType type;
        private int at;
        private int depth;
        /** Set inside a value path: attribute names there are the complex attribute's sub-attributes. */
        private Path within;

        Parser(String text, Schemas.ResourceType type) {
            this.text = text;
            this.type = type;
        }

        Filter filter() {
            Filter filter = or();
            skipSpaces();
            if (at < text.length()) {
                throw error("unexpected '" + text.charAt(at) + "' at position " + (at + 1));
            }
            return filter;
        }

        private Filter or() {
            Filter left = and();
            while (keyword("or")) {
                left = new Or(left, and());
            }
            return left;
        }

        private Filter and() {
            Filter left = unary();
            while (keyword("and")) {
                left = new And(left, unary());
            }
            return left;
        }

        private Filter unary() {
            if (++depth > MAX_DEPTH) {
                throw error("the filter nests deeper than " + MAX_DEPTH + " levels");
            }
            try {
                if (keyword("not")) {
                    expect('(');
                    Filter inner = or();
                    expect(')');
                    return new Not(inner);
                }
                if (peek('(')) {
                    at++;
                    Filter inner = or();
                    expect(')');
                    return inner;
                }
                return expression();
            } finally {
                depth--;
            }
        }

        private Filter expression() {
            String name = word();
            if (name.isEmpty()) {
                throw error(at < text.length() ? "expected an attribute at position " + (at + 1)
                        : "the filter ends where an attribute was expected");
            }
            if (at < text.length() && text.charAt(at) == '[') {
                if (within != null) {
                    throw error("value paths do not nest");
                }
                Path path = resolve(name);
                if (!path.attribute().complex() || path.sub() != null || !path.attribute().multiValued()) {
                    throw error(path.display() + " is not a multi-valued complex attribute");
                }
                at++;
                within = path;
                Filter inner;
                try {
                    inner = or();
                } finally {
                    within = null;
                }
                expect(']');
                return new ValuePath(path, inner);
            }
            Path path = resolve(name);
            String operator = word().toLowerCase(Locale.ROOT);
            if (operator.equals("pr")) {
                return new Present(path);
            }
            Op op;
            try {
                op = Op.valueOf(operator.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(operator.isEmpty() ? "expected an operator after " + name
                        : "unknown operator " + operator);
            }
            return compare(path, op, literal());
        }

        private Filter compare(Path path, Op op, JsonNode value) {
            Attribute leaf = path.leaf();
            if (leaf.complex()) {
                Attribute valueSub = leaf.sub("value");
                if (valueSub == null) {
                    throw error(path.display() + " is complex: compare one of its sub-attributes");
                }
                path = new Path(path.extension(), path.attribute(), valueSub, false);
                leaf = valueSub;
            }
            String name = path.display();
            if (value.isNull()) {
                if (op != Op.EQ && op != Op.NE) {
                    throw error("null can only be compared with eq or ne");
                }
                return new Compare(path, op, value);
            }
            switch (leaf.type()) {
                case BOOLEAN -> {
                    if (!value.isBoolean() || (op != Op.EQ && op != Op.NE)) {
                        throw error(name + " is a boolean: compare it with eq or ne and true or false");
                    }
                }
                case DATE_TIME -> {
                    if (!value.isTextual() || instant(value.asText()) == null) {
                        throw error(name + " is a dateTime: compare it with a date-time string");
                    }
                    if (op == Op.CO || op == Op.SW || op == Op.EW) {
                        throw error(name + " is a dateTime: " + op.name().toLowerCase(Locale.ROOT)
                                + " is not defined for it");
                    }
                }
                case INTEGER, DECIMAL -> {
                    if (!value.isNumber() || op == Op.CO || op == Op.SW || op == Op.EW) {
                        throw error(name + " is a number: compare it with a number");
                    }
                }
                default -> {
                    if (!value.isTextual()) {
                        throw error(name + " is a string: compare it with a quoted string");
                    }
                }
            }
            return new Compare(path, op, value);
        }

        private Path resolve(String name) {
            Path path;
            if (within != null) {
                Attribute sub = within.attribute().sub(name);
                if (sub == null) {
                    throw error("unknown sub-attribute " + within.display() + "." + name);
                }
                path = new Path(null, null, sub, false);
            } else {
                path = Schemas.resolve(type, name);
            }
            if (path == null) {
                throw error("unknown attribute " + name);
            }
            if (path.ignored()) {
                throw error(name + " is not kept by this service provider, so it cannot be filtered on");
            }
            if (path.attribute() == null && path.sub() == null) {
                throw error(name + " is a schema, not an attribute");
            }
            return path;
        }

        private JsonNode literal() {
            skipSpaces();
            if (at >= text.length()) {
                throw error("the filter ends where a value was expected");
            }
            char c = text.charAt(at);
            if (c == '"') {
                return TextNode.valueOf(string());
            }
            String token = word();
            switch (token.toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return BooleanNode.TRUE;
                }
                case "false" -> {
                    return BooleanNode.FALSE;
                }
                case "null" -> {
                    return NullNode.instance;
                }
                default -> {
                    if (token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                        return DecimalNode.valueOf(new BigDecimal(token));
                    }
                    throw error(token.isEmpty() ? "expected a value at position " + (at + 1)
                            : "a value must be a quoted string, a number, true, false or null");
                }
            }
        }

        /** A JSON string literal at the current position. */
        private String string() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("bad \\u escape in a string");
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error("bad escape \\" + escaped + " in a string");
                }
            }
            throw error("a string is not closed");
        }

        /** The next run of characters up to a space, parenthesis, bracket or quote. */
        private String word() {
            skipSpaces();
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == ' ' || c == '(' || c == ')' || c == '[' || c == ']' || c == '"' || Character.isWhitespace(c)) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        private boolean keyword(String keyword) {
            skipSpaces();
            int end = at + keyword.length();
            if (end <= text.length() && text.regionMatches(true, at, keyword, 0, keyword.length())
                    && (end == text.length() || text.charAt(end) == ' ' || text.charAt(end) == '('
                    || Character.isWhitespace(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            skipSpaces();
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error(at < text.length() ? "expected '" + c + "' at position " + (at + 1)
                        : "expected '" + c + "' before the end of the filter");
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private static ScimException error(String detail) {
            return ScimException.badRequest(ScimException.INVALID_FILTER, detail);
        }
    }

    /** The conjuncts of a filter's top-level {@code and}s. */
    static List<Filter> conjuncts(Filter filter) {
        List<Filter> all = new ArrayList<>();
        if (filter instanceof And and) {
            all.addAll(conjuncts(and.left()));
            all.addAll(conjuncts(and.right()));
        } else {
            all.add(filter);
        }
        return all;
    }

    /** Whether a type compares by text. */
    static boolean textual(Type type) {
        return type == Type.STRING || type == Type.REFERENCE;
    }
}
