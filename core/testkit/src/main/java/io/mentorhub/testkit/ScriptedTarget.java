package io.mentorhub.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The part every push target's fake shares: it counts requests and, while told to {@link #fail}, answers each with
 * the failure instead — in the vendor's own shapes for a refused credential, a rate limit and a server error
 * ({@link #unauthorized}, {@link #rateLimited}, {@link #serverError}); a reset connection and a redirect are the same
 * everywhere. A fake calls {@link #counted()} first thing for every request and answers normally when it is null.
 */
public abstract class ScriptedTarget implements PushSandbox {

    private PeopleSandbox.Failure failure;
    private int requests;

    @Override
    public synchronized void fail(PeopleSandbox.Failure failure) {
        this.failure = failure;
    }

    @Override
    public synchronized void stopFailing() {
        failure = null;
    }

    @Override
    public synchronized int requests() {
        return requests;
    }

    /** Counts the request; the scripted failure's answer, or null when the request is to be answered normally. */
    protected synchronized ResponseDefinition counted() {
        requests++;
        if (failure == null) {
            return null;
        }
        return switch (failure.type()) {
            case UNAUTHORIZED -> unauthorized();
            case RATE_LIMITED -> rateLimited(new ResponseDefinitionBuilder().withStatus(429)
                    .withHeader("Retry-After", Long.toString(failure.retryAfter().toSeconds())));
            case SERVER_ERROR -> serverError();
            case CONNECTION_RESET -> new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case REDIRECT -> new ResponseDefinitionBuilder().withStatus(307)
                    .withHeader("Location", failure.location().toString()).build();
        };
    }

    /** The vendor's answer to refused credentials. */
    protected abstract ResponseDefinition unauthorized();

    /** The vendor's 429, completed from a builder that has the status and the Retry-After already. */
    protected abstract ResponseDefinition rateLimited(ResponseDefinitionBuilder tooMany);

    /** The vendor's answer when it is down. */
    protected abstract ResponseDefinition serverError();
}
