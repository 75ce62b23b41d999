import PerpetuaCore

/// The exchange as a deterministic state machine: `apply(command) -> result`, one command
/// at a time, with no clock, randomness, I/O or concurrency inside (DESIGN.md).
///
/// Time enters as the envelope's timestamp; everything time-driven (mark price, premium,
/// funding, the daily rollover) is a timer command. Two engines fed the same envelopes end
/// in the same state, with the same ``stateHash()``.
public struct Engine: Sendable {
    public let configuration: EngineConfiguration

    var symbols: [SymbolState] = []
    var symbolIds: [String: Int] = [:]
    var accounts: IdTable<Account> = [:]
    var openOrders: IdTable<OpenOrder> = [:]
    /// Client ids of open orders and of orders closed within the retention window.
    var clientIds: [ClientKey: UInt64] = [:]
    /// Closed orders' client ids in closing order, for expiry after the retention window.
    var closedClientIds: [ClosedClientId] = []
    var closedClientIdsHead = 0
    /// Owners of recently closed orders (a bounded ring), so that a cancel of one answers
    /// 13014 "already final" rather than 13013; older ones answer "not found" here and the
    /// gateway, which has the history, can say more.
    var closedOrderOwners: IdTable<UInt64> = [:]
    var closedOrderRing: [UInt64] = []
    var closedOrderRingNext = 0
    var conditions: IdTable<ConditionState> = [:]
    var strategies: [UInt64: StrategyState] = [:]
    /// Accounts liquidated recently; they may only cancel until a mark tick finds them healthy.
    var liquidatingAccounts: Set<UInt64> = []
    /// When each account in the margin-call zone was last warned; an account leaves the
    /// table when a tick finds it below the zone or liquidates it.
    var marginCallTimes: [UInt64: Int64] = [:]

    /// The insurance fund: liquidation fees in, bankrupt accounts' losses out.
    public internal(set) var insuranceFund: Amount = .zero
    /// Fees collected minus rebates paid.
    public internal(set) var feeIncome: Amount = .zero
    /// Sub-unit remainders of exact PnL and funding (10⁻¹⁶), swept into the insurance fund
    /// whenever they make a whole 10⁻⁸, so that money is conserved exactly.
    var roundingResidue: Int128 = 0
    public internal(set) var totalDeposits: Amount = .zero
    public internal(set) var totalWithdrawals: Amount = .zero

    var nextOrderId: UInt64 = 1
    var nextTradeId: UInt64 = 1
    var nextConditionId: UInt64 = 1
    var nextStrategyId: UInt64 = 1
    var nextChangeId: UInt64 = 1

    /// The timestamp of the command being applied (or the last one).
    public internal(set) var time: Int64 = 0
    /// The sequence number of the last command applied.
    public internal(set) var lastSequence: UInt64 = 0

