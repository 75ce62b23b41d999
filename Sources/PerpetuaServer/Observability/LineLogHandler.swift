import Logging

/// What the server's two log handlers (text and JSON lines) share: metadata kept as values
/// on the handler, and merged with the provider's and the event's only when an event is
/// written.
protocol LineLogHandler: LogHandler {}

extension LineLogHandler {
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The handler's metadata, then the provider's, then the event's; later ones win.
    func mergedMetadata(_ event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        return merged
    }
}
