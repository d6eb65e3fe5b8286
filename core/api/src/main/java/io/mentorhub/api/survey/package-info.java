/**
 * Survey SPI: tools that define, distribute and collect surveys ({@link io.mentorhub.api.survey.SurveyTool}), the
 * definitions, invitations and responses they exchange with the hub, their typed error, and the pure schedule that
 * says when a program's surveys fall due.
 */
@Export
@Version("1.1.0")
package io.mentorhub.api.survey;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
