/// The server's version, reported by `GET /v1/version`.
public enum PerpetuaVersion {
    public static let version = "0.5.0"
    /// The git commit, from `PERPETUA_COMMIT` at build time when set by a release script;
    /// "unknown" in development builds.
    public static let commit = "unknown"
}
