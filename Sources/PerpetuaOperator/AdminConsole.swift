import Foundation
import NIOCore
import PerpetuaClient

/// The operator API (API.md §8) as `perpetua admin …` runs it: one method per command, each
/// calling a running server through ``PerpetuaClient`` and returning what to print, both as
/// a human-readable text and as JSON (`--json`). Failures are ``AdminCommandError``s that
/// carry the server's code and message.
///
/// The command line only parses arguments and prints; everything else lives here so that
/// tests run the same calls against a live server.
public struct AdminConsole: Sendable {
    /// The client, holding the operator token as its bearer credentials.
    public let client: PerpetuaClient

    /// A console for the server at `server` (e.g. `http://127.0.0.1:8080`) with the
    /// operator's bearer `token`; a call that has no answer after `timeoutSeconds` fails
    /// (the HTTP client retries a refused connection until then).
    public init(server: String, token: String, timeoutSeconds: Int = 30) {
        client = PerpetuaClient(baseURL: server, credentials: .bearer(token), timeout: .seconds(Int64(timeoutSeconds)))
    }

    /// A console over an existing client (tests).
    public init(client: PerpetuaClient) {
        self.client = client
    }

    // MARK: Users

    /// `admin users list`: one page of users.
    public func listUsers(limit: Int? = nil, cursor: String? = nil) async throws(AdminCommandError) -> AdminOutput {
        let page = try await run { try await client.adminUsers(page: PageRequest(limit: limit, cursor: cursor)) }
        var rows = [["USER ID", "USERNAME", "NICKNAME", "CREATED (UTC)"]]
        for user in page.items {
            rows.append([user.userId, user.username, user.nickname ?? "-", AdminFormat.time(user.createdAt)])
        }
        var text = AdminFormat.table(rows)
        if page.items.isEmpty { text = "no users" }
        if let next = page.nextCursor { text += "\nmore: --cursor \(next)" }
        let json: [String: Any] = [
            "items": page.items.map { user -> [String: Any] in
                ["userId": user.userId, "username": user.username, "nickname": user.nickname ?? NSNull(), "createdAt": user.createdAt]
            },
            "nextCursor": page.nextCursor ?? NSNull(),
        ]
        return AdminOutput(text: text, json: json)
    }

    /// `admin users create`: the new user's id.
    public func createUser(username: String, password: String, nickname: String? = nil) async throws(AdminCommandError) -> AdminOutput {
        let id = try await run {
            try await client.adminCreateUser(CreateUserRequest(username: username, password: password, nickname: nickname))
        }
        return AdminOutput(text: "created user \(username) with id \(id)", json: ["userId": id, "username": username])
    }

    // MARK: Money

    /// `admin deposit`: credits `amount` USDT; the wallet balance afterwards.
    public func deposit(userId: String, amount: String, asset: String = "USDT") async throws(AdminCommandError) -> AdminOutput {
        let balance = try await run { try await client.adminDeposit(userId: userId, amount: amount, asset: asset) }
        return AdminOutput(
            text: "deposited \(amount) \(asset) to user \(userId); wallet balance \(balance) \(asset)",
            json: ["userId": userId, "asset": asset, "amount": amount, "balance": balance])
    }

    /// `admin withdraw`: debits `amount` USDT (13001 when not available); the balance afterwards.
    public func withdraw(userId: String, amount: String, asset: String = "USDT") async throws(AdminCommandError) -> AdminOutput {
        let balance = try await run { try await client.adminWithdraw(userId: userId, amount: amount, asset: asset) }
        return AdminOutput(
            text: "withdrew \(amount) \(asset) from user \(userId); wallet balance \(balance) \(asset)",
            json: ["userId": userId, "asset": asset, "amount": amount, "balance": balance])
    }

    // MARK: Symbols

