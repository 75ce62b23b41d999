import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore

/// The operator API of API.md §8, behind the operator's bearer token. Deposits and
/// withdrawals are the only way money enters or leaves.
extension APIRouter {
    func addAdminRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let admin = RouteAccess.admin

        post("/v1/admin/users", access: admin) { request in
            let body = try request.decode(AdminUserBody.self)
            try CredentialRules.checkUsername(body.username)
            try CredentialRules.checkPassword(body.password, username: body.username)
            if let nickname = body.nickname, nickname.isEmpty || nickname.count > 32 {
                throw APIError.invalid("nickname", "must be 1 to 32 characters")
            }
            let hash = try await gateway.passwords.hash(body.password)
            do {
                let user = try await exchange.store.createUser(
                    username: body.username, passwordHash: hash, nickname: body.nickname, createdAt: request.now)
                return AdminUserCreated(userId: String(user.id))
            } catch StoreError.duplicate {
                throw APIError.invalid("username", "is taken: \(body.username)")
            }
        }

        get("/v1/admin/users", access: admin) { request in
            let page = try request.pageRequest()
            let users = try await exchange.store.users(page: page)
            return PageResource(users) {
                AdminUserResource(userId: String($0.id), username: $0.username, nickname: $0.nickname, createdAt: $0.createdAt)
            }
        }

        post("/v1/admin/deposit", access: admin) { request in
            let body = try request.decode(MoneyBody.self)
            let (account, amount) = try await body.parse(exchange)
            let result = try await exchange.submit(.deposit(account: account, amount: amount)).result
            if let error = result.error { throw APIError(error) }
            return BalanceResource(balance: try await exchange.read { $0.asset(account: account)?.walletBalance ?? .zero }.description)
        }

        post("/v1/admin/withdraw", access: admin) { request in
            let body = try request.decode(MoneyBody.self)
            let (account, amount) = try await body.parse(exchange)
            let result = try await exchange.submit(.withdraw(account: account, amount: amount)).result
            if let error = result.error { throw APIError(error) }
            return BalanceResource(balance: try await exchange.read { $0.asset(account: account)?.walletBalance ?? .zero }.description)
        }

        post("/v1/admin/symbols", access: admin) { request in
            let spec = try request.decode(SymbolBody.self).create()
            let result = try await exchange.submit(.addSymbol(spec)).result
            if let error = result.error { throw APIError(error) }
            let stored = try await exchange.read { $0.market(spec.symbol)!.spec }
            exchange.market.update(stored)
            return SymbolResource(stored)
        }

        put("/v1/admin/symbols", access: admin) { request in
            let body = try request.decode(SymbolBody.self)
            let current = try exchange.symbol(body.symbol)
            let spec = try body.update(current)
            let result = try await exchange.submit(.updateSymbol(spec)).result
            if let error = result.error { throw APIError(error) }
            let stored = try await exchange.read { $0.market(spec.symbol)!.spec }
            exchange.market.update(stored)
            return SymbolResource(stored)
        }

        post("/v1/admin/index-price", access: admin) { request in
            let body = try request.decode(IndexPriceBody.self)
            let spec = try exchange.symbol(body.symbol)
            let price = try body.price.price("price")
            guard price.units > 0 else { throw APIError.invalid("price", "must be positive") }
            // API.md §1: more precision than the symbol allows is refused, not rounded. The
            // limit is the tick's decimals, not the tick grid: an index is a reference price
            // (an average of other venues), not a price the book must be able to quote, and
            // prices are shown with the tick's decimals, so within them it is shown exactly.
            guard price.decimalPlaces <= spec.priceDecimals else {
                throw APIError(
                    .priceNotOnTick,
                    message: "price \(price) has more decimal places than the tick size \(spec.tickSize) allows (\(spec.priceDecimals))",
                    data: ["price": price.description, "tickSize": spec.tickSize.description, "field": "price"])
            }
            let result = try await exchange.submit(.setIndexPrice(symbol: spec.symbol, price: price)).result
            if let error = result.error { throw APIError(error) }
            return IndexPriceResource(symbol: spec.symbol, price: spec.text(price), time: request.now)
        }

