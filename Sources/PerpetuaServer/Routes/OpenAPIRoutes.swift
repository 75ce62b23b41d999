import HTTPTypes

/// `GET /openapi.json`: the OpenAPI 3.1 document of this API (``OpenAPIDocument``), as raw
/// JSON rather than in the envelope, so that tools (schemathesis, code generators, Swagger UI)
/// read it directly.
extension APIRouter {
    func addOpenAPIRoutes(_ gateway: Gateway) {
        addRaw(.get, "/openapi.json", access: .open, contentType: "application/json") { _ in OpenAPIDocument.bytes }
    }
}
