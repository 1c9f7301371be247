import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the statements a server ran into {@code EXPLAIN (ANALYZE, BUFFERS)} of the same statements with the same
 * values (bench/listing.sh). Reads, on standard input, a server log written with
 * {@code logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG} and
 * {@code logging.level.org.springframework.jdbc.core.StatementCreatorUtils=TRACE}, and prints a psql script that
 * prepares each statement whose SQL matches the pattern, explains its execution with the logged values and drops it.
 * Run with the JDK's source launcher: {@code java bench/ExplainStatements.java LABEL PATTERN < log > script.sql}.
 */
public class ExplainStatements {

    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");
    private static final String STATEMENT = "Executing prepared SQL ";
    private static final String VALUE = "parameter value [";
    private static final String VALUE_END = "], value class [";

    record Statement(String sql, List<String> values) {
    }

    public static void main(String[] args) throws IOException {
        String label = args[0];
        Pattern wanted = Pattern.compile(args[1]);
        List<Statement> statements = new ArrayList<>();
        StringBuilder sql = null;
        BufferedReader log = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            if (sql != null && !LOG_LINE.matcher(line).matches()) {
                sql.append('\n').append(line);
                continue;
            }
            if (sql != null) {
                statements.add(new Statement(strip(sql.toString()), new ArrayList<>()));
                sql = null;
            }
            int statement = line.indexOf(STATEMENT);
            int value = line.indexOf(VALUE);
            if (statement >= 0 && line.indexOf('[', statement) >= 0) {
                sql = new StringBuilder(line.substring(line.indexOf('[', statement) + 1));
            } else if (value >= 0 && !statements.isEmpty()) {
                String text = line.substring(value + VALUE.length(), line.lastIndexOf(VALUE_END));
                String type = line.substring(line.lastIndexOf(VALUE_END) + VALUE_END.length(), line.lastIndexOf(']'));
                statements.get(statements.size() - 1).values().add(literal(text, type));
            }
        }
        if (sql != null) {
            statements.add(new Statement(strip(sql.toString()), new ArrayList<>()));
        }
        int n = 0;
        for (Statement statement : statements) {
            if (!wanted.matcher(statement.sql()).find()) {
                continue;
            }
            n++;
            String name = "bench_" + n;
            System.out.println("\\echo '-- " + label + ", statement " + n + "'");
            System.out.println("\\echo " + quote(statement.sql().replaceAll("\\s+", " ")));
            System.out.println("prepare " + name + " as " + numbered(statement.sql()) + ";");
            System.out.println("explain (analyze, buffers) execute " + name
                    + (statement.values().isEmpty() ? "" : "(" + String.join(", ", statement.values()) + ")") + ";");
            System.out.println("deallocate " + name + ";");
        }
    }

    /** The logged SQL without the closing bracket of the log message. */
    private static String strip(String logged) {
        String sql = logged.strip();
        return sql.endsWith("]") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2...} (the statements have no {@code ?} in literals). */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String literal(String text, String type) {
        return switch (type) {
            case "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean" -> text;
            default -> quote(text);
        };
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
