/**
 * Connector SPI: HRIS, LMS, performance-review and survey systems the hub syncs with. A {@link
 * io.mentorhub.api.connector.Connector} declares its kind, capabilities and configuration schema and implements one
 * facet per capability ({@link io.mentorhub.api.connector.PeopleSource}, {@link
 * io.mentorhub.api.connector.PeopleFileReader}); each call handles one page and reports failure only as a typed
 * {@link io.mentorhub.api.connector.ConnectorException}.
 */
@Export
@Version("1.1.0")
package io.mentorhub.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
