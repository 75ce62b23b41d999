import Foundation
import Logging

/// A swift-log handler that writes one human-readable line per event to standard error:
/// `time level label : key=value … [source] message`, the layout of swift-log's
/// `StreamLogHandler`.
///
/// It exists for speed: `StreamLogHandler` re-renders its whole metadata as text every
/// time a metadata value is set, and the HTTP server sets the request id on every request's
/// logger, so each request paid for formatting it would almost never log (about 2 % of the
/// server's time under load). This handler keeps the metadata as values and renders them
/// only for an event that passes the level.
public struct TextLogHandler: LineLogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    /// A handler for `label` writing lines to standard error.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, metadataProvider: metadataProvider) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A handler for `label` handing each line (with its newline) to `write` (tests).
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(event)
        let rendered = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        write("\(Self.timestamp()) \(event.level) \(label) :\(rendered) [\(event.source)] \(event.message)\n")
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().timeSeparator(.colon).time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
