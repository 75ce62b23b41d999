import Foundation
import HTTPTypes
import HummingbirdTesting
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Testing

@Suite("Agent sign-on: tickets and embed tokens")
struct AgentSignOnRouteTests {
    static let password = "correct-horse-42"

    @Test("a ticket is exchanged once for an agent session with its permissions and a refresh cookie")
    func ticket() async throws {
        try await ApiKeyRouteTests.withAlice { harness, client, session in
            let minted = try await client.call(
                .post, "/v1/private/user/agent-sso/ticket", body: #"{"label":"assistant","permissions":["READ"],"ttlSeconds":120}"#,
                headers: session.bearer)
            #expect(minted.code == 0)
            #expect(minted.object["expiresAt"] as? Int64 == ServerHarness.startTime + 120_000)
            let ticket = try #require(minted.object["ticket"] as? String)

            let exchanged = try await client.call(.post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"\#(ticket)"}"#)
            #expect(exchanged.code == 0 && exchanged.object["tokenType"] as? String == "Bearer")
            #expect(exchanged.refreshCookie?.contains("HttpOnly") == true)
            let agent = exchanged.session
            #expect(agent.claims["scope"] as? [String] == ["READ"])
            #expect(agent.claims["knd"] as? String == "agent")
            let stored = try await harness.exchange.store.session(id: agent.claims["sid"] as? String ?? "")
            #expect(stored?.agentLabel == "assistant" && stored?.scope == ["READ"])

            // READ works, TRADE does not.
            #expect(try await client.call(.get, "/v1/private/user/info", headers: agent.bearer).code == 0)
            let trade = try await client.call(.get, "/v1/private/order/current", headers: agent.bearer)
            #expect(trade.status == .forbidden && trade.code == 10007)

            // Single use.
            let second = try await client.call(.post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"\#(ticket)"}"#)
            #expect(second.status == .unauthorized && second.code == 10004)

            // Agent sessions refresh as agent sessions, keeping their scope.
            let refreshed = try await client.call(.post, "/v1/public/user/refresh-token", headers: agent.cookie)
            #expect(refreshed.code == 0)
            #expect(refreshed.session.claims["knd"] as? String == "agent")
            #expect(refreshed.session.claims["scope"] as? [String] == ["READ"])
        }
    }

