import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The operator API of API.md §8 (bearer token "test-admin-token" in ``ServerHarness``).
@Suite("Admin routes")
struct AdminRouteTests {
    @Test("the operator token is required and checked (10003)")
    func token() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let missing = try await client.call(.get, "/v1/admin/clock")
            #expect(missing.status == .unauthorized && missing.code == 10003)
            #expect(missing.msg == "the operator API needs Authorization: Bearer <operator token>")
            let wrong = try await client.call(.get, "/v1/admin/clock", headers: [.authorization: "Bearer not-the-token"])
            #expect(wrong.status == .unauthorized && wrong.code == 10003)
            #expect(wrong.msg == "the operator token is not valid")
            let basic = try await client.call(.post, "/v1/admin/deposit", body: #"{"userId":"1","amount":"1"}"#, headers: [.authorization: "Basic dGVzdA=="])
            #expect(basic.status == .unauthorized && basic.code == 10003)
            // A user's API key is not the operator.
            let user = try await harness.createUser("alice")
            let key = try await harness.createApiKey(userId: user)
            let asUser = try await client.call(.get, "/v1/admin/insurance-fund", credentials: key)
            #expect(asUser.status == .unauthorized && asUser.code == 10003)
        }
        await harness.stop()
    }

    @Test("the operator API is not rate limited: an exhausted IP bucket does not stop it, a wrong token is charged")
    func notRateLimited() async throws {
        let harness = try await ServerHarness.start { $0.rateLimits.publicPerIP = BucketSettings(capacity: 3, windowSeconds: 1000) }
        try await harness.test { client in
            let remaining = HTTPField.Name("X-RateLimit-Remaining")!
            for left in [2, 1, 0] {
                let time = try await client.call(.get, "/v1/time")
                #expect(time.status == .ok && time.headers[remaining] == String(left))
            }
            let limited = try await client.call(.get, "/v1/time")
            #expect(limited.status == .tooManyRequests && limited.code == 11001)
            // The operator still gets through, and its answers show the IP bucket untouched.
            for _ in 0..<5 {
                let clock = try await client.admin(.get, "/v1/admin/clock")
                #expect(clock.status == .ok && clock.code == 0)
                #expect(clock.headers[remaining] == "0")
            }
            // A wrong token is charged like any public request: it is refused for the rate.
            let guess = try await client.call(.get, "/v1/admin/clock", headers: [.authorization: "Bearer not-the-token"])
            #expect(guess.status == .tooManyRequests && guess.code == 11001)
        }
        await harness.stop()
    }

    @Test("users: create, duplicate username 12001, list in pages")
    func users() async throws {
        let harness = try await ServerHarness.start { $0.auth.bcryptCost = 4 }
        try await harness.test { client in
            var ids: [String] = []
            for name in ["alice", "bob", "carol"] {
                let reply = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"\#(name)","password":"Secret-pass-7"}"#)
                #expect(reply.status == .ok && reply.code == 0)
                ids.append(try #require(reply.object.string("userId")))
            }
            #expect(ids == ["1", "2", "3"])
            let nick = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"dave","password":"Secret-pass-7","nickname":"Big D"}"#)
            #expect(nick.object.string("userId") == "4")

            let duplicate = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"alice","password":"another-one-7"}"#)
            #expect(duplicate.status == .badRequest && duplicate.code == 12001 && duplicate.field == "username")
            #expect(duplicate.msg == "invalid parameter username: is taken: alice")
            let short = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"al","password":"password"}"#)
            #expect(short.code == 12001 && short.field == "username")
            let weak = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"erin","password":"short"}"#)
            #expect(weak.code == 12001 && weak.field == "password")
            let noPassword = try await client.admin(.post, "/v1/admin/users", body: #"{"username":"erin"}"#)
            #expect(noPassword.code == 12001 && noPassword.field == "password")

            // Same creation time: newest id first.
            let first = try await client.admin(.get, "/v1/admin/users?limit=3")
            #expect(first.status == .ok)
            #expect(first.items.compactMap { $0.string("username") } == ["dave", "carol", "bob"])
            #expect(first.items.first?.string("nickname") == "Big D" && first.items.first?.string("userId") == "4")
            #expect(first.items[1].isNull("nickname"))
            #expect(first.items.allSatisfy { $0.int("createdAt") == ServerHarness.startTime })
            let cursor = try #require(first.nextCursor)
            let second = try await client.admin(.get, "/v1/admin/users?limit=3&cursor=\(cursor)")
            #expect(second.items.compactMap { $0.string("username") } == ["alice"])
            #expect(second.isNull("nextCursor"))
            let badLimit = try await client.admin(.get, "/v1/admin/users?limit=0")
            #expect(badLimit.status == .badRequest && badLimit.code == 12001 && badLimit.field == "limit")
        }
        await harness.stop()
    }

    @Test("deposit and withdraw: balances, 13001 beyond the available balance, unknown users")
    func money() async throws {
        let harness = try await ServerHarness.start()
        let user = try await harness.createUser("alice", deposit: nil)
        try await harness.test { client in
            let deposit = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"\#(user)","asset":"USDT","amount":"500"}"#)
            #expect(deposit.status == .ok && deposit.code == 0)
            #expect(deposit.object.string("balance") == "500")
            let more = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":\#(user),"amount":"0.5"}"#)
            #expect(more.object.string("balance") == "500.5")

            let tooMuch = try await client.admin(.post, "/v1/admin/withdraw", body: #"{"userId":"\#(user)","asset":"USDT","amount":"600"}"#)
            #expect(tooMuch.status == .badRequest && tooMuch.code == 13001)
            #expect(tooMuch.msg == "insufficient margin: available 500.5, required 600")
            #expect(tooMuch.object.string("available") == "500.5" && tooMuch.object.string("required") == "600")
            let withdraw = try await client.admin(.post, "/v1/admin/withdraw", body: #"{"userId":"\#(user)","asset":"USDT","amount":"200.5"}"#)
            #expect(withdraw.code == 0 && withdraw.object.string("balance") == "300")

            let unknown = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"999","amount":"1"}"#)
            #expect(unknown.status == .notFound && unknown.code == 12004 && unknown.field == "userId")
            #expect(unknown.msg == "no user 999")
            let unknownWithdraw = try await client.admin(.post, "/v1/admin/withdraw", body: #"{"userId":"999","amount":"1"}"#)
            #expect(unknownWithdraw.status == .notFound && unknownWithdraw.code == 12004)
            let asset = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"\#(user)","asset":"BTC","amount":"1"}"#)
            #expect(asset.status == .badRequest && asset.code == 12001 && asset.field == "asset")
            let zero = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"\#(user)","amount":"0"}"#)
            #expect(zero.code == 12001 && zero.field == "amount")
            let number = try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"\#(user)","amount":5}"#)
            #expect(number.code == 12001 && number.field == "amount")
            #expect(number.msg == #"invalid parameter amount: must be a JSON string, not a number: send "5""#)

            let log = try await client.call(
                .get, "/v1/private/user/account-change-log", credentials: try await harness.createApiKey(userId: user))
            #expect(log.items.compactMap { $0.string("type") } == ["WITHDRAW", "DEPOSIT", "DEPOSIT"])
            #expect(log.items.compactMap { $0.string("amount") } == ["-200.5", "0.5", "500"])
        }
        await harness.stop()
    }

    static let ethBody = #"""
        {"symbol":"ETHUSDT","baseAsset":"ETH","quoteAsset":"USDT","contractType":"PERPETUAL","status":"TRADING",
         "tickSize":"0.01","stepSize":"0.001","minQty":"0.01","maxQty":"500","minNotional":"5","priceBandRate":"0.05",
         "maxLeverage":50,
         "leverageBrackets":[
           {"bracket":1,"maxLeverage":50,"notionalFloor":"0","notionalCap":"10000","maintMarginRate":"0.005"},
           {"bracket":2,"maxLeverage":25,"notionalFloor":"10000","notionalCap":"100000","maintMarginRate":"0.01"}],
         "feeTiers":[{"tier":0,"minVolume30d":"0","makerRate":"0.0002","takerRate":"0.0005"}],
         "fundingIntervalHours":8}
        """#

    @Test("symbols: create a full Symbol, visible publicly with derived cum; duplicates and gaps refused")
    func createSymbol() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let created = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody)
            #expect(created.status == .ok && created.code == 0)
            let symbol = created.object
            #expect(symbol.string("symbol") == "ETHUSDT" && symbol.string("baseAsset") == "ETH" && symbol.string("quoteAsset") == "USDT")
            #expect(symbol.string("contractType") == "PERPETUAL" && symbol.string("status") == "TRADING")
            #expect(symbol.string("tickSize") == "0.01" && symbol.string("stepSize") == "0.001")
            // Quantities with the step's three decimals.
            #expect(symbol.string("minQty") == "0.010" && symbol.string("maxQty") == "500.000")
            #expect(symbol.int("maxLeverage") == 50 && symbol.int("fundingIntervalHours") == 8)
            let brackets = symbol["leverageBrackets"] as? [[String: Any]] ?? []
            // cum(2) = 10000 × (0.01 − 0.005) = 50.
            #expect(brackets.compactMap { $0.string("cum") } == ["0", "50"])
            #expect(brackets.compactMap { $0.string("notionalCap") } == ["10000", "100000"])
            // Funding defaults: interest 0.01 % per 8 h, cap 0.75 × 0.005, impact 200 × 50.
            #expect(symbol.string("interestRate") == "0.0001")
            #expect(symbol.string("capRate") == "0.00375" && symbol.string("floorRate") == "-0.00375")
            #expect(symbol.string("impactNotional") == "10000")

            let listed = try await client.call(.get, "/v1/public/market/symbols?symbol=ETHUSDT")
            #expect(listed.status == .ok && listed.array.count == 1)
            #expect((listed.array.first?["leverageBrackets"] as? [[String: Any]])?.compactMap { $0.string("cum") } == ["0", "50"])
            #expect(listed.array.first?.string("minQty") == "0.010")

            let duplicate = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody)
            #expect(duplicate.status == .badRequest && duplicate.code == 12001 && duplicate.field == "symbol")
            #expect(duplicate.msg == "invalid parameter symbol: ETHUSDT already exists; use PUT to change it")
            let noTick = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody
                .replacingOccurrences(of: "ETHUSDT", with: "SOLUSDT").replacingOccurrences(of: #""tickSize":"0.01","#, with: ""))
            #expect(noTick.code == 12001 && noTick.field == "tickSize")
            let lower = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody.replacingOccurrences(of: "ETHUSDT", with: "eth-usdt"))
            #expect(lower.code == 12001 && lower.field == "symbol")
            let gap = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody
                .replacingOccurrences(of: "ETHUSDT", with: "SOLUSDT").replacingOccurrences(of: #""notionalFloor":"10000""#, with: #""notionalFloor":"20000""#))
            #expect(gap.code == 12001 && gap.field == "leverageBrackets[1].notionalFloor")
            let leverage = try await client.admin(.post, "/v1/admin/symbols", body: Self.ethBody
                .replacingOccurrences(of: "ETHUSDT", with: "SOLUSDT").replacingOccurrences(of: "\n \"maxLeverage\":50,", with: "\n \"maxLeverage\":60,"))
            #expect(leverage.code == 12001 && leverage.field == "maxLeverage")
            #expect(try await client.call(.get, "/v1/public/market/symbols").array.count == 1)
        }
        await harness.stop()
    }

    @Test("symbols: update status (SUSPENDED refuses orders with 13017); the tick size cannot change")
    func updateSymbol() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let suspended = try await client.admin(.put, "/v1/admin/symbols", body: #"{"symbol":"BTCUSDT","status":"SUSPENDED"}"#)
            #expect(suspended.status == .ok && suspended.code == 0)
            #expect(suspended.object.string("status") == "SUSPENDED" && suspended.object.string("tickSize") == "0.1")
            let order = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0"), credentials: t.aliceKey)
            #expect(order.status == .forbidden && order.code == 13017)
            #expect(order.msg == "market BTCUSDT is SUSPENDED")
            // Status comes before parameters (API.md §5.5): a bad side or a missing quantity
            // on a suspended market still answers 13017, for orders and condition orders.
            let badSide = try await client.call(
                .post, "/v1/private/order/place", body: #"{"symbol":"BTCUSDT","side":"X","type":"LIMIT","price":"65000.0"}"#,
                credentials: t.aliceKey)
            #expect(badSide.status == .forbidden && badSide.code == 13017)
            let condition = try await client.call(
                .post, "/v1/private/order/place-condition", body: #"{"symbol":"BTCUSDT","side":"SELL","type":"NOPE"}"#,
                credentials: t.aliceKey)
            #expect(condition.status == .forbidden && condition.code == 13017)
            // And the symbol before anything: an unknown one with a broken body is 12002.
            let unknownSymbol = try await client.call(
                .post, "/v1/private/order/place", body: #"{"symbol":"NOPEUSDT","side":"X"}"#, credentials: t.aliceKey)
            #expect(unknownSymbol.status == .notFound && unknownSymbol.code == 12002)
            let listed = try await client.call(.get, "/v1/public/market/symbols?symbol=BTCUSDT")
            #expect(listed.array.first?.string("status") == "SUSPENDED")

            let tick = try await client.admin(.put, "/v1/admin/symbols", body: #"{"symbol":"BTCUSDT","tickSize":"0.5"}"#)
            #expect(tick.status == .badRequest && tick.code == 12001 && tick.field == "tickSize")
            #expect(tick.msg == "invalid parameter tickSize: cannot change once the symbol exists")
            let status = try await client.admin(.put, "/v1/admin/symbols", body: #"{"symbol":"BTCUSDT","status":"CLOSED"}"#)
            #expect(status.code == 12001 && status.field == "status")
            let unknown = try await client.admin(.put, "/v1/admin/symbols", body: #"{"symbol":"ETHUSDT","status":"TRADING"}"#)
            #expect(unknown.status == .notFound && unknown.code == 12002)

            let trading = try await client.admin(.put, "/v1/admin/symbols", body: #"{"symbol":"BTCUSDT","status":"TRADING","priceBandRate":"0.1"}"#)
            #expect(trading.object.string("status") == "TRADING" && trading.object.string("priceBandRate") == "0.1")
            // The wider band (±10 %: [58500, 71500]) lets 60000.0 through.
            let placed = try await client.place(orderJSON("BUY", "0.010", price: "60000.0"), t.aliceKey)
            #expect(placed.string("status") == "NEW")
        }
        await t.harness.stop()
    }

    @Test("index price: set by the operator, the mark follows on the next tick")
    func indexPrice() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let reply = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"66000"}"#)
            #expect(reply.status == .ok && reply.code == 0)
            #expect(reply.object.string("symbol") == "BTCUSDT" && reply.object.string("price") == "66000.0")
            #expect(reply.object.int("time") == at(1000))
            let before = try await client.call(.get, "/v1/public/market/ticker?symbol=BTCUSDT")
            #expect(before.object.string("indexPrice") == "66000.0" && before.object.string("markPrice") == "65000.0")
            // Next tick: median(66000, 66000, last = index 66000) = 66000.
            try await t.harness.exchange.sequencer.advanceClock(by: 1000)
            let after = try await client.call(.get, "/v1/public/market/ticker?symbol=BTCUSDT")
            #expect(after.object.string("markPrice") == "66000.0")

            let zero = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"0"}"#)
            #expect(zero.status == .badRequest && zero.code == 12001 && zero.field == "price")
            let number = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":66000}"#)
            #expect(number.code == 12001 && number.field == "price")
            let unknown = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"ETHUSDT","price":"1"}"#)
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("index price: more decimals than the tick's answers 13003 with the tick size, never rounded; off the grid is fine")
    func indexPricePrecision() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let precise = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"65000.05"}"#)
            #expect(precise.status == .badRequest && precise.code == 13003)
            #expect(precise.msg == "price 65000.05 has more decimal places than the tick size 0.1 allows (1)")
            #expect(precise.object.string("tickSize") == "0.1" && precise.object.string("price") == "65000.05" && precise.field == "price")
            let ticker = try await client.call(.get, "/v1/public/market/ticker?symbol=BTCUSDT")
            #expect(ticker.object.string("indexPrice") == "65000.0")
            // Zeros past the tick's decimals carry no precision.
            let zeros = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"65000.100"}"#)
            #expect(zeros.code == 0 && zeros.object.string("price") == "65000.1")

            // Tick 0.01: "0.12345" is refused; an index need not be a multiple of a tick of 0.05, only as precise.
            let created = try await client.admin(
                .post, "/v1/admin/symbols", body: Self.ethBody.replacingOccurrences(of: #""tickSize":"0.01""#, with: #""tickSize":"0.05""#))
            #expect(created.code == 0, "\(created.msg)")
            let ada = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"ETHUSDT","price":"0.12345"}"#)
            #expect(ada.code == 13003 && ada.object.string("tickSize") == "0.05")
            let offGrid = try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"ETHUSDT","price":"3500.07"}"#)
            #expect(offGrid.code == 0 && offGrid.object.string("price") == "3500.07")
        }
        await t.harness.stop()
    }

    @Test("insurance fund and fee income; funding settled on demand")
    func insuranceAndFunding() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let empty = try await client.admin(.get, "/v1/admin/insurance-fund")
            #expect(empty.status == .ok && empty.object.string("balance") == "0" && empty.object.string("feeIncome") == "0")
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            // 0.13 + 0.325.
            let fees = try await client.admin(.get, "/v1/admin/insurance-fund")
            #expect(fees.object.string("balance") == "0" && fees.object.string("feeIncome") == "0.455")

            // No premium samples yet: the rate is the interest, 0.0001.
            let settled = try await client.admin(.post, "/v1/admin/funding/settle", body: #"{"symbol":"BTCUSDT"}"#)
            #expect(settled.status == .ok && settled.code == 0)
            try #require(settled.array.count == 1)
            #expect(settled.array[0].string("symbol") == "BTCUSDT" && settled.array[0].string("fundingRate") == "0.0001")
            #expect(settled.array[0].string("markPrice") == "65000.0" && settled.array[0].int("fundingTime") == at(1000))
            // 0.010 × 65000 × 0.0001 = 0.065 from bob to alice.
            let bob = try await client.call(.get, "/v1/private/user/account-change-log?type=FUNDING_FEE", credentials: t.bobKey)
            #expect(bob.items.compactMap { $0.string("amount") } == ["-0.065"])
            let alice = try await client.call(.get, "/v1/private/user/account-change-log?type=FUNDING_FEE", credentials: t.aliceKey)
            #expect(alice.items.compactMap { $0.string("amount") } == ["0.065"])

            let unknown = try await client.admin(.post, "/v1/admin/funding/settle", body: #"{"symbol":"ETHUSDT"}"#)
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("clock: read, move forward, never back (12001)")
    func clock() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let now = try await client.admin(.get, "/v1/admin/clock")
            #expect(now.status == .ok && now.object.int("time") == at(1000) && now.object.string("mode") == "MANUAL")
            let moved = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":\#(at(5000))}"#)
            #expect(moved.status == .ok && moved.object.int("time") == at(5000) && moved.object.string("mode") == "MANUAL")
            #expect(try await client.admin(.get, "/v1/admin/clock").object.int("time") == at(5000))
            // The timers on the way ran: orders are stamped with the new time.
            let order = try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)
            #expect(order.int("createTime") == at(5000))

            let back = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":\#(at(4000))}"#)
            #expect(back.status == .badRequest && back.code == 12001 && back.field == "time")
            #expect(back.msg == "invalid parameter time: cannot move the clock back from \(at(5000)) to \(at(4000))")
            let text = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":"soon"}"#)
            #expect(text.status == .badRequest && text.code == 12001 && text.field == "time")
            #expect(try await client.admin(.get, "/v1/admin/clock").object.int("time") == at(5000))
        }
        await t.harness.stop()
    }
}
