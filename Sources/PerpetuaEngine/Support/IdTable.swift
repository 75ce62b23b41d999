/// A dictionary keyed by the engine's 64-bit ids (accounts, orders, conditions).
///
/// A command looks ids up about a dozen times (the order, its account, the account again
/// for margin, the order again to apply the book's report), and with `UInt64` keys each
/// lookup runs SipHash, which was a tenth of the engine's time. The ids come from the
/// engine's own counters and from the store's account sequence, never from a client
/// choosing hash collisions, so a multiplicative hash is enough: its ``Slot`` key supplies
/// `_rawHashValue(seed:)`, the hook `Dictionary` calls for a key's hash, and still mixes in
/// the per-table seed so that copying between tables stays linear.
///
/// The API is the subset of `Dictionary` the engine uses, with `UInt64` keys, so the
/// engine's code reads as it did with a dictionary.
struct IdTable<Value>: Sequence, ExpressibleByDictionaryLiteral {
    typealias Key = UInt64

    struct Slot: Hashable, Sendable {
        let raw: UInt64

        @inline(__always) init(_ raw: UInt64) { self.raw = raw }

        func hash(into hasher: inout Hasher) { hasher.combine(raw) }

        /// Fibonacci hashing, folded so that high bits reach the low bits the table uses.
        @inline(__always)
        func _rawHashValue(seed: Int) -> Int {
            let mixed = (raw ^ UInt64(UInt(bitPattern: seed))) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
        }
    }

    private(set) var storage: [Slot: Value]

    init() { storage = [:] }

    init(dictionaryLiteral elements: (UInt64, Value)...) {
        storage = Dictionary(uniqueKeysWithValues: elements.map { (Slot($0.0), $0.1) })
    }

    @inline(__always)
    subscript(id: UInt64) -> Value? {
        get { storage[Slot(id)] }
        _modify { yield &storage[Slot(id)] }
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }

    /// The ids, in no particular order (sort them where order matters).
    var keys: LazyMapSequence<Dictionary<Slot, Value>.Keys, UInt64> { storage.keys.lazy.map(\.raw) }

    var values: Dictionary<Slot, Value>.Values {
        get { storage.values }
        _modify { yield &storage.values }
    }

    /// The position of `id`'s entry, for changing its value in place through ``values``.
    func index(forKey id: UInt64) -> Dictionary<Slot, Value>.Index? { storage.index(forKey: Slot(id)) }

    @discardableResult
    mutating func removeValue(forKey id: UInt64) -> Value? { storage.removeValue(forKey: Slot(id)) }

    func makeIterator() -> some IteratorProtocol<(key: UInt64, value: Value)> {
        storage.lazy.map { (key: $0.key.raw, value: $0.value) }.makeIterator()
    }
}

extension IdTable: Sendable where Value: Sendable {}
extension IdTable: Equatable where Value: Equatable {}
