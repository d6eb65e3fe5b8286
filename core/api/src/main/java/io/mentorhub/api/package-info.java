/**
 * mentorhub plugin API: what every plugin has in common.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
