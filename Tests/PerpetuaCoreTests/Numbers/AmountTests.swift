import PerpetuaCore
import Testing

/// `Amount` is the one decimal type with arithmetic: exact sums and differences.
@Suite struct AmountTests {
    @Test func addsAndSubtractsExactly() {
        let a: Amount = dec("100.12345678")
        let b: Amount = dec("0.00000002")
        #expect(a + b == dec("100.1234568"))
        #expect(a - b == dec("100.12345676"))
        #expect(b - a == dec("-100.12345676"))
        #expect(-a == dec("-100.12345678"))
        #expect(-Amount.zero == .zero)
        var c = a
        c += b
        #expect(c == dec("100.1234568"))
        c -= b
        c -= b
        #expect(c == dec("100.12345676"))
    }

    @Test func sumsWithoutDrift() {
        // 0.1 added a million times is exactly 100,000: no binary floating point here.
        var total = Amount.zero
        let tenth: Amount = dec("0.1")
        for _ in 0..<1_000_000 { total += tenth }
        #expect(total == whole(100_000))
    }

    @Test func overflowStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = Amount(units: .max) + Amount(units: 1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Amount(units: .min) - Amount(units: 1)
        }
    }
}
