package io.mentorhub.api.survey;

import io.mentorhub.api.HubPlugin;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** A survey tool, built in or external. Later versions of this package add define, distribute and collect. */
@ConsumerType
public interface SurveyTool extends HubPlugin {

    Set<SurveyKind> supportedKinds();
}