    /// `admin symbols list`: every symbol with its status and main limits.
    public func listSymbols() async throws(AdminCommandError) -> AdminOutput {
        let symbols = try await run { try await client.symbols() }
        var rows = [["SYMBOL", "STATUS", "TICK", "STEP", "MIN QTY", "MAX LEVERAGE", "FUNDING (H)"]]
        for symbol in symbols {
            rows.append([
                symbol.symbol, symbol.status, symbol.tickSize, symbol.stepSize, symbol.minQty, String(symbol.maxLeverage),
                String(symbol.fundingIntervalHours),
            ])
        }
        return AdminOutput(text: symbols.isEmpty ? "no symbols" : AdminFormat.table(rows), encodable: symbols)
    }

    /// `admin symbols create --file F`: creates the symbol that `json` (a full API.md §5.1
    /// `Symbol`) describes.
    public func createSymbol(json: Data) async throws(AdminCommandError) -> AdminOutput {
        let symbol: Symbol
        do {
            symbol = try JSONDecoder().decode(Symbol.self, from: json)
        } catch {
            throw AdminCommandError(message: "the symbol file is not a Symbol (API.md §5.1): \(error)")
        }
        let created = try await run { try await client.adminCreateSymbol(symbol) }
        return AdminOutput(text: "created \(created.symbol) (\(created.status))", encodable: created)
    }

    /// `admin symbols set SYMBOL --status …`: changes the given fields.
    public func updateSymbol(_ update: SymbolUpdate) async throws(AdminCommandError) -> AdminOutput {
        let updated = try await run { try await client.adminUpdateSymbol(update) }
        return AdminOutput(
            text: "\(updated.symbol): status \(updated.status), tick \(updated.tickSize), step \(updated.stepSize), max leverage \(updated.maxLeverage)",
            encodable: updated)
    }

    // MARK: Index, insurance, clock

    /// `admin index-price SYMBOL PRICE`: sets the operator feed's index price.
    public func setIndexPrice(symbol: String, price: String) async throws(AdminCommandError) -> AdminOutput {
        let answer = try await run { try await client.adminSetIndexPrice(symbol: symbol, price: price) }
        let shown = answer["price"]?.stringValue ?? price
        return AdminOutput(text: "index price of \(answer["symbol"]?.stringValue ?? symbol) set to \(shown)", encodable: answer)
    }

    /// `admin insurance`: the insurance fund and the fee income.
    public func insuranceFund() async throws(AdminCommandError) -> AdminOutput {
        let fund = try await run { try await client.adminInsuranceFund() }
        return AdminOutput(text: "insurance fund \(fund.balance) USDT, fee income \(fund.feeIncome) USDT", encodable: fund)
    }

    /// `admin clock`: the exchange clock and its mode.
    public func clock() async throws(AdminCommandError) -> AdminOutput {
        let clock = try await run { try await client.adminClock() }
        return AdminOutput(text: "\(clock.time) (\(AdminFormat.time(clock.time)) UTC), \(clock.mode) clock", encodable: clock)
    }

    /// `admin clock set TIME` / `admin clock advance MS`: moves a manual clock forward,
    /// running the timers that fall due on the way; the clock afterwards.
    public func setClock(time: Int64) async throws(AdminCommandError) -> AdminOutput {
        _ = try await run { try await client.adminSetClock(time: time) }
        return try await clock()
    }

    /// Moves a manual clock forward by `milliseconds` from where it is now.
    public func advanceClock(by milliseconds: Int64) async throws(AdminCommandError) -> AdminOutput {
        guard milliseconds > 0 else { throw AdminCommandError(message: "advance by a positive number of milliseconds") }
        let now = try await run { try await client.adminClock() }
        return try await setClock(time: now.time + milliseconds)
    }

    /// Ends the client's connections.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Runs a client call, turning its failure into the message the operator reads.
    func run<T: Sendable>(_ body: () async throws -> T) async throws(AdminCommandError) -> T {
        do {
            return try await body()
        } catch let error as PerpetuaClientError {
            throw AdminCommandError(error, server: client.baseURL)
        } catch {
            throw AdminCommandError(message: "\(error)")
        }
    }
}

extension JSONValue {
    /// The text of a string or a number.
    var stringValue: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}
