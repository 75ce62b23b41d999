/// A strategy order and its legs (API.md §5.4).
public struct Strategy: Codable, Sendable, Hashable {
    public var strategyId: String
    public var clientStrategyId: String?
    /// `OTO`, `OCO` or `OTOCO`.
    public var type: String
    /// `NEW`, `WORKING`, `COMPLETED` or `CANCELED`.
    public var status: String
    public var legs: [StrategyLeg]
    public var createTime: Int64?
    public var updateTime: Int64?

    private enum CodingKeys: String, CodingKey {
        case strategyId, clientStrategyId, type, status, legs, createTime, updateTime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        strategyId = try container.decode(String.self, forKey: .strategyId)
        clientStrategyId = try container.decodeIfPresent(String.self, forKey: .clientStrategyId)
        type = try container.decode(String.self, forKey: .type)
        status = try container.decode(String.self, forKey: .status)
        legs = try container.decodeIfPresent([StrategyLeg].self, forKey: .legs) ?? []
        createTime = try container.decodeIfPresent(Int64.self, forKey: .createTime)
        updateTime = try container.decodeIfPresent(Int64.self, forKey: .updateTime)
    }
}
