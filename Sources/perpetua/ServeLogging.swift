import Logging
import PerpetuaServer

/// The process's logging for `perpetua serve`: swift-log bootstrapped once with the
/// configured format (text or one JSON object per line) and level. Request handlers log
/// through loggers that carry `request_id` in their metadata.
enum ServeLogging {
    static func bootstrap(_ configuration: ServerConfiguration) -> Logger {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = TextLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "perpetua")
        logger.logLevel = level
        return logger
    }
}
