package io.mentorhub.engine.sync;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.FileEndpoint;

/**
 * One instance's drop folder, watched with Camel's file component: a file is taken only once it is complete (its size
 * and time stamp unchanged for a second, readLock=changed; hidden, {@code .part}/{@code .tmp} and report files are
 * never taken), then handed to the sync flow ({@link SyncRoute#FILE}): validated whole, applied page by page, and
 * archived — the flow moves every file it processed, so the consumer itself never moves or deletes one (noop).
 */
final class DropFolderRoute extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DropFolderRoute.class);

    private static final String NOT_DATA = ".*\\.(errors\\.csv|part|tmp|filepart|crdownload)";

    private final ConnectorSync sync;
    private final String instanceId;
    private final Path folder;
    private final String pattern;

    DropFolderRoute(ConnectorSync sync, String instanceId, InstanceSettings settings) {
        this.sync = sync;
        this.instanceId = instanceId;
        this.folder = settings.folder();
        this.pattern = settings.filePattern().pattern();
    }

    String routeId() {
        return "drop-folder-" + instanceId;
    }

    /** Whether this route watches what the settings ask for. */
    boolean watches(InstanceSettings settings) {
        return Objects.equals(folder, settings.folder()) && pattern.equals(settings.filePattern().pattern());
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(exchange -> LOG.warn("Drop folder of {}: {}; the file "
                + "stays and is tried again", instanceId, exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                        Exception.class).toString()));
        FileEndpoint files = getContext().getEndpoint("file:" + folder + "?noop=true&idempotent=false"
                + "&readLock=changed&readLockMinAge=1000&readLockCheckInterval=250&readLockTimeout=30000&delay=1000"
                + "&initialDelay=500&sortBy=file:modified", FileEndpoint.class);
        // Set as values, not in the URI: a regular expression may hold any character.
        files.setInclude(pattern);
        files.setExclude(NOT_DATA);
        from(files).routeId(routeId())
                .process(exchange -> exchange.getMessage().setBody(sync.fileArrived(instanceId,
                        Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)))))
                .filter(body().isNotNull())
                .to(SyncRoute.FILE);
    }

}
