import PerpetuaJournal

/// `GET /v1/version` and `GET /v1/time`.
extension APIRouter {
    func addSystemRoutes(_ gateway: Gateway) {
        get("/v1/version", access: .open) { _ in
            VersionResponse(version: PerpetuaVersion.version, apiVersion: "v1", commit: PerpetuaVersion.commit)
        }
        get("/v1/time", access: .open) { request in
            // Signatures are checked against wall time (`serverTime`); the exchange clock may
            // be a manual one in tests and drills (`exchangeTime`).
            TimeResponse(serverTime: SequencerClock.wallMilliseconds(), exchangeTime: request.now)
        }
    }
}

struct VersionResponse: Encodable, Sendable {
    var version: String
    var apiVersion: String
    var commit: String
}

struct TimeResponse: Encodable, Sendable {
    var serverTime: Int64
    var exchangeTime: Int64
}
