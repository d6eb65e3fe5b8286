package io.mentorhub.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void databaseErrorsAreLoggedWithoutTheValuesDriversQuote() {
        SQLException driver = new SQLException(
                "Value too long for column BODY: 'Confidential: my manager and I ...'", "22001", 22001);
        Exception logged = Api.redacted(driver);
        assertFalse(logged.getMessage().contains("Confidential"));
        assertTrue(logged.getMessage().contains("22001"));
        assertArrayEquals(driver.getStackTrace(), logged.getStackTrace(), "the stack still says where it failed");
    }
}
