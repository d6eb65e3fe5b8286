/**
 * Survey SPI: tools that define, distribute and collect surveys.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api.survey;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
