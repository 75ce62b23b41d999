import ArgumentParser

/// How a command that is part of the contract but not built yet fails: one clear line on
/// standard error and exit status 69 (`EX_UNAVAILABLE` of sysexits), so scripts can tell
/// "not built yet" from a usage error (64) or a failed run (1).
enum NotAvailable {
    /// The exit status of a command that is not available yet.
    static let exitCode = ExitCode(69)

    /// Reports that `command` is not available yet and returns the error to throw.
    static func report(_ command: String, _ detail: String) -> ExitCode {
        StandardError.line("perpetua \(command): not available yet: \(detail)")
        return exitCode
    }
}
