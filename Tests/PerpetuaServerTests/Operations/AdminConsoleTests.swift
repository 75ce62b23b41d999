import Foundation
import PerpetuaClient
import PerpetuaOperator
import PerpetuaServer
import Testing

/// `perpetua admin …`'s logic (PerpetuaOperator's ``AdminConsole``) against a live server
/// over a socket: every area, text and JSON output, and the server's code and message on
/// refusals.
@Suite("Admin command line")
struct AdminConsoleTests {
    static func json(_ output: AdminOutput) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.json.utf8)) as? [String: Any])
    }

    static let btcSymbolJSON = """
        {"symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "contractType": "PERPETUAL", "status": "TRADING",
         "tickSize": "0.1", "stepSize": "0.001", "minQty": "0.001", "maxQty": "1000", "minNotional": "5",
         "priceBandRate": "0.05", "maxLeverage": 125, "fundingIntervalHours": 8,
         "leverageBrackets": [{"bracket": 1, "maxLeverage": 125, "notionalFloor": "0", "notionalCap": "50000",
                               "maintMarginRate": "0.004", "cum": "0"}],
         "feeTiers": [{"tier": 0, "minVolume30d": "0", "makerRate": "0.0002", "takerRate": "0.0005"}]}
        """

    @Test("users, deposit, withdraw, symbols, index price, insurance fund and clock through the operator API")
    func everyArea() async throws {
        let server = try await LiveServer.start()
        let console = AdminConsole(server: server.baseURL, token: "test-admin-token")

        let created = try await console.createUser(username: "carol", password: "correct horse battery 7", nickname: "Carol")
        let userId = try #require(try Self.json(created)["userId"] as? String)
        #expect(created.text == "created user carol with id \(userId)")

        let users = try await console.listUsers()
        #expect(users.text.contains("USER ID"))
        #expect(users.text.contains("carol"))
        let items = try #require(try Self.json(users)["items"] as? [[String: Any]])
        #expect(items.map { $0["username"] as? String } == ["carol"])

        let deposit = try await console.deposit(userId: userId, amount: "1500.5")
        #expect(deposit.text == "deposited 1500.5 USDT to user \(userId); wallet balance 1500.5 USDT")
        #expect(try Self.json(deposit)["balance"] as? String == "1500.5")
        let withdraw = try await console.withdraw(userId: userId, amount: "500")
        #expect(try Self.json(withdraw)["balance"] as? String == "1000.5")

        // Refusals carry the server's code, name and message.
        await #expect {
            _ = try await console.withdraw(userId: userId, amount: "5000")
        } throws: { error in
            let error = error as! AdminCommandError
            return error.code == 13001 && error.message.hasPrefix("error 13001 INSUFFICIENT_MARGIN:") && error.message.contains("(HTTP 400)")
        }
        await #expect {
            _ = try await console.deposit(userId: userId, amount: "1e3")
        } throws: { error in (error as! AdminCommandError).code == 12001 }

        let symbol = try await console.createSymbol(json: Data(Self.btcSymbolJSON.utf8))
        #expect(symbol.text == "created BTCUSDT (TRADING)")
        let suspended = try await console.updateSymbol(SymbolUpdate(symbol: "BTCUSDT", status: "SUSPENDED"))
        #expect(suspended.text.hasPrefix("BTCUSDT: status SUSPENDED"))
        let listed = try await console.listSymbols()
        #expect(listed.text.contains("BTCUSDT  SUSPENDED"))
        let listedJSON = try #require(try JSONSerialization.jsonObject(with: Data(listed.json.utf8)) as? [[String: Any]])
        #expect(listedJSON.first?["status"] as? String == "SUSPENDED")
        _ = try await console.updateSymbol(SymbolUpdate(symbol: "BTCUSDT", status: "TRADING"))

        let index = try await console.setIndexPrice(symbol: "BTCUSDT", price: "65000.5")
        #expect(index.text == "index price of BTCUSDT set to 65000.5")
        #expect(try Self.json(index)["price"] as? String == "65000.5")
        await #expect {
            _ = try await console.setIndexPrice(symbol: "DOGEUSDT", price: "1")
        } throws: { error in (error as! AdminCommandError).code == 12002 }

        let fund = try await console.insuranceFund()
        #expect(fund.text == "insurance fund 0 USDT, fee income 0 USDT")
        #expect(try Self.json(fund)["balance"] as? String == "0")

        let clock = try await console.clock()
        let time = try #require(try Self.json(clock)["time"] as? Int)
        #expect(try Self.json(clock)["mode"] as? String == "MANUAL")
        #expect(clock.text == "1767571200000 (2026-01-05 00:00:00.000 UTC), MANUAL clock")
        let advanced = try await console.advanceClock(by: 60_000)
        #expect(try Self.json(advanced)["time"] as? Int == time + 60_000)
        await #expect {
            _ = try await console.setClock(time: Int64(time))
        } throws: { error in
            let error = error as! AdminCommandError
            return error.code == 12001 && error.message.contains("cannot move the clock back")
        }

        await console.shutdown()
        await server.stop()
    }

    @Test("a wrong token answers 10003 with a hint; an unreachable server says where it looked")
    func failures() async throws {
        let server = try await LiveServer.start()
        let wrong = AdminConsole(server: server.baseURL, token: "not-the-token")
        await #expect {
            _ = try await wrong.insuranceFund()
        } throws: { error in
            let error = error as! AdminCommandError
            return error.code == 10003 && error.message.contains("--token or PERPETUA_ADMIN_TOKEN")
        }
        await wrong.shutdown()
        await server.stop()

        let nobody = AdminConsole(server: "http://127.0.0.1:1", token: "x", timeoutSeconds: 2)
        await #expect {
            _ = try await nobody.clock()
        } throws: { error in
            let error = error as! AdminCommandError
            return error.code == nil && error.message.contains("cannot reach the server at http://127.0.0.1:1")
        }
        await nobody.shutdown()
    }

    @Test("the token comes from --token, else PERPETUA_ADMIN_TOKEN, else DATA/secrets/admin-token")
    func tokenResolution() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-admin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/secrets", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "adm_generated\n".write(toFile: directory + "/secrets/admin-token", atomically: true, encoding: .utf8)

        #expect(try AdminToken.resolve(flag: "flag", environment: ["PERPETUA_ADMIN_TOKEN": "env"], dataDirectory: directory) == "flag")
        #expect(try AdminToken.resolve(flag: nil, environment: ["PERPETUA_ADMIN_TOKEN": "env"], dataDirectory: directory) == "env")
        #expect(try AdminToken.resolve(flag: nil, environment: [:], dataDirectory: directory) == "adm_generated")
        #expect(throws: AdminCommandError.self) { try AdminToken.resolve(flag: nil, environment: [:], dataDirectory: nil) }
        #expect(throws: AdminCommandError.self) { try AdminToken.resolve(flag: nil, environment: [:], dataDirectory: directory + "/none") }
    }
}
