import PerpetuaCore
import PerpetuaEngine

/// One side of a trade, as the account that owned the order saw it (API.md §5.4
/// `/v1/private/order/trades`). A trade makes two fills, one per side.
public struct FillRecord: Hashable, Sendable {
    public var tradeId: UInt64
    public var orderId: UInt64
    public var account: UInt64
    public var symbol: String
    public var side: Side
    public var price: Price
    public var quantity: Quantity
    /// price × quantity, exact.
    public var quoteQuantity: ExactProduct
    /// Charged in USDT; negative for a maker rebate.
    public var fee: Amount
    public var role: LiquidityRole
    public var realizedPnl: Amount
    public var time: Int64

    public init(
        tradeId: UInt64, orderId: UInt64, account: UInt64, symbol: String, side: Side, price: Price, quantity: Quantity,
        quoteQuantity: ExactProduct, fee: Amount, role: LiquidityRole, realizedPnl: Amount, time: Int64
    ) {
        self.tradeId = tradeId
        self.orderId = orderId
        self.account = account
        self.symbol = symbol
        self.side = side
        self.price = price
        self.quantity = quantity
        self.quoteQuantity = quoteQuantity
        self.fee = fee
        self.role = role
        self.realizedPnl = realizedPnl
        self.time = time
    }

    /// The asset fees are charged in.
    public var feeAsset: String { "USDT" }

    /// The row key: unique per side of a trade and the same on every replay, so that the
    /// two sides of a self-trade (same account) stay distinct.
    var rowId: Int64 { Int64(bitPattern: tradeId << 1 | (role == .taker ? 1 : 0)) }

    /// The two fills of a trade: the maker's, then the taker's.
    static func sides(of trade: TradeRecord) -> (maker: FillRecord, taker: FillRecord) {
        let quote = ExactProduct(trade.price, trade.quantity)
        let maker = FillRecord(
            tradeId: trade.tradeId, orderId: trade.makerOrderId, account: trade.makerAccount, symbol: trade.symbol,
            side: trade.takerSide.opposite, price: trade.price, quantity: trade.quantity, quoteQuantity: quote,
            fee: trade.makerFee, role: .maker, realizedPnl: trade.makerRealizedPnl, time: trade.time)
        let taker = FillRecord(
            tradeId: trade.tradeId, orderId: trade.takerOrderId, account: trade.takerAccount, symbol: trade.symbol,
            side: trade.takerSide, price: trade.price, quantity: trade.quantity, quoteQuantity: quote,
            fee: trade.takerFee, role: .taker, realizedPnl: trade.takerRealizedPnl, time: trade.time)
        return (maker, taker)
    }
}
