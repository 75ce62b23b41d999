import HTTPTypes

/// One registered route: what the OpenAPI document and the authentication matrix are
/// checked against.
public struct RouteDescriptor: Hashable, Sendable {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: RouteAccess
    /// Rate-limit weight.
    public var weight: Int

    public init(method: HTTPRequest.Method, path: String, access: RouteAccess, weight: Int) {
        self.method = method
        self.path = path
        self.access = access
        self.weight = weight
    }
}
