package io.mentorhub.logbridge;

import java.util.Collections;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One log for everything: entries written to the OSGi log service (a plugin that throws on activation, a jar
 * FileInstall cannot install, framework errors) and java.util.logging records all go to slf4j, so they land in
 * logs/mentorhub.log. Starts at start level 1, right after the log service, and replays what was logged before it.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public class LogBridge implements BundleActivator, LogListener {

    private ServiceTracker<LogReaderService, LogReaderService> readers;

    @Override
    public void start(BundleContext context) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        readers = new ServiceTracker<>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
                LogReaderService reader = super.addingService(reference);
                // getLog() is newest first; replay oldest first so the file reads in order.
                var earlier = Collections.list(reader.getLog());
                Collections.reverse(earlier);
                earlier.forEach(LogBridge.this::logged);
                reader.addLogListener(LogBridge.this);
                return reader;
            }

            @Override
            public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
                reader.removeLogListener(LogBridge.this);
                super.removedService(reference, reader);
            }
        };
        readers.open();
    }

    @Override
    public void stop(BundleContext context) {
        readers.close();
        SLF4JBridgeHandler.uninstall();
    }

    /**
     * Bundle and service events are routine (INFO) and only their warnings and errors are kept; everything a bundle
     * logged itself keeps its level, under a logger named after the bundle.
     */
    @Override
    public void logged(LogEntry entry) {
        String name = entry.getLoggerName();
        boolean event = name != null && name.startsWith("Events.");
        LogLevel level = entry.getLogLevel();
        if (event && level.implies(LogLevel.INFO)) {
            return;
        }
        String bundle = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        Logger logger = LoggerFactory.getLogger(name == null || event || "LogService".equals(name)
                ? "osgi." + bundle : name);
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (level) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            case DEBUG -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }
}
