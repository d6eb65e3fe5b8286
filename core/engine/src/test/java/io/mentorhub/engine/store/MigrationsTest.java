package io.mentorhub.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static JdbcDataSource memoryDatabase(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void shippedMigrationsApplyOnceInOrder() throws SQLException {
        JdbcDataSource db = memoryDatabase("shipped");
        List<Integer> first = Migrations.apply(db, getClass().getClassLoader());
        assertEquals(1, first.get(0));
        assertEquals(List.of(), Migrations.apply(db, getClass().getClassLoader()), "second start applies nothing");
        try (Connection c = db.getConnection(); ResultSet rows = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM hub_node")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    @Test
    void aChangedMigrationStopsTheStart() throws SQLException {
        JdbcDataSource db = memoryDatabase("changed");
        Migrations.apply(db, List.of(new Migrations.Migration(1, "t", "CREATE TABLE t (id INT);")));
        SQLException e = assertThrows(SQLException.class, () -> Migrations.apply(db,
                List.of(new Migrations.Migration(1, "t", "CREATE TABLE t (id BIGINT);"))));
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void aFailingMigrationIsNotRecorded() throws SQLException {
        JdbcDataSource db = memoryDatabase("failing");
        var broken = new Migrations.Migration(1, "broken", "CREATE TABLE ok (id INT);\nCREATE TABLE (oops);");
        SQLException e = assertThrows(SQLException.class, () -> Migrations.apply(db, List.of(broken)));
        assertTrue(e.getMessage().startsWith("migration V1 (broken) failed"), e.getMessage());
        try (Connection c = db.getConnection(); ResultSet rows = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM schema_migration")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    @Test
    void statementsSplitOnSemicolonsAtLineEndsAndSkipComments() {
        var migration = new Migrations.Migration(2, "x", "-- a comment; not a statement\nCREATE TABLE a (v VARCHAR(5) DEFAULT ';');\n\nINSERT INTO a VALUES ('x');\n");
        assertEquals(List.of("CREATE TABLE a (v VARCHAR(5) DEFAULT ';')", "INSERT INTO a VALUES ('x')"),
                migration.statements());
    }
}
