/**
 * Matching SPI: strategies that turn scored candidate pairs into proposed pairings.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api.matching;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