    // Scratch buffers, reused across commands.
    var events: [EngineEvent] = []
    var bookEvents: [BookEvent] = []
    /// Symbols whose last price changed during the command (LAST triggers to evaluate).
    var lastPriceChanged: [Int] = []
    /// (account, symbol) pairs whose position shrank during the command (reduce-only trims).
    var shrunkPositions: [(account: UInt64, symbol: Int)] = []

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        bookEvents.reserveCapacity(64)
    }

    /// Applies one command. Commands must come in sequence order; a command with a
    /// timestamp before the previous one is applied at the previous time (time never runs
    /// backwards inside the engine).
    public mutating func apply(_ envelope: CommandEnvelope) -> EngineResult {
        // The buffer is reused when the caller has let go of the previous result
        // (benchmarks and replay drop results at once), so most commands allocate nothing
        // for their events. A caller still holding the last result gets a fresh buffer of
        // the same capacity, kept small: one large burst (a liquidation's events) does not
        // make every later command allocate that much.
        if events.capacity > 32 { events = [] } else { events.removeAll(keepingCapacity: true) }
        var result = applyCommand(envelope)
        result.events = events
        return result
    }

    /// Applies one command like ``apply(_:)``, but appends its events to `buffer` and
    /// returns a result without them.
    ///
    /// For a caller that collects the events of many commands in one buffer (the
    /// sequencer's hand-off block): the engine writes them there in the first place, where
    /// copying them out of the result cost a retain per event, and clearing the engine's
    /// buffer a release.
    public mutating func apply(_ envelope: CommandEnvelope, appendingEventsTo buffer: inout [EngineEvent]) -> EngineResult {
        // The engine only appends to `events` while it applies a command.
        swap(&events, &buffer)
        defer { swap(&events, &buffer) }
        return applyCommand(envelope)
    }

    private mutating func applyCommand(_ envelope: CommandEnvelope) -> EngineResult {
        lastSequence = envelope.sequence
        time = max(time, envelope.timestamp)
        var result = EngineResult()
        switch envelope.command {
        case .deposit(let account, let amount):
            result.error = deposit(account: account, amount: amount)
        case .withdraw(let account, let amount):
            result.error = withdraw(account: account, amount: amount)
        case .placeOrder(let request):
            let outcome = placeOrder(request, source: .user)
            result.error = outcome.error
            result.orderId = outcome.orderId
        case .cancelOrder(let account, let symbol, let reference):
            let outcome = cancelOrder(account: account, symbol: symbol, reference: reference)
            result.error = outcome.error
            result.orderId = outcome.orderId
        case .amendOrder(let request):
            let outcome = amendOrder(request)
            result.error = outcome.error
            result.orderId = outcome.orderId
        case .batchPlace(let requests):
            if requests.count > 20 {
                result.error = PerpetuaError(.batchTooLarge, ["count": String(requests.count), "max": "20"])
            } else {
                for request in requests {
                    let outcome = placeOrder(request, source: .user)
                    result.items.append(EngineItemResult(error: outcome.error, orderId: outcome.orderId))
                    finishOrderCommand()
                }
            }
        case .batchAmend(let requests):
            if requests.count > 20 {
                result.error = PerpetuaError(.batchTooLarge, ["count": String(requests.count), "max": "20"])
            } else {
                for request in requests {
                    let outcome = amendOrder(request)
                    result.items.append(EngineItemResult(error: outcome.error, orderId: outcome.orderId))
                    finishOrderCommand()
                }
            }
        case .batchCancel(let account, let symbol, let references):
            if references.count > 20 {
                result.error = PerpetuaError(.batchTooLarge, ["count": String(references.count), "max": "20"])
            } else {
                for reference in references {
                    let outcome = cancelOrder(account: account, symbol: symbol, reference: reference)
                    result.items.append(EngineItemResult(error: outcome.error, orderId: outcome.orderId))
                }
            }
        case .cancelAll(let account, let symbol, let scope):
            result.error = cancelAll(account: account, symbol: symbol, scope: scope)
        case .placeCondition(let request):
            let outcome = placeCondition(request, strategyId: nil)
            result.error = outcome.error
            result.conditionOrderId = outcome.id
        case .cancelCondition(let account, let symbol, let id):
            result.error = cancelCondition(account: account, symbol: symbol, conditionOrderId: id)
        case .placeStrategy(let request):
            let outcome = placeStrategy(request)
            result.error = outcome.error
            result.strategyId = outcome.id
        case .setLeverage(let account, let symbol, let leverage):
            result.error = setLeverage(account: account, symbol: symbol, leverage: leverage)
        case .setMarginMode(let account, let symbol, let mode):
            result.error = setMarginMode(account: account, symbol: symbol, mode: mode)
        case .addSymbol(let spec):
            result.error = addSymbol(spec)
        case .updateSymbol(let spec):
            result.error = updateSymbol(spec)
        case .setIndexPrice(let symbol, let price):
            result.error = setIndexPrice(symbol: symbol, price: price)
        case .depositInsuranceFund(let amount):
            result.error = depositInsuranceFund(amount)
        case .markPriceTick:
            markPriceTick()
        case .premiumSample:
            premiumSample()
        case .settleFunding(let symbol):
            result.error = settleFunding(symbol: symbol)
        case .dailyRollover:
            dailyRollover()
        }
        finishOrderCommand()
        return result
    }

    /// The follow-up every command that can trade needs: trim reduce-only orders of
    /// positions that shrank, then fire LAST-price triggers, until nothing changes.
    mutating func finishOrderCommand() {
        var rounds = 0
        while !shrunkPositions.isEmpty || !lastPriceChanged.isEmpty {
            rounds += 1
            // Each round can only trigger condition orders that exist, and each fires once,
            // so the loop ends; the bound is a guard against a bug, not a rule.
            precondition(rounds < 100_000, "trigger cascade did not settle")
            if !shrunkPositions.isEmpty {
                let shrunk = shrunkPositions
                shrunkPositions.removeAll(keepingCapacity: true)
                for (account, symbol) in shrunk { trimReduceOnlyOrders(account: account, symbol: symbol) }
            }
            if !lastPriceChanged.isEmpty {
                let changed = lastPriceChanged
                lastPriceChanged.removeAll(keepingCapacity: true)
                for symbol in Set(changed).sorted() { evaluateTriggers(symbol: symbol, type: .last) }
            }
        }
    }

    // MARK: Lookups shared by every command

    /// The symbol index for a name, or 12002 with a suggestion.
    @inline(__always)
    func symbolIndex(_ name: String) -> Result<Int, PerpetuaError> {
        // A venue lists a handful of symbols: comparing short names beats hashing them.
        if symbols.count <= 16 {
            for index in symbols.indices where symbols[index].spec.symbol == name { return .success(index) }
        } else if let index = symbolIds[name] {
            return .success(index)
        }
        return .failure(SymbolName.notFound(name, known: symbolIds.keys.sorted()))
    }

    /// The account, created empty on first use so that positions line up with symbols.
    mutating func ensureAccount(_ id: UInt64) {
        if accounts[id] == nil {
            accounts[id] = Account(id: id, positions: symbols.map { PositionState(leverage: min(configuration.defaultLeverage, $0.spec.maxLeverage)) })
        }
    }

    /// Appends a balance change to the log and moves the wallet.
    mutating func changeBalance(
        _ account: UInt64, _ type: BalanceChangeType, _ amount: Amount, symbol: Int?, refId: UInt64
    ) {
        guard amount != .zero else { return }
        accounts[account]!.wallet += amount
        events.append(.balance(BalanceChange(
            id: nextChangeId, account: account, type: type, amount: amount,
            balanceAfter: accounts[account]!.wallet, symbol: symbol.map { symbols[$0].spec.symbol },
            refId: refId, time: time)))
        nextChangeId += 1
    }

    /// Adds an exact 10⁻¹⁶ remainder to the residue and sweeps whole 10⁻⁸ units into the
    /// insurance fund.
    mutating func addResidue(_ remainder: Int128) {
        roundingResidue += remainder
        let whole = roundingResidue / Int128(fixedPointOne)
        if whole != 0 {
            roundingResidue -= whole * Int128(fixedPointOne)
            insuranceFund += Amount(units: Int64(whole))
        }
    }

    // MARK: Money

    mutating func deposit(account: UInt64, amount: Amount) -> PerpetuaError? {
        guard amount.isPositive else { return .invalid("amount", "must be greater than zero") }
        ensureAccount(account)
        totalDeposits += amount
        changeBalance(account, .deposit, amount, symbol: nil, refId: lastSequence)
        return nil
    }

    mutating func withdraw(account: UInt64, amount: Amount) -> PerpetuaError? {
        guard amount.isPositive else { return .invalid("amount", "must be greater than zero") }
        guard accounts[account] != nil else {
            return PerpetuaError(.insufficientMargin, ["available": "0", "required": amount.description])
        }
        // Unrealised profit backs margin but is not cash: it cannot be withdrawn.
        let profit = max(0, crossFigures(accounts[account]!).unrealizedPnl)
        let available = availableBalance(account) - profit
        guard Int128(amount.units) * Int128(fixedPointOne) <= available else {
            return PerpetuaError(.insufficientMargin, [
                "available": Self.display(available).description, "required": amount.description,
            ])
        }
        totalWithdrawals += amount
        changeBalance(account, .withdraw, -amount, symbol: nil, refId: lastSequence)
        return nil
    }

    mutating func depositInsuranceFund(_ amount: Amount) -> PerpetuaError? {
        guard amount.isPositive else { return .invalid("amount", "must be greater than zero") }
        insuranceFund += amount
        totalDeposits += amount
        events.append(.insuranceFund(balance: insuranceFund, feeIncome: feeIncome))
        return nil
    }

    /// An exact 10⁻¹⁶ amount shown at 10⁻⁸, rounded down (what the user can count on).
    static func display(_ exact: Int128) -> Amount {
        Amount(units: Int64(RoundingRule.down.divide(exact, by: Int128(fixedPointOne))))
    }
}

/// What one command did: its events, and its error or the ids it created.
public struct EngineResult: Sendable {
    public var events: [EngineEvent] = []
    /// Why the command (or, for a batch, the whole batch) was refused.
    public var error: PerpetuaError?
    /// The order a place, cancel or amend concerned.
    public var orderId: UInt64?
    public var conditionOrderId: UInt64?
    public var strategyId: UInt64?
    /// One result per item of a batch.
    public var items: [EngineItemResult] = []

    public init() {}
}

/// One batch item's outcome.
public struct EngineItemResult: Hashable, Sendable {
    public var error: PerpetuaError?
    public var orderId: UInt64?
}
