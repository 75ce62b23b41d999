import HTTPTypes

extension HTTPField.Name {
    static let requestId = HTTPField.Name("X-Request-Id")!
    static let rateLimitLimit = HTTPField.Name("X-RateLimit-Limit")!
    static let rateLimitRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    static let rateLimitReset = HTTPField.Name("X-RateLimit-Reset")!
    static let apiKey = HTTPField.Name("X-API-KEY")!
    static let apiTimestamp = HTTPField.Name("X-API-TIMESTAMP")!
    static let apiRecvWindow = HTTPField.Name("X-API-RECV-WINDOW")!
    static let apiSignature = HTTPField.Name("X-API-SIGNATURE")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
