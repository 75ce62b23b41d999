/// JSON samples written from API.md §5 and §8.
enum Samples {
    static let order = #"""
    {"orderId":"1001","clientOrderId":"bot-42","symbol":"BTCUSDT","side":"BUY","type":"LIMIT",
     "quantity":"0.010","price":"65000.5","timeInForce":"GTC","reduceOnly":false,
     "selfTradePrevention":"CANCEL_TAKER","status":"PARTIALLY_FILLED","executedQty":"0.004",
     "avgPrice":"65000.5","cumQuote":"260.002","source":"USER","cancelReason":null,
     "conditionOrderId":null,"strategyId":null,"createTime":1763700001000,"updateTime":1763700001500}
    """#

    static let symbol = #"""
    {"symbol":"BTCUSDT","baseAsset":"BTC","quoteAsset":"USDT","contractType":"PERPETUAL","status":"TRADING",
     "tickSize":"0.1","stepSize":"0.001","minQty":"0.001","maxQty":"1000","minNotional":"5",
     "priceBandRate":"0.05","maxLeverage":125,
     "leverageBrackets":[{"bracket":1,"maxLeverage":125,"notionalFloor":"0","notionalCap":"50000",
                          "maintMarginRate":"0.004","cum":"0"},
                         {"bracket":2,"maxLeverage":100,"notionalFloor":"50000","notionalCap":"250000",
                          "maintMarginRate":"0.005","cum":"50"}],
     "feeTiers":[{"tier":0,"minVolume30d":"0","makerRate":"0.0002","takerRate":"0.0005"},
                 {"tier":1,"minVolume30d":"1000000","makerRate":"-0.0001","takerRate":"0.0004"}],
     "fundingIntervalHours":8}
    """#
}
