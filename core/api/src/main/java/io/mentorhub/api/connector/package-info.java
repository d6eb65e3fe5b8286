/**
 * Connector SPI: HRIS, LMS, performance-review and survey systems the hub syncs with.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
