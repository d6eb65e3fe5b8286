package io.mentorhub.engine.survey;

import io.mentorhub.api.survey.SurveyInbox;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.engine.api.ApiTestSupport;
import java.lang.reflect.Proxy;
import java.time.Duration;

/** The survey engine on the API test hub's database, links and clock, with the real built-in survey tool. */
public final class SurveyTestSupport {

    private SurveyTestSupport() {
    }

    public static Surveys.Settings settings(int threshold) {
        return new Surveys.Settings("builtin", threshold, 14, 14, 60_000, 3, Duration.ofSeconds(60),
                Duration.ofSeconds(600), 5);
    }

    public static Surveys engine(ApiTestSupport api) throws Exception {
        Surveys surveys = new Surveys(api.database, api.links, null, settings(5), api.clock);
        surveys.bindTool(builtinTool(new HubSurveyInbox(api.database), 2));
        api.surveys = surveys;
        return surveys;
    }

    /**
     * The plugin's own component, made as Declarative Services would: its configuration annotation is package-private
     * in the plugin, so it is implemented by a proxy ({@code pageSize} small, so collecting takes several pages).
     */
    public static SurveyTool builtinTool(SurveyInbox inbox, int pageSize) throws Exception {
        Class<?> tool = Class.forName("io.mentorhub.plugins.surveys.builtin.BuiltinSurveyTool");
        Class<?> config = Class.forName("io.mentorhub.plugins.surveys.builtin.BuiltinSurveyTool$Config");
        Object values = Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config},
                (proxy, method, args) -> switch (method.getName()) {
                    case "pageSize" -> pageSize;
                    case "annotationType" -> config;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> "BuiltinSurveyTool.Config[pageSize=" + pageSize + "]";
                });
        return (SurveyTool) tool.getConstructor(config, SurveyInbox.class).newInstance(values, inbox);
    }
}
