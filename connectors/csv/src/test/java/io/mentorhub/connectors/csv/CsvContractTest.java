package io.mentorhub.connectors.csv;

import io.mentorhub.api.connector.Connector;
import io.mentorhub.testkit.PeopleFileContractTest;
import io.mentorhub.testkit.PeopleFileSandbox;
import java.util.Map;

/** The drop-folder contract for the CSV connector, with dates written dd.MM.yyyy and the delimiter sniffed. */
class CsvContractTest extends PeopleFileContractTest {

    final CsvPeopleConnector connector = new CsvPeopleConnector();
    final CsvExports exports = new CsvExports();

    @Override
    protected Connector connector() {
        return connector;
    }

    @Override
    protected Map<String, String> configuration() {
        return Map.of("date_format", "dd.MM.yyyy");
    }

    @Override
    protected PeopleFileSandbox files() {
        return exports;
    }
}
