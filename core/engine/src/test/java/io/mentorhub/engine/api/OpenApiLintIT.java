package io.mentorhub.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document lints clean (no errors, no warnings) with @stoplight/spectral-cli and its OpenAPI
 * ruleset. .ci/run installs spectral; without it the test is skipped locally and fails under CI.
 */
class OpenApiLintIT {

    @Test
    void openApiDocumentLintsClean() throws Exception {
        Path document = Path.of("target/openapi.json");
        Files.write(document, OpenApi.document(ApiRoutes.all(Stores.on(null), List::of, () -> null, () -> null, () -> null,
                () -> null, () -> null,
                () -> new byte[0])));
        Path ruleset = Path.of("target/spectral.yaml");
        Files.writeString(ruleset, "extends: [\"spectral:oas\"]\n");
        ProcessBuilder lint = new ProcessBuilder("spectral", "lint", "--ruleset", ruleset.toString(),
                "--fail-severity", "warn", document.toString()).redirectErrorStream(true);
        Process process;
        try {
            process = lint.start();
        } catch (java.io.IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must lint the OpenAPI document but spectral is not installed", e);
            }
            assumeTrue(false, "spectral is not installed (npm install -g @stoplight/spectral-cli)");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "spectral found problems:\n" + output);
    }
}
