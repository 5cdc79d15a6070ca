package dev.herd.engine.feeder;

import dev.herd.engine.protocol.FrameTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Per-client identity for a run ({@code --feeder}): a table of rows whose columns fill placeholders of the same name in
 * URLs and header values ({@code {token}}) and in protocol frames ({@code {{token}}}), one row per client by
 * {@link FeederOrder}. Columns named as secrets ({@code --feeder-secret}) are never written to results or the console.
 * Immutable; any thread.
 *
 * <pre>{@code
 * Feeder users = FeederReader.read(Path.of("users.csv")).order(FeederOrder.CIRCULAR).secret("token");
 * String token = users.value(client, users.column("token"));
 * }</pre>
 */
public final class Feeder {

    private final List<String> columns;
    private final Map<String, Integer> columnIndex;
    private final String[][] rows;
    private final FeederOrder order;
    private final Set<String> secretColumns;
    private final long seed;
    private final String source;

    private Feeder(String source, List<String> columns, String[][] rows, FeederOrder order, Set<String> secretColumns,
                   long seed) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.order = order;
        this.secretColumns = Set.copyOf(secretColumns);
        this.seed = seed;
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            index.put(columns.get(c), c);
        }
        this.columnIndex = Map.copyOf(index);
    }

    /**
     * A feeder of {@code rows} (each as many values as there are columns), taken in sequential order; throws
     * {@link IllegalArgumentException} naming a row of the wrong width, an empty table or a column that is not a name.
     */
    public static Feeder of(String source, List<String> columns, List<List<String>> rows) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(source + " has no columns");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!FrameTemplate.isName(column)) {
                throw new IllegalArgumentException(source + ": column '" + column
                        + "' is not a placeholder name (letters, digits and _)");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException(source + ": column '" + column + "' appears twice");
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " has no rows");
        }
        String[][] table = new String[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(source + ": row " + (r + 1) + " has " + row.size()
                        + " values, the columns are " + columns.size());
            }
            table[r] = row.toArray(new String[0]);
        }
        return new Feeder(source, columns, table, FeederOrder.SEQUENTIAL, Set.of(), 1);
    }

    /** This feeder taken in {@code newOrder}, rows drawn with {@code newSeed} when random. */
    public Feeder order(FeederOrder newOrder, long newSeed) {
        return new Feeder(source, columns, rows, newOrder, secretColumns, newSeed);
    }

    /** This feeder with {@code column}'s values masked wherever herd writes; throws when there is no such column. */
    public Feeder secret(String column) {
        if (!columnIndex.containsKey(column)) {
            throw new IllegalArgumentException(source + " has no column '" + column + "' (columns: "
                    + String.join(", ", columns) + ")");
        }
        Set<String> secrets = new LinkedHashSet<>(secretColumns);
        secrets.add(column);
        return new Feeder(source, columns, rows, order, secrets, seed);
    }

    /** The row client {@code client} takes (0-based). */
    public int rowOf(int client) {
        return switch (order) {
            case SEQUENTIAL -> Math.min(client, rows.length - 1);
            case CIRCULAR -> client % rows.length;
            case RANDOM -> new SplittableRandom(seed * 0x9E3779B97F4A7C15L + client).nextInt(rows.length);
        };
    }

    /** The value of column {@code column} (from {@link #column}) for client {@code client}. */
    public String value(int client, int column) {
        return rows[rowOf(client)][column];
    }

    /** The value of column {@code column} in row {@code row} (0-based, in the file's order), whoever takes it. */
    public String rowValue(int row, int column) {
        return rows[row][column];
    }

    /** The index of a column, or -1 when there is none of that name. */
    public int column(String name) {
        Integer c = columnIndex.get(name);
        return c == null ? -1 : c;
    }

    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return rows.length;
    }

    public FeederOrder order() {
        return order;
    }

    /** Where the rows came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /**
     * Whether {@code clients} clients each get a row of their own when the order asks for it: sequential order with
     * fewer rows than clients is a usage error, named by this.
     */
    public void checkCovers(int clients) {
        if (order == FeederOrder.SEQUENTIAL && clients > rows.length) {
            throw new IllegalArgumentException("the feeder " + source + " has " + rows.length + " rows for " + clients
                    + " clients in sequential order (one row each); add rows, or use --feeder-order circular or random");
        }
    }

    /** Every value of the secret columns. */
    public Set<String> secretValues() {
        List<String> values = new ArrayList<>();
        for (String column : secretColumns) {
            int c = columnIndex.get(column);
            for (String[] row : rows) {
                values.add(row[c]);
            }
        }
        return Set.copyOf(values);
    }

    public Set<String> secretColumns() {
        return secretColumns;
    }

    @Override
    public String toString() {
        return "Feeder[" + source + ", columns=" + columns + ", rows=" + rows.length + ", order=" + order.key()
                + ", secret=" + secretColumns + "]";
    }
}
