package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.engine.json.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Create, read, update and page one kind of entity in one table: the SQL every entity shares, written once. A
 * subclass names its columns, how a value becomes column values and how a row becomes a value.
 */
public abstract class EntityStore<T> {

    private final String table;
    private final String idColumn;
    private final String entity;
    private final String[] columns;
    private final boolean uuidIds;
    /** The statements every write uses, built once from the columns. */
    private final String insertSql;
    private final String updateSql;

    protected EntityStore(String entity, String table, String idColumn, boolean uuidIds, String... columns) {
        this.entity = entity;
        this.table = table;
        this.idColumn = idColumn;
        this.uuidIds = uuidIds;
        this.columns = columns;
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        for (String column : columns) {
            names.add(column);
            marks.add("?");
            sets.add(column + " = ?");
        }
        this.insertSql = "INSERT INTO " + table + " (" + idColumn + ", " + names
                + ", version, created_at, modified_at) VALUES (?, " + marks + ", ?, ?, ?)";
        this.updateSql = "UPDATE " + table + " SET " + sets + ", version = version + 1, modified_at = ? WHERE "
                + idColumn + " = ?";
    }

    /** Column values in the order of the constructor's columns. */
    protected abstract Object[] values(T value);

    /** The value in a row (all columns of the table are selected); {@code tx} reads any child rows. */
    protected abstract T map(Tx tx, ResultSet row, String id) throws SQLException;

    protected abstract String idOf(T value);

    public String entity() {
        return entity;
    }

    protected Object idParameter(String id) {
        return uuidIds ? Tx.uuid(id) : id;
    }

    /** Inserts a new value at version 1. */
    public Stored<T> insert(Tx tx, T value) throws SQLException {
        tx.update(insertSql, insertRow(tx, value));
        return new Stored<>(value, 1, tx.now(), tx.now());
    }

    /** {@link #insertSql()} parameters for a new value: id, columns, version 1, created and modified now. */
    protected Object[] insertRow(Tx tx, T value) {
        Object[] data = values(value);
        Object[] row = new Object[data.length + 4];
        row[0] = idParameter(idOf(value));
        System.arraycopy(data, 0, row, 1, data.length);
        row[data.length + 1] = 1L;
        row[data.length + 2] = tx.now();
        row[data.length + 3] = tx.now();
        return row;
    }

    /** {@link #updateSql()} parameters: columns, modified now, id. */
    protected Object[] updateRow(Tx tx, T value) {
        Object[] data = values(value);
        Object[] row = new Object[data.length + 2];
        System.arraycopy(data, 0, row, 0, data.length);
        row[data.length] = tx.now();
        row[data.length + 1] = idParameter(idOf(value));
        return row;
    }

    protected String insertSql() {
        return insertSql;
    }

    protected String updateSql() {
        return updateSql;
    }

    public Optional<Stored<T>> find(Tx tx, String id) throws SQLException {
        if (uuidIds && !isUuid(id)) {
            return Optional.empty();
        }
        return tx.one("SELECT * FROM " + table + " WHERE " + idColumn + " = ?", row -> stored(tx, row), idParameter(id));
    }

    public Stored<T> get(Tx tx, String id) throws SQLException {
        return find(tx, id).orElseThrow(() -> StoreException.notFound(entity, id));
    }

    /** For update: reads and locks the row until the transaction ends. */
    public Stored<T> lock(Tx tx, String id) throws SQLException {
        if (uuidIds && !isUuid(id)) {
            throw StoreException.notFound(entity, id);
        }
        return tx.one("SELECT * FROM " + table + " WHERE " + idColumn + " = ? FOR UPDATE", row -> stored(tx, row),
                idParameter(id)).orElseThrow(() -> StoreException.notFound(entity, id));
    }

    /**
     * Replaces the stored value, bumping its version. With {@code expectedVersion}, fails with STALE_VERSION unless
     * the stored version is that one (optimistic concurrency: HTTP If-Match).
     */
    public Stored<T> update(Tx tx, T value, Long expectedVersion) throws SQLException {
        String id = idOf(value);
        List<Object> parameters = new ArrayList<>(java.util.Arrays.asList(updateRow(tx, value)));
        String sql = updateSql;
        if (expectedVersion != null) {
            sql += " AND version = ?";
            parameters.add(expectedVersion);
        }
        if (tx.update(sql, parameters.toArray()) == 0) {
            if (find(tx, id).isEmpty()) {
                throw StoreException.notFound(entity, id);
            }
            throw StoreException.stale(entity, id, expectedVersion);
        }
        return get(tx, id);
    }

    /** A page ordered by (modified_at, id), optionally filtered by a WHERE fragment over this table. */
    public Page<T> page(Tx tx, String where, List<Object> whereParameters, Page.Request request) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM " + table + " WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (where != null) {
            sql.append(" AND (").append(where).append(')');
            parameters.addAll(whereParameters);
        }
        if (request.modifiedAfter() != null) {
            sql.append(" AND modified_at > ?");
            parameters.add(request.modifiedAfter());
        }
        if (request.after() != null) {
            sql.append(" AND (modified_at > ? OR (modified_at = ? AND ").append(idColumn).append(" > ?))");
            parameters.add(request.after().modifiedAt());
            parameters.add(request.after().modifiedAt());
            parameters.add(idParameter(request.after().id()));
        }
        sql.append(" ORDER BY modified_at, ").append(idColumn).append(" FETCH FIRST ").append(request.limit() + 1)
                .append(" ROWS ONLY");
        List<Stored<T>> rows = tx.query(sql.toString(), row -> stored(tx, row), parameters.toArray());
        String next = null;
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            Stored<T> last = rows.get(rows.size() - 1);
            next = new Page.Cursor(last.modifiedAt(), idOf(last.value())).encode();
        }
        return new Page<>(List.copyOf(rows), next);
    }

    public long count(Tx tx) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM " + table);
    }

    protected Stored<T> stored(Tx tx, ResultSet row) throws SQLException {
        String id = uuidIds ? Tx.uuid(row, idColumn) : row.getString(idColumn);
        return new Stored<>(map(tx, row, id), row.getLong("version"), Tx.instant(row, "created_at"),
                Tx.instant(row, "modified_at"));
    }

    public static boolean isUuid(String id) {
        return id != null && id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    public static String json(Object value) {
        try {
            return JsonMapper.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    public static <V> V json(String text, Class<V> type) {
        try {
            return JsonMapper.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }

    public static <V> V json(String text, TypeReference<V> type) {
        try {
            return JsonMapper.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }
}
