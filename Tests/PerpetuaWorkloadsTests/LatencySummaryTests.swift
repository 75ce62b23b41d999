import PerpetuaWorkloads
import Testing

@Suite struct LatencySummaryTests {
    @Test func nearestRankPercentiles() {
        var samples = (1...1_000).map { UInt64($0) }.reversed().map { $0 }
        let summary = LatencySummary(sorting: &samples)
        #expect(summary.samples == 1_000)
        #expect(summary.p50Ns == 500)
        #expect(summary.p90Ns == 900)
        #expect(summary.p99Ns == 990)
        #expect(summary.p999Ns == 999)
        #expect(summary.maxNs == 1_000)
        #expect(summary.meanNs == 500.5)
    }

    @Test func emptyIsZero() {
        var samples: [UInt64] = []
        #expect(LatencySummary(sorting: &samples).p99Ns == 0)
    }
}