        get("/v1/admin/insurance-fund", access: admin) { _ in
            let (fund, fees) = try await exchange.read { ($0.insuranceFund, $0.feeIncome) }
            return InsuranceFundResource(balance: fund.description, feeIncome: fees.description)
        }

        post("/v1/admin/funding/settle", access: admin) { request in
            let body = try request.decode(SettleFundingBody.self)
            // "Settles funding now" (§8): every listed symbol when none is named. The timer's
            // command (`symbol: nil`) would settle only the symbols whose funding time has come.
            let symbols = try body.symbol.map { [try exchange.symbol($0).symbol] } ?? exchange.market.allSpecs.map(\.symbol)
            let results = try await exchange.submit(contentsOf: symbols.map { EngineCommand.settleFunding(symbol: $0) })
            if let error = results.lazy.compactMap(\.result.error).first { throw APIError(error) }
            return results.flatMap(\.result.events).compactMap { event -> FundingHistoryResource? in
                guard case .fundingRate(let record) = event else { return nil }
                let spec = exchange.market.spec(record.symbol)
                return FundingHistoryResource(
                    symbol: record.symbol, fundingRate: record.fundingRate.description,
                    markPrice: spec?.text(record.markPrice) ?? record.markPrice.description, fundingTime: record.fundingTime)
            }
        }

        get("/v1/admin/clock", access: admin) { request in
            ClockResource(time: request.now, mode: exchange.sequencer.isManualClock ? "MANUAL" : "WALL")
        }

        post("/v1/admin/clock", access: admin) { request in
            let body = try request.decode(ClockBody.self)
            do {
                try await exchange.durable.advanceClock(to: body.time)
            } catch SequencerError.clockMovedBack(let current, let requested) {
                throw APIError.invalid("time", "cannot move the clock back from \(current) to \(requested)")
            } catch SequencerError.notManualClock {
                throw APIError.invalid("time", "the server runs on the wall clock; start it with --clock manual to move time")
            } catch let error as SequencerError {
                throw Exchange.unavailable(error)
            }
            return ClockResource(time: exchange.now, mode: "MANUAL")
        }
    }
}

struct AdminUserBody: Decodable, Sendable {
    var username: String
    var password: String
    var nickname: String?
}

struct AdminUserCreated: Encodable, Sendable { var userId: String }

struct AdminUserResource: Encodable, Sendable {
    var userId: String
    var username: String
    @Null var nickname: String?
    var createdAt: Int64
}

struct MoneyBody: Decodable, Sendable {
    var userId: IdField
    var asset: String?
    var amount: DecimalField

    func parse(_ exchange: Exchange) async throws -> (UInt64, Amount) {
        if let asset, asset != "USDT" { throw APIError.invalid("asset", "must be USDT, the only asset, got \"\(asset)\"") }
        let amount = try self.amount.amount("amount")
        guard amount.units > 0 else { throw APIError.invalid("amount", "must be positive") }
        guard try await exchange.store.user(id: userId.value) != nil else {
            throw APIError(.notFound, message: "no user \(userId.value)", data: ["field": "userId"])
        }
        return (userId.value, amount)
    }
}

struct BalanceResource: Encodable, Sendable { var balance: String }

struct IndexPriceBody: Decodable, Sendable {
    var symbol: String
    var price: DecimalField
}

struct IndexPriceResource: Encodable, Sendable {
    var symbol: String
    var price: String
    var time: Int64
}

struct InsuranceFundResource: Encodable, Sendable {
    var balance: String
    var feeIncome: String
}

struct SettleFundingBody: Decodable, Sendable { var symbol: String? }

struct ClockBody: Decodable, Sendable { var time: Int64 }

struct ClockResource: Encodable, Sendable {
    var time: Int64
    var mode: String
}