    @Test("agent sessions cannot manage API keys or mint tickets (10007)")
    func agentLimits() async throws {
        try await ApiKeyRouteTests.withAlice { _, client, session in
            let minted = try await client.call(
                .post, "/v1/private/user/agent-sso/ticket", body: #"{"label":"bot","permissions":["READ","TRADE"]}"#, headers: session.bearer)
            let ticket = minted.object["ticket"] as? String ?? ""
            let agent = try await client.call(.post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"\#(ticket)"}"#).session
            let attempts: [(HTTPRequest.Method, String, String)] = [
                (.post, "/v1/private/user/api-key/create", #"{"label":"x","permissions":["READ"]}"#),
                (.get, "/v1/private/user/api-key/list", ""),
                (.post, "/v1/private/user/agent-sso/ticket", #"{"label":"x","permissions":["READ"]}"#),
                (.post, "/v1/private/user/agent-sso/embed-token", #"{"permissions":["READ"]}"#),
            ]
            for (method, path, body) in attempts {
                let reply = try await client.call(method, path, body: body, headers: agent.bearer)
                #expect(reply.status == .forbidden && reply.code == 10007, "\(path)")
            }
            // It may log itself out.
            let out = try await client.call(.post, "/v1/private/user/logout", headers: agent.bearerAndCookie)
            #expect(out.code == 0)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: agent.bearer).code == 10003)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: session.bearer).code == 0)
        }
    }

    @Test("tickets validate label, permissions and ttl, and expire")
    func ticketValidation() async throws {
        try await ApiKeyRouteTests.withAlice { harness, client, session in
            let cases: [(String, String)] = [
                (#"{"label":"x","permissions":["READ"],"ttlSeconds":301}"#, "ttlSeconds"),
                (#"{"label":"x","permissions":["READ"],"ttlSeconds":0}"#, "ttlSeconds"),
                (#"{"label":"x","permissions":["READ"],"ttlSeconds":1.5}"#, "ttlSeconds"),
                (#"{"label":"x","permissions":[]}"#, "permissions"),
                (#"{"label":"x","permissions":["ADMIN"]}"#, "permissions[0]"),
                (#"{"permissions":["READ"]}"#, "label"),
            ]
            for (body, field) in cases {
                let reply = try await client.call(.post, "/v1/private/user/agent-sso/ticket", body: body, headers: session.bearer)
                #expect(reply.code == 12001 && reply.object["field"] as? String == field, "\(body): \(reply.msg)")
            }
            let minted = try await client.call(
                .post, "/v1/private/user/agent-sso/ticket", body: #"{"label":"x","permissions":["READ"],"ttlSeconds":5}"#, headers: session.bearer)
            try await harness.exchange.sequencer.advanceClock(by: 5000)
            let late = try await client.call(
                .post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"\#(minted.object["ticket"] as? String ?? "")"}"#)
            #expect(late.code == 10004)
            let bogus = try await client.call(.post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"tkt_nothing"}"#)
            #expect(bogus.code == 10004)
            let empty = try await client.call(.post, "/v1/public/agent-sso/exchange-ticket", body: "{}")
            #expect(empty.code == 12001 && empty.object["field"] as? String == "ticket")
        }
    }

    @Test("an embed token is exchanged once for a lone access token: scoped, no cookie, no session")
    func embedToken() async throws {
        try await ApiKeyRouteTests.withAlice { harness, client, session in
            let minted = try await client.call(
                .post, "/v1/private/user/agent-sso/embed-token", body: #"{"permissions":["TRADE"],"ttlSeconds":30}"#, headers: session.bearer)
            #expect(minted.code == 0)
            #expect(minted.object["expiresAt"] as? Int64 == ServerHarness.startTime + 30_000)
            let token = try #require(minted.object["embedToken"] as? String)
            let exchanged = try await client.call(.post, "/v1/public/agent-sso/exchange-embed-token", body: #"{"embedToken":"\#(token)"}"#)
            #expect(exchanged.code == 0 && exchanged.refreshCookie == nil)
            let embed = exchanged.session
            #expect(embed.claims["knd"] as? String == "embed" && embed.claims["scope"] as? [String] == ["TRADE"])
            #expect(try await client.call(.get, "/v1/private/order/current", headers: embed.bearer).code == 0)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: embed.bearer).code == 10007)
            #expect(try await client.call(.get, "/v1/private/user/api-key/list", headers: embed.bearer).code == 10007)
            let logout = try await client.call(.post, "/v1/private/user/logout", headers: embed.bearer)
            #expect(logout.code == 10007)

            let second = try await client.call(.post, "/v1/public/agent-sso/exchange-embed-token", body: #"{"embedToken":"\#(token)"}"#)
            #expect(second.status == .unauthorized && second.code == 10004)
            // A ticket is not an embed token, nor the other way round.
            let ticket = try await client.call(
                .post, "/v1/private/user/agent-sso/ticket", body: #"{"label":"x","permissions":["READ"]}"#, headers: session.bearer)
            let crossed = try await client.call(
                .post, "/v1/public/agent-sso/exchange-embed-token", body: #"{"embedToken":"\#(ticket.object["ticket"] as? String ?? "")"}"#)
            #expect(crossed.code == 10004)
            let long = try await client.call(
                .post, "/v1/private/user/agent-sso/embed-token", body: #"{"permissions":["READ"],"ttlSeconds":61}"#, headers: session.bearer)
            #expect(long.code == 12001 && long.object["field"] as? String == "ttlSeconds")
            _ = harness
        }
    }
}
