/// The HTTP methods the Perpetua API uses.
public enum RequestMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}
