import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PerpetuaCore
import PerpetuaStore

/// The outermost middleware: gives every request an id (the client's `X-Request-Id` when
/// sent), turns every failure into the error envelope with its catalogue status (never a
/// stack trace, never a bare 500), and adds the gathered headers (request id, rate limits,
/// cookies) to every response.
struct APIResponseMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    /// Methods per registered path, to tell "wrong method" (405) from "no such path".
    let methodsByPath: @Sendable () -> [String: [HTTPRequest.Method]]
    /// Charges a request that matched no route to the caller's public bucket.
    let chargeUnrouted: @Sendable (Request, APIRequestContext) throws -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let clientId = request.headers[.requestId].flatMap { $0.count <= 128 && !$0.isEmpty ? $0 : nil }
        context.requestId = clientId ?? UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = .string(context.requestId)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = JSONResponse.failure(error)
        } catch let error as PerpetuaError {
            response = JSONResponse.failure(APIError(error))
        } catch let error as StoreError {
            if let mapped = mapStoreError(error) as? APIError {
                response = JSONResponse.failure(mapped)
            } else {
                context.logger.error("store error on \(request.method) \(request.uri.path): \(error)")
                response = JSONResponse.failure(APIError(
                    .internalError, message: "internal error; it was logged with request id \(context.requestId)"))
            }
        } catch let httpError as HTTPError {
            // No route ran, so no bucket was charged: charge the caller's IP, so that every
            // response carries the X-RateLimit-* figures and probing unknown paths is limited too.
            do {
                try chargeUnrouted(request, context)
                response = JSONResponse.failure(map(httpError, request: request))
            } catch let limited as APIError {
                response = JSONResponse.failure(limited)
            } catch {
                response = JSONResponse.failure(map(httpError, request: request))
            }
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            response = JSONResponse.failure(APIError(
                .internalError, message: "internal error; it was logged with request id \(context.requestId)"))
        }
        for field in context.responseHeaders.all { response.headers.append(field) }
        response.headers[.requestId] = context.requestId
        if response.status == .methodNotAllowed, let allowed = methodsByPath()[request.uri.path] {
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        }
        return response
    }

    private func map(_ error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound:
            if let methods = methodsByPath()[request.uri.path] {
                let list = methods.map(\.rawValue).joined(separator: ", ")
                return APIError(
                    .notFound, message: "\(request.method) is not supported on \(request.uri.path); use \(list)",
                    status: .methodNotAllowed)
            }
            return APIError(.notFound, message: "no such endpoint: \(request.method) \(request.uri.path)")
        case .contentTooLarge:
            return APIError(.invalidParameter, message: "the request body is too large", data: ["field": "body"])
        default:
            if error.status.code >= 500 { return APIError(.internalError, message: error.body ?? "internal error") }
            return APIError(.invalidParameter, message: error.body ?? error.status.reasonPhrase)
        }
    }
}
