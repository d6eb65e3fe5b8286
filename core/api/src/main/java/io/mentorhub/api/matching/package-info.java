/**
 * Matching SPI: compatibility scorers and hard constraints that turn a program's enrollments into scored candidate
 * pairs, and strategies that turn those candidates into proposed pairings.
 */
@Export
@Version("1.0.0")
package io.mentorhub.api.matching;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
