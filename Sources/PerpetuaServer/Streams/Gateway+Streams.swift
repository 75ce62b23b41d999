import Hummingbird
import HummingbirdWebSocket
import NIOWebSocket
import PerpetuaCore
import PerpetuaStore

extension Gateway {
    /// The router that decides WebSocket upgrades: `/v1/ws/public` and
    /// `/v1/ws/private?listenKey=…` (API.md §6). Requests that do not upgrade reach the HTTP
    /// router, where the same paths answer with an error envelope.
    func makeWebSocketRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        let hub = exchange.streams
        let market = exchange.market
        let exchange = exchange
        router.ws("/v1/ws/public") { inbound, outbound, context in
            guard let writer = try? await StreamFrameWriter.install(on: context.requestContext.channel) else { return }
            let connection = hub.open(writer: writer)
            await StreamSession.run(hub: hub, connection: connection, inbound: inbound, outbound: outbound) { text in
                Gateway.handlePublic(text, connection: connection, hub: hub, market: market)
            }
        }
        router.ws("/v1/ws/private") { inbound, outbound, context in
            let key = context.request.uri.queryParameters.get("listenKey") ?? ""
            let record: ListenKeyRecord? = key.isEmpty ? nil : ((try? await exchange.store.listenKey(key)) ?? nil)
            guard let record, record.expiresAt > exchange.now else {
                // The upgrade has happened: say why in the stream's own terms, then close.
                try? await outbound.write(.text(StreamRequest.errorReply(
                    id: "null", code: .listenKeyInvalid,
                    message: key.isEmpty ? "listenKey is required" : "listenKey is unknown or expired; create one with POST /v1/private/user/listen-key")))
                try? await outbound.close(.policyViolation, reason: "invalid listen key")
                return
            }
            guard let writer = try? await StreamFrameWriter.install(on: context.requestContext.channel) else { return }
            let connection = hub.open(writer: writer, account: record.userId, listenKey: key, expiresAt: record.expiresAt)
            // DELETE of the key closes the connections open at that moment: one opened after
            // it, on the read above, would stay until the key's old expiry. Reading again once
            // open closes that gap (the route deletes from the store before it closes).
            do {
                if try await exchange.store.listenKey(key) == nil { connection.close(.listenKeyClosed) }
            } catch {}
            await StreamSession.run(hub: hub, connection: connection, inbound: inbound, outbound: outbound) { _ in
                connection.send(StreamRequest.errorReply(
                    id: "null", code: .invalidParameter,
                    message: "the private stream takes no requests; it sends your account's events (text ping is answered)"))
            }
        }
        return router
    }

    /// Plain HTTP on the stream paths (no upgrade): 10010 for a bad listen key, else 12001.
    /// Registered in the route table like every REST route (open, weight 1), so the
    /// OpenAPI document and its coverage test include the stream endpoints.
    func addStreamFallbackRoutes(_ api: APIRouter) {
        let exchange = exchange
        api.get("/v1/ws/public", access: .open) { _ -> EmptyResource in
            throw APIError(.invalidParameter, message: "this is a WebSocket endpoint; connect with an Upgrade: websocket request")
        }
        api.get("/v1/ws/private", access: .open) { request -> EmptyResource in
            let key = request.query("listenKey") ?? ""
            let record: ListenKeyRecord? = key.isEmpty ? nil : try await exchange.store.listenKey(key)
            guard let record, record.expiresAt > request.now else {
                throw APIError(.listenKeyInvalid, message: key.isEmpty ? "listenKey is required" : "listenKey is unknown or expired")
            }
            throw APIError(.invalidParameter, message: "this is a WebSocket endpoint; connect with an Upgrade: websocket request")
        }
    }

    static func handlePublic(_ text: String, connection: StreamConnection, hub: StreamHub, market: MarketData) {
        let request: StreamRequest
        do {
            request = try StreamRequest.parse(text, market: market)
        } catch {
            connection.send(StreamRequest.errorReply(id: error.id, code: error.code, message: error.message))
            return
        }
        switch request.op {
        case .subscribe:
            if let message = hub.subscribe(connection, request.keys, id: request.id) {
                connection.send(StreamRequest.errorReply(id: request.id, code: .invalidParameter, message: message))
            }
        case .unsubscribe:
            if let missing = hub.unsubscribe(connection, request.keys, id: request.id) {
                connection.send(StreamRequest.errorReply(
                    id: request.id, code: .invalidParameter, message: "not subscribed to \(missing.argJSON)"))
            }
        }
    }
}
