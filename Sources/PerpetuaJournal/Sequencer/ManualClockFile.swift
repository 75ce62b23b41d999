import Foundation

/// The reading of a manual clock, kept in `DATA/manual-clock` when the operator moves it,
/// so that a restart continues from it (``DurableEngine/advanceClock(to:)``).
enum ManualClockFile {
    static let fileName = "manual-clock"

    /// The saved reading (ms since the Unix epoch), or nil when there is none or it is not a
    /// number (then the journal's time is used, as before the file existed).
    static func read(dataDirectory: String) -> Int64? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/" + fileName, encoding: .utf8) else { return nil }
        return Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Writes `time` whole or not at all: a temporary file, synced, then renamed over the old.
    static func write(_ time: Int64, dataDirectory: String) throws {
        let path = dataDirectory + "/" + fileName
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data("\(time)\n".utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
