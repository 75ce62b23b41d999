import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaServer
import Synchronization
import Testing

/// Holds the OpenAPI document (Sources/PerpetuaServer/OpenAPI/OpenAPIDocument.swift) to the route
/// table: every registered route is documented, every documented operation is registered
/// (or marked `x-perpetua-pending` while its route is still being built), and each
/// operation's security, access and weight are the route's.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// The document as the server serves it (``OpenAPIDocument`` in PerpetuaServer/OpenAPI).
    static func documentBytes() async throws -> Data {
        let harness = try await ServerHarness.start()
        let bytes = Mutex(Data())
        try await harness.test { client in
            let body = try await client.execute(uri: "/openapi.json", method: .get) { Data($0.body.readableBytesView) }
            bytes.withLock { $0 = body }
        }
        await harness.stop()
        return bytes.withLock { $0 }
    }

    static func document() async throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: await documentBytes()) as? [String: Any])
    }

    /// `(METHOD path) → operation` for every operation of the document.
    static func operations(_ document: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] where methods.contains(method) {
                result["\(method.uppercased()) \(path)"] = operation as? [String: Any] ?? [:]
            }
        }
        return result
    }

    /// The document's name for a route's access (`x-perpetua-access`).
    static func accessName(_ access: RouteAccess) -> String {
        switch access {
        case .open: "open"
        case .login: "login"
        case .user(let permission): "user:\(permission.rawValue)"
        case .session: "session"
        case .admin: "admin"
        }
    }

    /// The security requirements an access implies, as sorted scheme-name lists.
    static func expectedSecurity(_ access: RouteAccess) -> [[String]] {
        switch access {
        case .open, .login: []
        case .user: [["bearerAuth"], ["apiKey", "apiRecvWindow", "apiSignature", "apiTimestamp"]]
        case .session: [["bearerAuth"]]
        case .admin: [["operatorAuth"]]
        }
    }

    static func security(_ operation: [String: Any]) -> [[String]]? {
        guard let list = operation["security"] as? [[String: Any]] else { return nil }
        return list.map { $0.keys.sorted() }
    }

    static func routes() async throws -> [RouteDescriptor] {
        let harness = try await ServerHarness.start()
        let routes = harness.gateway.makeRouter().routes
        await harness.stop()
        return routes
    }

    @Test("every registered route is documented, and every documented operation is registered or marked pending")
    func coverage() async throws {
        let operations = Self.operations(try await Self.document())
        let routes = try await Self.routes()
        let registered = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered.count == routes.count, "a route is registered twice")
        for key in registered.sorted() {
            let operation = operations[key]
            #expect(operation != nil, "\(key) is registered but missing from openapi.json")
            #expect(operation?["x-perpetua-pending"] == nil, "\(key) is registered: remove its x-perpetua-pending marker")
        }
        for (key, operation) in operations.sorted(by: { $0.key < $1.key }) where !registered.contains(key) {
            #expect(
                operation["x-perpetua-pending"] as? Bool == true,
                "openapi.json documents \(key), which the server does not register")
        }
    }

    @Test("each operation's security, access and weight are its route's")
    func securityFollowsAccess() async throws {
        let operations = Self.operations(try await Self.document())
        for route in try await Self.routes() {
            let key = "\(route.method.rawValue) \(route.path)"
            guard let operation = operations[key] else { continue }
            #expect(Self.security(operation) == Self.expectedSecurity(route.access), "security of \(key)")
            #expect(operation["x-perpetua-access"] as? String == Self.accessName(route.access), "x-perpetua-access of \(key)")
            #expect(operation["x-perpetua-weight"] as? Int == route.weight, "x-perpetua-weight of \(key)")
            let responses = operation["responses"] as? [String: Any] ?? [:]
            if route.access.needsUser || route.access == .admin {
                #expect(responses["401"] != nil, "\(key) needs credentials but documents no 401")
            }
            if route.access != .admin {
                #expect(responses["429"] != nil, "\(key) is rate limited but documents no 429")
            }
        }
        // Pending operations follow the same rules by their declared access.
        for (key, operation) in operations where operation["x-perpetua-pending"] as? Bool == true {
            let access: RouteAccess? = switch operation["x-perpetua-access"] as? String {
            case "open": .open
            case "login": .login
            case "user:READ": .user(.read)
            case "user:TRADE": .user(.trade)
            case "session": .session
            case "admin": .admin
            default: nil
            }
            let declared = try #require(access, "\(key) has no valid x-perpetua-access")
            #expect(Self.security(operation) == Self.expectedSecurity(declared), "security of \(key)")
        }
    }

    @Test("operation ids are unique, links name existing operations, every $ref resolves")
    func internalConsistency() async throws {
        let document = try await Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let operations = Self.operations(document)
        let ids = operations.values.compactMap { $0["operationId"] as? String }
        #expect(ids.count == operations.count, "an operation has no operationId")
        #expect(Set(ids).count == ids.count, "operationIds repeat")
        var linked: [String] = []
        for operation in operations.values {
            for response in (operation["responses"] as? [String: Any] ?? [:]).values {
                for link in ((response as? [String: Any])?["links"] as? [String: Any] ?? [:]).values {
                    linked.append((link as? [String: Any])?["operationId"] as? String ?? "")
                }
            }
        }
        #expect(linked.contains("getOrder") && linked.contains("cancelOrder"), "order creation links to query and cancel")
        for id in linked { #expect(ids.contains(id), "a link names the unknown operation \(id)") }
        var refs: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let ref = object["$ref"] as? String { refs.append(ref) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        for ref in Set(refs) {
            var node: Any? = document
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            #expect(ref.hasPrefix("#/") && node != nil, "unresolved $ref \(ref)")
        }
    }

    @Test("GET /openapi.json serves the document as raw JSON, not in the envelope")
    func served() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
                let json = try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(json["openapi"] as? String == "3.1.0")
                #expect(json["code"] == nil, "the document is not wrapped in the envelope")
            }
            let wrongMethod = try await client.call(.post, "/openapi.json", body: "{}")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET")
        }
        await harness.stop()
    }
}
