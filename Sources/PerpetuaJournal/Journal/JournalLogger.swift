/// Where the journal reports what it repaired (a torn tail cut, a half-created segment
/// removed). A plain closure until the server adopts a logging library; the default
/// prints nothing.
public typealias JournalLogger = @Sendable (String) -> Void
