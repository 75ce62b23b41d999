#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes diagnostics to standard error, leaving standard output to results (a benchmark's
/// JSON line must stay the last line there).
///
/// It writes to the file descriptor directly: the C `stderr` global is a mutable global
/// that Swift 6's strict concurrency checking will not let us read.
enum StandardError {
    /// Writes `message` and a newline.
    static func line(_ message: String) {
        var text = message + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
